import type { Pulse } from '../api-types'
import { formatRate } from './report-format'

export interface Participation {
  /** For the progress bar: undefined when nothing can be shown yet. */
  value?: number
  max?: number
  /** What the bar says in words (also its accessible value text). */
  text: string
  /** Why the number is what it is, when that needs saying. */
  note?: string
}

/**
 * Participation of a pulse in words. While open the server rounds `responded` down to a
 * multiple of k, so the text says "at least" and explains why; once closed it is the released
 * count, or null when fewer than k responded (never released).
 */
export function participation(pulse: Pulse): Participation {
  const { eligible, minGroupSize: k } = pulse
  const responded = pulse.responded ?? 0
  if (pulse.status === 'closed' && pulse.responded === null) {
    return {
      text: `Fewer than ${k} of ${eligible} responded`,
      note: `Counts below ${k}, the smallest group size, are never released: not even how many answered.`,
    }
  }
  if (pulse.status === 'open') {
    const text =
      responded === 0
        ? `Fewer than ${k} of ${eligible} responded so far`
        : `At least ${responded} of ${eligible} responded (${formatRate(responded, eligible)} or more)`
    return {
      value: responded,
      max: Math.max(eligible, 1),
      text,
      note:
        `While a pulse is open the count is rounded down to a multiple of ${k}, the smallest ` +
        `group size, so nobody can tell when one particular person answered.`,
    }
  }
  if (pulse.status === 'closed') {
    return {
      value: responded,
      max: Math.max(eligible, 1),
      text: `${responded} of ${eligible} responded (${formatRate(responded, eligible)})`,
    }
  }
  if (pulse.status === 'skipped') return { text: 'Did not open' }
  return { text: eligible ? `${eligible} members eligible` : 'Not open yet' }
}

export const statusLabels: Record<Pulse['status'], string> = {
  scheduled: 'Scheduled',
  open: 'Open',
  closed: 'Closed',
  skipped: 'Skipped',
}

/** Why a pulse is not open, in plain words; undefined when there is nothing to explain. */
export function pulseReason(pulse: Pulse): string | undefined {
  if (pulse.reason === 'preparing keys') {
    return 'Preparing keys: each anonymous group gets its own signing key. The pulse opens by itself as soon as they are ready.'
  }
  if (pulse.status === 'skipped') return `Skipped: ${pulse.reason ?? 'it could not open'}.`
  return pulse.reason
}

/** Whether the page should look again soon (keys are being made for some pulse). */
export function needsPolling(pulses: Pulse[]): boolean {
  return pulses.some((p) => p.status === 'scheduled' && p.reason === 'preparing keys')
}

/** Pulses newest first by opening time; ties by closing time. */
export function sortPulses(pulses: Pulse[]): Pulse[] {
  const t = (iso: string) => Date.parse(iso) || 0
  return [...pulses].sort((a, b) => t(b.opensAt) - t(a.opensAt) || t(b.closesAt) - t(a.closesAt))
}

/**
 * Whether a pulse may be deleted (DELETE /api/pulses/:pid): it never opened, or it closed with
 * nobody counted (`responded` 0 or null). The server decides; this only offers the button.
 */
export function deletable(pulse: Pulse): boolean {
  if (pulse.status === 'scheduled' || pulse.status === 'skipped') return true
  return pulse.status === 'closed' && !pulse.responded
}

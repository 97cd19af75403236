// A survey's pulses grouped by the quarter they open in, newest first, so a year of weekly pulses
// is four short headings rather than one long page. Pure.
import type { Pulse } from '../api-types'
import { sortPulses } from './participation'

export interface PulseQuarter {
  /** "2026-Q1": stable across renders, for keys and ids. */
  key: string
  /** "January–March 2026". */
  label: string
  /** Newest first. */
  pulses: Pulse[]
  /** "13 pulses: 12 closed, 1 open". */
  summary: string
  /** Shown opened: the newest quarter, and any quarter with a pulse still to open or close. */
  expanded: boolean
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const order: Pulse['status'][] = ['open', 'scheduled', 'closed', 'skipped']

/** The quarter a pulse opens in, by the reader's own calendar. */
function quarterOf(pulse: Pulse): { year: number; quarter: number } {
  const date = new Date(pulse.opensAt)
  return { year: date.getFullYear(), quarter: Math.floor(date.getMonth() / 3) }
}

/** "13 pulses: 12 closed, 1 open"; a single status needs no breakdown ("3 closed pulses"). */
function summarize(pulses: Pulse[]): string {
  const counts = order
    .map((status) => [status, pulses.filter((p) => p.status === status).length] as const)
    .filter(([, n]) => n > 0)
  const noun = pulses.length === 1 ? 'pulse' : 'pulses'
  if (counts.length === 1) return `${pulses.length} ${counts[0][0]} ${noun}`
  return `${pulses.length} ${noun}: ${counts.map(([status, n]) => `${n} ${status}`).join(', ')}`
}

/** The pulses by quarter of opening, newest quarter first and newest pulse first in each. */
export function pulseQuarters(pulses: Pulse[]): PulseQuarter[] {
  const quarters: PulseQuarter[] = []
  for (const pulse of sortPulses(pulses)) {
    const { year, quarter } = quarterOf(pulse)
    const key = `${year}-Q${quarter + 1}`
    let current = quarters.at(-1)
    if (current?.key !== key) {
      current = {
        key,
        label: `${months[quarter * 3]}–${months[quarter * 3 + 2]} ${year}`,
        pulses: [],
        summary: '',
        expanded: quarters.length === 0,
      }
      quarters.push(current)
    }
    current.pulses.push(pulse)
    if (pulse.status === 'open' || pulse.status === 'scheduled') current.expanded = true
  }
  for (const q of quarters) q.summary = summarize(q.pulses)
  return quarters
}

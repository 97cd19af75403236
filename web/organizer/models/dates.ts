import type { Cadence, FieldProblem } from '../api-types'

const pad = (n: number) => String(n).padStart(2, '0')

/** A Date as the value of an `<input type="datetime-local">`, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A datetime-local value (local time) as an ISO instant; undefined when blank or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** `days` after `from`, to the minute, as a datetime-local value. */
export function localInputAfter(from: Date, days: number): string {
  const later = new Date(from.getTime() + days * 24 * 60 * 60 * 1000)
  later.setSeconds(0, 0)
  return toLocalInput(later)
}

/** Formats an instant in the browser's locale and time zone ("12 Mar 2025, 14:00"). */
export function formatDateTime(iso: string | undefined, locale?: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/**
 * Checks an open-pulse form: `closesAt` is required and must come after the opening (now when
 * `opensAt` is blank). Paths match the server's body fields.
 */
export function validatePulseTimes(
  opensAt: string | undefined,
  closesAt: string | undefined,
  now: Date,
): FieldProblem[] {
  if (!closesAt) return [{ path: 'closesAt', message: 'choose when the pulse closes' }]
  const start = opensAt ? Date.parse(opensAt) : now.getTime()
  if (Date.parse(closesAt) <= start) {
    return [{ path: 'closesAt', message: 'must be after the pulse opens' }]
  }
  return []
}

/** The longest pulse each cadence allows (API.md): it must close before the next one opens. */
export const maxDurationDays: Record<Cadence, number> = { weekly: 7, biweekly: 14, monthly: 28 }

export const cadenceLabels: Record<Cadence, string> = {
  weekly: 'Every week',
  biweekly: 'Every two weeks',
  monthly: 'Every month',
}

/** A duration kept within the cadence's limit (at least one day). */
export function clampDuration(days: number, cadence: Cadence): number {
  if (!Number.isFinite(days)) return maxDurationDays[cadence]
  return Math.min(Math.max(1, Math.round(days)), maxDurationDays[cadence])
}

/** Checks a schedule form the way the server will. */
export function validateSchedule(
  cadence: Cadence,
  startsAt: string | undefined,
  durationDays: number,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!startsAt) problems.push({ path: 'startsAt', message: 'choose when the first pulse opens' })
  const max = maxDurationDays[cadence]
  if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > max) {
    problems.push({
      path: 'durationDays',
      message: `must be a whole number of days from 1 to ${max}`,
    })
  }
  return problems
}

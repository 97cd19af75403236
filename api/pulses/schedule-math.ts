/**
 * Date math for recurring pulses, in UTC milliseconds. Every occurrence is computed from the
 * series start and its index, never from the previous occurrence, so a monthly series that
 * starts on the 31st returns to the 31st after a short month. All functions are O(1): no loop
 * runs per occurrence, however far `now` lies from `startsAt`.
 */

export const cadences = ['weekly', 'biweekly', 'monthly'] as const
export type Cadence = (typeof cadences)[number]

const DAY = 86_400_000
const fixedPeriod = { weekly: 7 * DAY, biweekly: 14 * DAY } as const
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The longest a pulse of this cadence may stay open: 7, 14 or 28 days (never overlapping). */
export function maxDurationDays(cadence: Cadence): number {
  return cadence === 'weekly' ? 7 : cadence === 'biweekly' ? 14 : 28
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (y: number, m: number) => (m === 1 && isLeap(y) ? 29 : monthDays[m])

function check(...values: number[]): void {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`not a finite time: ${v}`)
}

/**
 * The n-th occurrence (n ≥ 0; n = 0 is `startsAt`). Monthly: the same UTC day-of-month and time
 * n months later, or that month's last day when the month is too short.
 */
export function nthOccurrence(startsAt: number, cadence: Cadence, n: number): number {
  check(startsAt, n)
  if (cadence !== 'monthly') return startsAt + n * fixedPeriod[cadence]
  const start = new Date(startsAt)
  const months = start.getUTCMonth() + n
  const year = start.getUTCFullYear() + Math.floor(months / 12)
  const month = months - Math.floor(months / 12) * 12
  const at = new Date(startsAt)
  // setUTCFullYear keeps the time of day and, unlike Date.UTC, leaves years 0–99 alone.
  at.setUTCFullYear(year, month, Math.min(start.getUTCDate(), daysIn(year, month)))
  return at.getTime()
}

/** Index of the first occurrence at or after `now` (0 when `now` ≤ `startsAt`). */
function indexAtOrAfter(startsAt: number, cadence: Cadence, now: number): number {
  if (now <= startsAt) return 0
  if (cadence !== 'monthly') return Math.ceil((now - startsAt) / fixedPeriod[cadence])
  const s = new Date(startsAt)
  const t = new Date(now)
  // Occurrence n falls in now's month; every earlier one lies in an earlier month, so before now.
  const n = (t.getUTCFullYear() - s.getUTCFullYear()) * 12 + t.getUTCMonth() - s.getUTCMonth()
  return nthOccurrence(startsAt, cadence, n) >= now ? n : n + 1
}

/**
 * The first occurrence of the series startsAt, startsAt + period, … that is at or after `now`;
 * `startsAt` itself when `now` ≤ `startsAt`. Throws RangeError on a non-finite time.
 */
export function occurrenceAfter(startsAt: number, cadence: Cadence, now: number): number {
  check(startsAt, now)
  return nthOccurrence(startsAt, cadence, indexAtOrAfter(startsAt, cadence, now))
}

/**
 * The first occurrence strictly after `after`; `startsAt` when `after` < `startsAt`.
 * Throws RangeError on a non-finite time.
 */
export function nextOccurrence(startsAt: number, cadence: Cadence, after: number): number {
  check(startsAt, after)
  const n = indexAtOrAfter(startsAt, cadence, after)
  const at = nthOccurrence(startsAt, cadence, n)
  return at > after ? at : nthOccurrence(startsAt, cadence, n + 1)
}

// The demo story's calendar: weekly pulses from Monday morning to Sunday evening, in UTC.

export const HOUR = 3600 * 1000
export const DAY = 24 * HOUR
export const WEEK = 7 * DAY
/** Monday 09:00 UTC to Sunday 18:00 UTC. */
export const PULSE_LENGTH = 6 * DAY + 9 * HOUR

export const iso = (ms: number) => new Date(ms).toISOString()

/** The latest Monday 09:00 UTC at or before `ms`. */
export function mondayMorning(ms: number): number {
  const d = new Date(ms)
  const monday = Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate() - ((d.getUTCDay() + 6) % 7),
    9,
  )
  return monday <= ms ? monday : monday - WEEK
}

// The rules a batch of turns must pass before anything is written. Pure, so each rule is
// tested directly; the route turns the errors into one 422.
import type { FieldError } from '../http/problem'

/** A time as sent: ms from the meeting's start, or an ISO instant (ms since the epoch). */
export type TimeInput = number | { at: number }

export interface TurnInput {
  id: string
  seat: number
  start: TimeInput
  end?: TimeInput | null
}

export interface ResolvedTurn {
  id: string
  seat: number
  start: number
  end: number | null
}

/** Clocks of a phone and the server differ a little: a turn may be this far past the server's now. */
export const CLOCK_SLACK_MS = 60_000

export interface Bounds {
  seats: number
  startedAt: number
  endedAt: number | null
  now: number
}

/** A sent time as ms from the meeting's start. */
export const offsetOf = (time: TimeInput, startedAt: number) =>
  typeof time === 'number' ? time : time.at - startedAt

/**
 * Resolves the batch's times to offsets and lists every rule it breaks: a seat outside 1..seats,
 * an id sent twice, a time before the meeting's start or after its end (or, while it runs,
 * after now), an end before its start. Turns timed before the end are fine whenever they arrive.
 */
export function checkTurns(
  input: TurnInput[],
  b: Bounds,
): { turns: ResolvedTurn[]; errors: FieldError[] } {
  const errors: FieldError[] = []
  const latest = b.endedAt !== null ? b.endedAt - b.startedAt : b.now - b.startedAt + CLOCK_SLACK_MS
  const afterLatest = b.endedAt !== null ? 'is after the meeting ended' : 'is in the future'
  const seen = new Set<string>()
  const turns = input.map((t, i) => {
    const at = (field: string, message: string) =>
      errors.push({ path: `turns.${i}.${field}`, message })
    if (seen.has(t.id)) at('id', 'appears twice in this batch')
    seen.add(t.id)
    if (t.seat < 1 || t.seat > b.seats) at('seat', `must be a seat from 1 to ${b.seats}`)
    const start = offsetOf(t.start, b.startedAt)
    const end = t.end === undefined || t.end === null ? null : offsetOf(t.end, b.startedAt)
    if (start < 0) at('start', 'is before the meeting started')
    else if (start > latest) at('start', afterLatest)
    if (end !== null) {
      if (end < start) at('end', 'is before the turn started (a negative duration)')
      else if (end > latest) at('end', afterLatest)
    }
    return { id: t.id, seat: t.seat, start, end }
  })
  return { turns, errors }
}

/**
 * Where a meeting may end: not before its start, not after now (with the clock slack), and not
 * before the last time of any turn already recorded.
 */
export function checkEnd(end: number, lastTurnAt: number | null, b: Bounds): FieldError[] {
  if (end < 0) return [{ path: 'end', message: 'is before the meeting started' }]
  if (end > b.now - b.startedAt + CLOCK_SLACK_MS)
    return [{ path: 'end', message: 'is in the future' }]
  if (lastTurnAt !== null && end < lastTurnAt)
    return [{ path: 'end', message: 'is before the last recorded turn' }]
  return []
}

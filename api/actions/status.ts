// An action's status and the dates that follow it. Pure: the routes validate input with zod,
// then ask these rules what the stored dates become; trend charts mark `startedOn` and `endedOn`.

export const actionStatuses = ['planned', 'in progress', 'done', 'dropped'] as const
export type ActionStatus = (typeof actionStatuses)[number]

/** A UTC day, `YYYY-MM-DD`. */
export type Day = string

/** The UTC day of an instant (ms since the epoch). */
export const dayOf = (ms: number): Day => new Date(ms).toISOString().slice(0, 10)

/** True for a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const ms = Date.parse(`${text}T00:00:00Z`)
  return !Number.isNaN(ms) && dayOf(ms) === text
}

/** What the status decides of an action. */
export interface StatusDates {
  status: ActionStatus
  startedOn: Day | null
  endedOn: Day | null
}

/** A change asked for: a status, and dates set (a day) or cleared (null) explicitly. */
export type StatusChange = Partial<StatusDates>

type FieldError = { path: string; message: string }

/**
 * The status and dates after `change`, or why not. A new status fills in its dates from `today`
 * unless given: in progress starts today (or keeps its start) and has not ended; done has started
 * (today, if it never did) and ends today; dropped ends today and keeps whatever start it had;
 * back to planned clears both. Dates given explicitly win, and must then fit the status:
 * planned has neither, in progress a start and no end, done both, dropped an end; an end is not
 * before the start, and neither lies after `today`.
 */
export function applyStatus(
  current: StatusDates | undefined,
  change: StatusChange,
  today: Day,
): { ok: true; dates: StatusDates } | { ok: false; errors: FieldError[] } {
  const status = change.status ?? current?.status ?? 'planned'
  let { startedOn, endedOn } = current ?? { startedOn: null, endedOn: null }
  if (!current || status !== current.status) {
    if (status === 'planned') [startedOn, endedOn] = [null, null]
    if (status === 'in progress') [startedOn, endedOn] = [startedOn ?? today, null]
    if (status === 'done') [startedOn, endedOn] = [startedOn ?? today, today]
    if (status === 'dropped') endedOn = today
  }
  if (change.startedOn !== undefined) startedOn = change.startedOn
  if (change.endedOn !== undefined) endedOn = change.endedOn
  const errors: FieldError[] = []
  const wants = {
    planned: [false, false],
    'in progress': [true, false],
    done: [true, true],
    dropped: [undefined, true],
  }[status]
  const check = (path: 'startedOn' | 'endedOn', value: Day | null, want: boolean | undefined) => {
    if (value !== null && value > today) errors.push({ path, message: 'must not be in the future' })
    else if (want === true && value === null)
      errors.push({ path, message: `is needed for an action that is ${status}` })
    else if (want === false && value !== null)
      errors.push({ path, message: `must be empty for an action that is ${status}` })
  }
  check('startedOn', startedOn, wants[0])
  check('endedOn', endedOn, wants[1])
  if (errors.length === 0 && startedOn !== null && endedOn !== null && endedOn < startedOn) {
    errors.push({ path: 'endedOn', message: 'must not be before startedOn' })
  }
  return errors.length ? { ok: false, errors } : { ok: true, dates: { status, startedOn, endedOn } }
}

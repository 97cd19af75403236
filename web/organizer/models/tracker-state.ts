// The meeting tracker's state as plain data: taps, undo, and what still has to reach the
// server. Pure and JSON-serialisable, so it is kept in localStorage as it is and a reload
// resumes exactly where the facilitator was. Times are ms from the meeting's start.
import type { MeetingTurn } from '../api-types'

/** What one tap did, so that undo can reverse it. */
export type Step = { tap: 'start'; id: string; closed: string | null } | { tap: 'end'; id: string }

export interface TrackerState {
  meetingId: string
  /** This device's clock (ms since the epoch) at the meeting's offset 0. */
  localStart: number
  /** Live turns in tap order. */
  turns: MeetingTurn[]
  history: Step[]
  /** Turns to send (again), with the revision of their latest change. */
  dirty: Record<string, number>
  /** Ids of turns that may be on the server and were undone, with the revision of the undo. */
  undone: Record<string, number>
  /** Ids that were in a request at least once (so they may be stored). */
  attempted: string[]
  rev: number
  /** Set when the facilitator ended the meeting here; the server is told after the last turns. */
  end: number | null
}

export interface Batch {
  turns: MeetingTurn[]
  undo: string[]
  rev: number
}

/** The most a request carries (the API's limit per list). */
export const BATCH_LIMIT = 500

export function newTracker(
  meetingId: string,
  localStart: number,
  stored: MeetingTurn[] = [],
): TrackerState {
  return {
    meetingId,
    localStart,
    turns: stored,
    history: [],
    dirty: {},
    undone: {},
    attempted: stored.map((t) => t.id),
    rev: 0,
    end: null,
  }
}

/** The offset of `nowMs`, never before the start nor before the latest recorded time. */
export function offsetAt(s: TrackerState, nowMs: number): number {
  const latest = s.turns.reduce((m, t) => Math.max(m, t.start, t.end ?? 0), 0)
  return Math.max(latest, nowMs - s.localStart, 0)
}

/** The turn still open (tapped, not yet ended), if any. */
export const openTurn = (s: TrackerState) => s.turns.find((t) => t.end === null)

const touch = (s: TrackerState, ids: string[]) => {
  const rev = s.rev + 1
  const dirty = { ...s.dirty }
  for (const id of ids) dirty[id] = rev
  return { rev, dirty }
}

/**
 * A tap on `seat` at `at`: tapping the seat that is speaking ends its turn; tapping another seat
 * ends the open turn there and starts a new one (with `id`).
 */
export function tap(s: TrackerState, seat: number, at: number, id: string): TrackerState {
  if (s.end !== null) return s
  const open = openTurn(s)
  if (open && open.seat === seat) {
    return {
      ...s,
      turns: s.turns.map((t) => (t.id === open.id ? { ...t, end: at } : t)),
      history: [...s.history, { tap: 'end', id: open.id }],
      ...touch(s, [open.id]),
    }
  }
  const turns = s.turns.map((t) => (t.id === open?.id ? { ...t, end: at } : t))
  return {
    ...s,
    turns: [...turns, { id, seat, start: at, end: null }],
    history: [...s.history, { tap: 'start', id, closed: open?.id ?? null }],
    ...touch(s, open ? [open.id, id] : [id]),
  }
}

/** Reverses the last tap: a started turn goes (and the turn it ended is open again); an ended one reopens. */
export function undo(s: TrackerState): TrackerState {
  const step = s.history.at(-1)
  if (!step || s.end !== null) return s
  const history = s.history.slice(0, -1)
  if (step.tap === 'end') {
    return {
      ...s,
      history,
      turns: s.turns.map((t) => (t.id === step.id ? { ...t, end: null } : t)),
      ...touch(s, [step.id]),
    }
  }
  const { rev, dirty } = touch(s, step.closed ? [step.closed] : [])
  delete dirty[step.id]
  const undone = s.attempted.includes(step.id) ? { ...s.undone, [step.id]: rev } : s.undone
  const turns = s.turns
    .filter((t) => t.id !== step.id)
    .map((t) => (t.id === step.closed ? { ...t, end: null } : t))
  return { ...s, history, turns, dirty, undone, rev }
}

/** Ends the meeting at `at`: the open turn ends there too; no more taps or undo. */
export function finish(s: TrackerState, at: number): TrackerState {
  if (s.end !== null) return s
  const open = openTurn(s)
  const touched = open ? touch(s, [open.id]) : { rev: s.rev, dirty: s.dirty }
  return {
    ...s,
    turns: s.turns.map((t) => (t.id === open?.id ? { ...t, end: at } : t)),
    history: [],
    ...touched,
    end: at,
  }
}

/** What is still to send, at most BATCH_LIMIT of each; null when the server has everything. */
export function pendingBatch(s: TrackerState): Batch | null {
  const ids = Object.keys(s.dirty).slice(0, BATCH_LIMIT)
  const undoIds = Object.keys(s.undone).slice(0, BATCH_LIMIT)
  if (ids.length === 0 && undoIds.length === 0) return null
  const byId = new Map(s.turns.map((t) => [t.id, t]))
  return { turns: ids.map((id) => byId.get(id)!).filter(Boolean), undo: undoIds, rev: s.rev }
}

/** Notes that `batch` is about to be sent: its turns may be stored from now on. */
export function markAttempted(s: TrackerState, batch: Batch): TrackerState {
  const attempted = new Set(s.attempted)
  for (const t of batch.turns) attempted.add(t.id)
  return { ...s, attempted: [...attempted] }
}

/** The server stored `batch`: what it held is clean, unless it changed again since. */
export function acknowledge(s: TrackerState, batch: Batch): TrackerState {
  const dirty = { ...s.dirty }
  for (const t of batch.turns) if ((dirty[t.id] ?? Infinity) <= batch.rev) delete dirty[t.id]
  const undone = { ...s.undone }
  for (const id of batch.undo) if ((undone[id] ?? Infinity) <= batch.rev) delete undone[id]
  return { ...s, dirty, undone }
}

/** Turns the server refused (422) are dropped, so one bad tap cannot hold back every later one. */
export function dropTurns(s: TrackerState, ids: string[]): TrackerState {
  const gone = new Set(ids)
  const dirty = { ...s.dirty }
  for (const id of ids) delete dirty[id]
  return {
    ...s,
    turns: s.turns.filter((t) => !gone.has(t.id)),
    history: s.history.filter((h) => !gone.has(h.id)),
    dirty,
  }
}

/** Taps not yet acknowledged by the server. */
export const unsent = (s: TrackerState) =>
  Object.keys(s.dirty).length + Object.keys(s.undone).length

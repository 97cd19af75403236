// The live tracker of one running meeting: taps kept in localStorage at once, sent in batches
// every few seconds (and whenever the device comes back online), the meeting ended only after
// its last taps arrived. A lost connection only delays; a reload resumes from storage.
import { computed, signal } from '@preact/signals'
import { measure, tally } from '../../../api/meetings/measures'
import * as api from '../api'
import { toApiError, type ApiError } from '../api-error'
import type { Meeting, MeetingDetail } from '../api-types'
import {
  acknowledge,
  dropTurns,
  finish,
  markAttempted,
  newTracker,
  offsetAt,
  openTurn,
  pendingBatch,
  tap,
  undo,
  unsent,
  type TrackerState,
} from './tracker-state'

/** The part of the Web Storage API the tracker uses (localStorage, or a test double). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface TrackerIo {
  send: typeof api.sendTurns
  end: typeof api.endMeeting
  storage?: KeyValueStore
  now: () => number
  newId: () => string
}

const defaultIo: TrackerIo = {
  send: api.sendTurns,
  end: api.endMeeting,
  storage: typeof localStorage === 'undefined' ? undefined : localStorage,
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
}

const keyOf = (mid: string) => `trustpulse.meeting.${mid}`

/** The stored tracker of meeting `mid`, if this device has one. */
export function loadTracker(mid: string, storage = defaultIo.storage): TrackerState | undefined {
  try {
    const raw = storage?.getItem(keyOf(mid))
    const state = raw ? (JSON.parse(raw) as TrackerState) : undefined
    return state?.meetingId === mid ? state : undefined
  } catch {
    return undefined
  }
}

/** Keeps the tracker; storage that is full or switched off only costs the reload guarantee. */
export function saveTracker(state: TrackerState, storage = defaultIo.storage): void {
  try {
    storage?.setItem(keyOf(state.meetingId), JSON.stringify(state))
  } catch {
    /* the meeting still runs from memory */
  }
}

/** A tracker for a meeting created on this device just now: its clock starts at the answer. */
export function startTracker(
  meeting: Meeting,
  io: Pick<TrackerIo, 'now' | 'storage'> = defaultIo,
): void {
  saveTracker(newTracker(meeting.id, io.now()), io.storage)
}

export type SyncStatus = 'saved' | 'sending' | 'waiting' | 'refused'

/** Every few seconds while taps wait to be sent. */
export const SYNC_EVERY_MS = 3000

export function trackerModel(detail: MeetingDetail, io: TrackerIo = defaultIo) {
  const stored = loadTracker(detail.id, io.storage)
  // Another device (or cleared storage): resume from what the server holds, on the server's clock.
  const state = signal<TrackerState>(
    stored ?? newTracker(detail.id, Date.parse(detail.startedAt), detail.turns),
  )
  const status = signal<SyncStatus>('saved')
  const problem = signal<ApiError | undefined>(undefined)
  /** The ended meeting as the server answered, once it did. */
  const ended = signal<(Meeting & { measures: MeetingDetail['measures'] }) | undefined>(undefined)
  /** Set when the server refused some taps, to say so. */
  const dropped = signal(0)

  const update = (next: TrackerState) => {
    state.value = next
    saveTracker(next, io.storage)
  }

  const counts = computed(() => {
    const bySeat = Array.from({ length: detail.seats }, () => 0)
    for (const t of state.value.turns) bySeat[t.seat - 1]++
    return bySeat
  })
  /** Live measures over turn counts (the open turn has no length yet). */
  const live = computed(() =>
    measure({
      labels: detail.labels,
      tallies: tally(
        detail.seats,
        state.value.turns.map((t) => ({ seat: t.seat, start: t.start })),
      ),
      durationMs: 0,
    }),
  )
  const speaking = computed(() => openTurn(state.value)?.seat)
  const pending = computed(() => unsent(state.value))
  const canUndo = computed(() => state.value.history.length > 0 && state.value.end === null)
  const ending = computed(() => state.value.end !== null)

  let running: Promise<void> | undefined
  /** Sends what waits, one request at a time; safe to call as often as one likes. */
  function sync(): Promise<void> {
    running ??= drain().finally(() => (running = undefined))
    return running
  }

  async function drain(): Promise<void> {
    for (;;) {
      const batch = pendingBatch(state.value)
      if (!batch && (state.value.end === null || ended.value)) {
        status.value = 'saved'
        return
      }
      status.value = 'sending'
      try {
        if (batch) {
          update(markAttempted(state.value, batch))
          await io.send(detail.id, { turns: batch.turns, undo: batch.undo })
          update(acknowledge(state.value, batch))
        } else {
          ended.value = await io.end(detail.id, state.value.end!)
          io.storage?.removeItem(keyOf(detail.id))
        }
        problem.value = undefined
      } catch (thrown) {
        const error = toApiError(thrown)
        const refused =
          batch && error.status === 422
            ? refusedIds(
                error,
                batch.turns.map((t) => t.id),
              )
            : []
        if (refused.length > 0) {
          dropped.value += refused.length
          update(dropTurns(state.value, refused))
          continue
        }
        problem.value = error
        // No connection or a server hiccup: wait and try again. Anything else needs a person.
        status.value = error.status === 0 || error.status >= 500 ? 'waiting' : 'refused'
        return
      }
    }
  }

  const at = () => offsetAt(state.value, io.now())

  return {
    detail,
    state,
    status,
    problem,
    ended,
    dropped,
    counts,
    live,
    speaking,
    pending,
    canUndo,
    ending,
    sync,
    tap: (seat: number) => update(tap(state.value, seat, at(), io.newId())),
    undo: () => update(undo(state.value)),
    /** Ends the meeting here and now; the server learns it once the last taps are in. */
    end: () => {
      update(finish(state.value, at()))
      return sync()
    },
  }
}

export type Tracker = ReturnType<typeof trackerModel>

/** Ids of the batch's turns a 422 names (`turns.<i>.…`). */
function refusedIds(error: ApiError, ids: string[]): string[] {
  const out = new Set<string>()
  for (const e of error.errors ?? []) {
    const m = /^turns\.(\d+)(\.|$)/.exec(e.path)
    if (m && ids[Number(m[1])]) out.add(ids[Number(m[1])])
  }
  return [...out]
}

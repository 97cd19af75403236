import type { LogEntry, LogHead } from '../../api/privacy/log-chain'
import type { Answer } from '../../api/surveys/question'
import type { Cohort, Community, MyPulse } from './api'
import type { LogProblem, Pins } from './key-check'
import type { MoveLink } from './move-link'
import type { PreparedToken, SignedToken } from './protocol'
import type { ReplyState } from './reply-state'

// What the member's device remembers. Everything anonymous lives only here: the server cannot
// tell a member which token is theirs, nor that they answered.

/** The part of the Web Storage API the store uses (localStorage, or a test double). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * A pulse's life on this device: prepared → token → pending → receipt (or moved away), and what
 * its checks found (`Pins`, key-check.ts: the outcome, the pinned fingerprint, the link's code).
 */
export type PulseRecord = Pins & {
  /** The pulse as last listed, so a device whose key was revoked can still use its token. */
  entry?: MyPulse
  /** Saved before asking for a signature, so a lost reply is retried with the same blindedMsg. */
  prepared?: PreparedToken & { keyId: string }
  /** A signed token not yet spent. */
  token?: SignedToken & { keyId: string }
  /** Answers sent or about to be sent with `token`, kept until a receipt arrives. */
  pending?: Answer[]
  /** Set once the answers are stored; token and answers are then forgotten. */
  receipt?: string
  /** The answers were sent at least once from here: a 409 with our receipt may be our own. */
  tried?: boolean
  /** The token had been spent from another device first: the answers sent here were not counted. */
  spent?: boolean
  /** The token went to another device with the member's move (only once the server said so). */
  moved?: boolean
  /** Why this pulse can no longer be answered from this device. */
  failed?: string
}

/** What this device knows of its community's transparency log (log-sync.ts). */
export type LogState = {
  communityId: string
  /** The last entry this device saw: every later log must extend it. */
  head: LogHead | null
  /** The entries of the last weeks, for the padding pattern of pulses opening. */
  recent: LogEntry[]
  /** A log that did not extend `head`: kept, since the server showed two histories. */
  problem?: LogProblem
}

export type MemberState = {
  memberKey?: string
  community?: Community
  attributes?: Cohort
  /** A join whose reply may have been lost: the same pair is accepted again. */
  pendingJoin?: { inviteKey: string; memberKey: string }
  /** A move link this device made: the pulses whose tokens it carries (move.ts). */
  moveOffer?: { pids: string[]; expiresAt: string }
  /** A move link opened here, kept until the exchange is done (the same pair is accepted again). */
  pendingMove?: MoveLink & { memberKey: string }
  /** The community's transparency log as this device last checked it. */
  log?: LogState
  /** Reply secrets of this device's comments and follow-ups waiting to go (reply-secrets.ts). */
  replies?: ReplyState
  pulses: Record<string, PulseRecord>
}

const KEY = 'trustpulse.member'

function browserStorage(): StorageLike | undefined {
  try {
    const s = globalThis.localStorage
    s.setItem(KEY + '.probe', '1')
    s.removeItem(KEY + '.probe')
    return s
  } catch {
    return undefined // no storage, or disabled (private modes): fall back to memory
  }
}

/**
 * The member's local state over `storage` (default localStorage), falling back to memory when
 * storage is unavailable or full; `persistent()` says which. Every change is written at once,
 * so a new store over the same storage (a reload) sees it.
 */
export function createStore(storage: StorageLike | undefined = browserStorage()) {
  let backing = storage
  let memory = '{"pulses":{}}'
  const read = (): MemberState => {
    let text: string | null = memory
    try {
      text = backing ? backing.getItem(KEY) : memory
    } catch {}
    try {
      const state = JSON.parse(text ?? '{}') as MemberState
      return { ...state, pulses: state.pulses ?? {} }
    } catch {
      return { pulses: {} }
    }
  }
  const write = (state: MemberState) => {
    memory = JSON.stringify(state)
    try {
      backing?.setItem(KEY, memory)
    } catch {
      backing = undefined // quota exceeded or storage revoked: keep going in memory
    }
  }
  /** Applies `change` to the state and saves it. */
  const update = (change: (state: MemberState) => void) => {
    const state = read()
    change(state)
    write(state)
  }
  return {
    persistent: () => backing !== undefined,
    get: read,
    update,
    pulse: (pid: string): PulseRecord => read().pulses[pid] ?? {},
    /** Merges `patch` into a pulse's record; a key set to undefined is removed. */
    savePulse: (pid: string, patch: Partial<PulseRecord>) =>
      update((s) => {
        const record: Record<string, unknown> = { ...s.pulses[pid], ...patch }
        for (const k in record) if (record[k] === undefined) delete record[k]
        s.pulses[pid] = record
      }),
  }
}

export type Store = ReturnType<typeof createStore>

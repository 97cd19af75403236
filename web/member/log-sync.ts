import { normalizeFingerprint } from '../../api/privacy/fingerprint'
import { checkChain, paddingWarnings, type LogEntry } from '../../api/privacy/log-chain'
import type { LogPage, MemberApi } from './api'
import type { LogProblem } from './key-check'
import type { LogState, PulseRecord, Store } from './store'

// The community's transparency log as this device follows it (issue "members can verify"). The
// device keeps the last head it saw; every later read must extend it, so the server cannot
// change history this device has seen without being caught. Loaded by import() when the checks
// run, so the page that answers a pulse does not wait for it.

/** Entries older than this (before the newest) are dropped: padding looks 14 days back. */
const keepDays = 30
/** At most this many pages of 500 entries in one read (a community's first read on a device). */
const maxPages = 40

const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * 86_400_000).toISOString().slice(0, 10)

/**
 * Reads the log of `communityId` after the head this device kept, checks that it extends it
 * (`checkChain`, and the server's own head neither behind nor beside it) and saves the new head,
 * the recent entries, or the problem found: a log once caught rewriting stays flagged. Answers
 * undefined when the log could not be read (no connection, a server without it).
 */
export async function syncLog(
  api: MemberApi,
  store: Store,
  communityId: string,
): Promise<LogState | undefined> {
  const kept = store.get().log
  const state: LogState =
    kept?.communityId === communityId ? kept : { communityId, head: null, recent: [] }
  if (state.problem) return state
  let head = state.head
  const fresh: LogEntry[] = []
  let problem: LogProblem | undefined
  for (let page = 0; page < maxPages && !problem; page++) {
    let read: LogPage
    try {
      read = await api.log(head?.seq ?? 0)
    } catch {
      return undefined
    }
    const chain = await checkChain(read.entries, head)
    if (!chain.ok) problem = { reason: chain.reason, seq: chain.seq }
    else {
      head = chain.head
      fresh.push(...read.entries)
      const served = read.head
      // The server's head must be where the chain ends, or ahead of it when more pages follow.
      if (head && (!served || served.seq < head.seq))
        problem = { reason: 'rewritten', seq: head.seq }
      else if (head && served?.seq === head.seq && served.hash !== head.hash)
        problem = { reason: 'rewritten', seq: head.seq }
      if (!read.next || read.entries.length === 0) break
    }
  }
  const all = [...state.recent, ...fresh]
  const newest = all.at(-1)?.day
  const next: LogState = {
    communityId,
    head: problem ? state.head : head,
    recent: newest ? all.filter((e) => e.day >= daysBefore(newest, keepDays)) : [],
    ...(problem ? { problem } : {}),
  }
  store.update((s) => (s.log = next))
  return next
}

/**
 * What the log says of each pulse this device checked: the fingerprint recorded when it opened
 * and the padding pattern for the member's own group. Pulses whose opening is no longer among
 * the recent entries keep what was found before.
 */
export function applyLog(
  state: LogState,
  records: Record<string, PulseRecord>,
  save: (pid: string, patch: Partial<PulseRecord>) => void,
) {
  for (const [pid, r] of Object.entries(records)) {
    if (!r.check) continue
    const opened = state.recent.find((e) => e.kind === 'pulse-opened' && e.data.pulseId === pid)
    if (opened?.kind !== 'pulse-opened') continue
    save(pid, {
      logCode: normalizeFingerprint(opened.data.fingerprint),
      padding: paddingWarnings(state.recent, pid, r.check.cohort),
    })
  }
}

import { signal } from '@preact/signals'
import { normalizeFingerprint } from '../../api/privacy/fingerprint'
import { ApiError, type MemberApi, type MyPulse } from './api'
import { checkPulseKeys, problemsOf, type LogProblem, type Problem } from './key-check'
import type { PulseRecord, Store } from './store'

// When the member page checks what it was told (issue "members can verify"): a pulse's key list
// before it fetches the pulse's token and again before it sends, and the community's log with
// them. The log's code loads by import(): only the key list is needed before the first paint.

const logChecks = () => import('./log-sync')

/**
 * The checks of the member's pulses over `api`, saving what they find with `save` (the pulses
 * model's, so the pages follow). `blockers` says what stops a pulse being answered from here.
 */
export function createChecks(
  api: MemberApi,
  store: Store,
  save: (pid: string, patch: Partial<PulseRecord>) => void,
) {
  /** A log that did not extend what this device saw before: every pulse is refused. */
  const logProblem = signal<LogProblem | undefined>(store.get().log?.problem)

  /**
   * Fetches the pulse's key list, checks it (key-check.ts) and pins its fingerprint the first
   * time. Answers the ApiError when the list could not be fetched (no connection, or this
   * device's key stopped working): the check this device made before then stands.
   */
  async function checkList(entry: MyPulse): Promise<ApiError | undefined> {
    const pid = entry.pulse.id
    let keys
    try {
      keys = await api.keys(pid)
    } catch (e) {
      return e instanceof ApiError ? e : new ApiError(0, 'No connection')
    }
    const check = await checkPulseKeys(entry, keys, store.get().community?.id)
    save(pid, { check, pin: store.pulse(pid).pin ?? normalizeFingerprint(check.fingerprint) })
  }

  let reading: Promise<void> | undefined
  /**
   * Reads the log after the head this device kept and checks it (log-sync.ts); then records what
   * it says of each pulse. Nothing changes when it cannot be read; concurrent calls share one read.
   */
  function checkLog(communityId = store.get().community?.id): Promise<void> {
    if (!communityId) return Promise.resolve()
    reading ??= (async () => {
      try {
        const { syncLog, applyLog } = await logChecks()
        const state = await syncLog(api, store, communityId)
        if (!state) return
        applyLog(state, store.get().pulses, save)
        logProblem.value = state.problem
      } catch {
        // The log's code could not be loaded: checked on the next load.
      } finally {
        reading = undefined
      }
    })()
    return reading
  }

  /** Everything that stops the pulse being answered from this device (empty: it may be). */
  const blockers = (record: PulseRecord): Problem[] => problemsOf(record, logProblem.value)

  /** The checks before tokens are fetched: every listed pulse's key list, then the log. */
  async function checkAll(list: MyPulse[]): Promise<void> {
    await Promise.all(list.map(checkList))
    await checkLog(list[0]?.communityId)
  }

  /**
   * The checks again just before answers go: the list fetched anew (a device whose key no
   * longer works keeps the check of the list it pinned) and the log. Answers what stops sending.
   */
  async function beforeSend(pid: string): Promise<Problem[]> {
    const entry = store.pulse(pid).entry
    if (entry) await checkList(entry)
    await checkLog(entry?.communityId)
    return blockers(store.pulse(pid))
  }

  return { logProblem, checkList, checkLog, checkAll, beforeSend, blockers }
}

export type Checks = ReturnType<typeof createChecks>

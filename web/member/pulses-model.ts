import { computed, signal } from '@preact/signals'
import type { Answer } from '../../api/surveys/question'
import {
  ApiError,
  revocation,
  type Cohort,
  type Community,
  type MemberApi,
  type MyPulse,
  type Report,
} from './api'
import type { PulseRecord, Store } from './store'
import { savePending, sendPending, type SendOutcome } from './submission'
import { createChecks } from './verify'

/** Where a pulse stands for this member on this device. */
export type PulseStatus =
  | 'fetching' // getting its anonymous token
  | 'offline' // could not get the token yet; retried on the next load
  | 'ready' // token held, not answered
  | 'sending'
  | 'pending' // answers saved, waiting to be sent
  | 'done'
  | 'other-device' // a token was issued to this member, but this device does not hold it
  | 'moved' // this device's token went to another one with the member's move
  | 'spent' // sent from here after another device had spent the same token: not counted
  | 'no-access' // this device lost the member's key and holds no token for the pulse
  | 'refused' // a check of what the pulse promised failed: no token is fetched, nothing is sent
  | 'failed'

export type PulseView = { pid: string; entry: MyPulse; record: PulseRecord; status: PulseStatus }
type Note = { status: PulseStatus; message?: string }

// blindrsa-ts is most of the member page's weight: load it only when a token must be made. Only
// the two functions are taken, so the bundle needs no namespace object of the module's exports.
const tokenClient = () =>
  import('./token-client').then(({ prepareToken, finalizeToken }) => ({
    prepareToken,
    finalizeToken,
  }))

/** Loads the member's pulses and keeps one token per open pulse until it is used. */
export function createPulsesModel(api: MemberApi, store: Store, now = () => Date.now()) {
  const records = signal(store.get().pulses)
  const entries = signal<MyPulse[] | undefined>(undefined)
  const notes = signal<Record<string, Note | undefined>>({})
  const state = signal<
    'idle' | 'loading' | 'ready' | 'offline' | 'signed-out' | 'access-reset' | 'moved' | 'error'
  >('idle')
  /** This device holds no working member key: only tokens it already holds can still be used. */
  const cut = computed(() => ['signed-out', 'access-reset', 'moved'].includes(state.value))
  const community = signal<Community | undefined>(store.get().community)
  const attributes = signal<Cohort | undefined>(store.get().attributes)
  const results = signal<Report[] | undefined>(undefined)

  const save = (pid: string, patch: Partial<PulseRecord>) => {
    store.savePulse(pid, patch)
    records.value = store.get().pulses
  }
  const note = (pid: string, n?: Note) => void (notes.value = { ...notes.value, [pid]: n })
  const checks = createChecks(api, store, save)

  /**
   * After a 401: "moved" when the member's move replaced this device's key (only now are the
   * tokens the move link carried marked moved: they are the other device's), "access-reset"
   * when a re-invite revoked it (which also cancelled any move), else signed out.
   */
  function refuse(e: unknown) {
    const why = revocation(e) ?? 'signed-out'
    const offer = store.get().moveOffer
    if (why === 'moved')
      for (const pid of offer?.pids ?? []) {
        const r = store.pulse(pid)
        if (r.token && !r.pending && !r.receipt && !r.spent) save(pid, { moved: true })
      }
    if (why !== 'signed-out') store.update((s) => delete s.moveOffer)
    state.value = why
  }

  /** Asks whether this device's key still works (the move panel waits for it to be replaced). */
  const checkAccess = () =>
    api.me().then(
      () => true,
      (e) => (e instanceof ApiError && e.status === 401 ? (refuse(e), false) : true),
    )

  function statusOf(entry: MyPulse, r: PulseRecord, n?: Note): PulseStatus {
    if (r.receipt) return 'done'
    if (r.spent) return 'spent'
    if (n?.status === 'sending') return 'sending'
    if (checks.blockers(r).length) return 'refused'
    if (r.pending) return 'pending'
    if (r.failed) return 'failed'
    if (r.moved) return 'moved'
    if (r.token) return 'ready'
    if (cut.value) return 'no-access'
    if (n) return n.status
    return entry.issued && !r.prepared ? 'other-device' : 'fetching'
  }

  /** Open pulses: as the server lists them, or as this device last saw them when it can't. */
  const pulses = computed<PulseView[]>(() => {
    const open = (e: MyPulse) => Date.parse(e.pulse.closesAt) > now()
    const local = Object.values(records.value).flatMap((r) => (r.entry ? [r.entry] : []))
    const list = entries.value ?? local.filter(open)
    return list.map((entry) => {
      const pid = entry.pulse.id
      const record = records.value[pid] ?? {}
      return { pid, entry, record, status: statusOf(entry, record, notes.value[pid]) }
    })
  })

  const running = new Map<string, Promise<unknown>>()
  /** Runs `task` once at a time per key: concurrent callers share the running promise. */
  function once<T>(key: string, task: () => Promise<T>): Promise<T> {
    let p = running.get(key) as Promise<T> | undefined
    if (!p) running.set(key, (p = task().finally(() => running.delete(key))))
    return p
  }

  /** Gets a signed token for a pulse unless this device has one, reusing a prepared one. */
  const obtainToken = (entry: MyPulse) => once('token:' + entry.pulse.id, () => getToken(entry))
  async function getToken(entry: MyPulse): Promise<void> {
    const pid = entry.pulse.id
    const r = store.pulse(pid)
    if (r.token || r.receipt || r.pending || r.moved || r.failed || r.spent) return
    if (entry.issued && !r.prepared) return note(pid, { status: 'other-device' })
    note(pid, { status: 'fetching' })
    // No token before the pulse's key list was checked here, and none when a check failed.
    const unread = r.check ? undefined : await checks.checkList(entry)
    if (unread?.status === 401) {
      refuse(unread)
      return note(pid, { status: 'failed' })
    }
    if (unread) return note(pid, { status: 'offline' })
    if (checks.blockers(store.pulse(pid)).length) return note(pid)
    const { keyId, publicKey } = entry.key
    try {
      const { prepareToken, finalizeToken } = await tokenClient().catch(() => {
        throw new ApiError(0, 'No connection') // the token client could not be loaded
      })
      let prepared = r.prepared
      if (!prepared) {
        // Saved before the request: if the reply is lost, the same blindedMsg is sent again.
        prepared = { ...(await prepareToken(publicKey)), keyId }
        save(pid, { prepared })
      }
      const { blindSig } = await api.issue(pid, prepared.blindedMsg)
      const signed = await finalizeToken(prepared, publicKey, blindSig)
      save(pid, { prepared: undefined, token: { ...signed, keyId: prepared.keyId } })
      note(pid)
    } catch (e) {
      const status = e instanceof ApiError ? e.status : -1
      if (status === 409) {
        save(pid, { prepared: undefined }) // another blindedMsg was signed: ours is useless
        note(pid, { status: 'other-device' })
      } else if (status === 0 || status >= 500) note(pid, { status: 'offline' })
      else if (status === 401) {
        // The key stopped working since the list was loaded: the page says why, once.
        refuse(e)
        note(pid, { status: 'failed' })
      } else {
        const message = `Your anonymous token could not be made (${(e as Error).message}).`
        note(pid, { status: 'failed', message })
      }
    }
  }

  /**
   * On app open: lists the open pulses, checks their key lists and the community's log, then gets
   * tokens for ALL of them at once, so the time a token is issued says nothing about when (or
   * whether) the member answers; loads shared results; and sends any answers still waiting.
   */
  const load = () => once('load', loadAll)
  async function loadAll() {
    // Closed pulses are forgotten: their tokens are useless and "done" no longer matters.
    store.update((s) => {
      for (const [pid, r] of Object.entries(s.pulses)) {
        const closed = r.entry && Date.parse(r.entry.pulse.closesAt) < now()
        if (closed && !r.pending) delete s.pulses[pid]
      }
    })
    records.value = store.get().pulses
    if (!store.get().memberKey) state.value = 'signed-out'
    else {
      state.value = 'loading'
      try {
        const [me, list] = await Promise.all([api.me(), api.myPulses()])
        store.update((s) => Object.assign(s, me))
        community.value = me.community
        attributes.value = me.attributes
        for (const entry of list) save(entry.pulse.id, { entry })
        entries.value = list
        state.value = 'ready'
        // The key still works after a move link expired: that move never happened.
        const offer = store.get().moveOffer
        if (offer && Date.parse(offer.expiresAt) <= now()) store.update((s) => delete s.moveOffer)
        await Promise.all([
          checks.checkAll(list).then(() => Promise.all(list.map(obtainToken))),
          api.results().then(
            (r) => (results.value = r),
            () => {},
          ),
        ])
      } catch (e) {
        const status = e instanceof ApiError ? e.status : -1
        if (status === 401) refuse(e)
        else state.value = status === 0 ? 'offline' : 'error'
      }
    }
    await retryPending()
  }

  /**
   * Sends a pulse's pending answers once the checks pass again; concurrent calls share one
   * request. Refused answers that never left this device are forgotten (the form keeps them).
   */
  const flush = (pid: string) =>
    once('send:' + pid, async (): Promise<SendOutcome> => {
      note(pid, { status: 'sending' })
      const problems = await checks.beforeSend(pid)
      if (problems.length) {
        if (!store.pulse(pid).tried) save(pid, { pending: undefined })
        note(pid)
        return { kind: 'refused', problems }
      }
      const outcome = await sendPending(api, store, pid)
      records.value = store.get().pulses
      const settled = outcome.kind === 'done' || outcome.kind === 'spent'
      note(pid, settled ? undefined : { status: 'pending', message: outcome.message })
      return outcome
    })

  /** Saves the answers with the pulse's token, then sends them. */
  function send(pid: string, answers: Answer[]) {
    savePending(store, pid, answers)
    records.value = store.get().pulses
    return flush(pid)
  }

  const retryPending = () =>
    Promise.all(
      Object.keys(store.get().pulses)
        .filter((pid) => store.pulse(pid).pending)
        .map(flush),
    )

  /** Marks a token as moved away (or, with false, taken back to answer here after all). */
  const setMoved = (pid: string, moved: boolean) => save(pid, { moved: moved || undefined })

  return {
    state,
    cut,
    community,
    attributes,
    results,
    pulses,
    notes,
    load,
    checks,
    checkAccess,
    send,
    flush,
    retryPending,
    setMoved,
    save,
    obtainToken,
  }
}

export type PulsesModel = ReturnType<typeof createPulsesModel>

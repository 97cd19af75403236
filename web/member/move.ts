import { ApiError, type Community, type MemberApi } from './api'
import { moveUrl, type MoveLink, type MovedPin, type MovedToken } from './move-link'
import { memberKey as drawMemberKey } from './protocol'
import type { PulsesModel } from './pulses-model'
import type { PulseRecord, Store } from './store'
import { verifyToken } from './token-client'

// Moving the member to another device. This device asks the server for a single-use move key
// (authenticated by its member key) and shows a link holding it and its unspent tokens; the
// other device exchanges the move key for a member key it draws itself, which revokes this
// device's key. This device marks nothing moved until the server says its key was replaced by a
// move (pulses-model.ts): until then the member may still answer here.

/** The signed token of a record that can be moved, or undefined (never a prepared one). */
export function movableToken(pid: string, r: PulseRecord): MovedToken | undefined {
  if (!r.token || r.receipt || r.pending || r.spent || r.moved || r.failed) return undefined
  const { keyId, token, signature } = r.token
  return { pid, keyId, token, signature }
}

/**
 * Makes the move link: finalizes tokens prepared but not yet signed (a prepared one that cannot
 * be signed stays out of the link), asks for a move key, and remembers which pulses' tokens the
 * link carries. The link also carries the fingerprint pinned for every open pulse, so the other
 * device refuses a key list other than the one seen here. Throws the ApiError of a failed request.
 */
export async function makeMove(
  api: MemberApi,
  model: PulsesModel,
  store: Store,
  origin: string,
): Promise<{ url: string; expiresAt: string; tokens: number }> {
  const open = () => model.pulses.value
  await Promise.all(open().flatMap((v) => (v.record.prepared ? [model.obtainToken(v.entry)] : [])))
  const { moveKey, expiresAt } = await api.startMove()
  const tokens = open().flatMap((v) => movableToken(v.pid, store.pulse(v.pid)) ?? [])
  const pins = open().flatMap(({ pid }) => {
    const fingerprint = store.pulse(pid).pin
    return fingerprint ? [{ pid, fingerprint }] : []
  })
  store.update((s) => (s.moveOffer = { pids: tokens.map((t) => t.pid), expiresAt }))
  const url = moveUrl(origin, { moveKey, tokens, ...(pins.length ? { pins } : {}) })
  return { url, expiresAt, tokens: tokens.length }
}

/** How arriving with a move link ended. */
export type Arrival =
  | { kind: 'done'; taken: number }
  /** Used, expired or cancelled (the server does not say which). */
  | { kind: 'used' }
  /** No connection: the link is kept here, so trying again needs nothing more. */
  | { kind: 'offline' }
  | { kind: 'missing' }

/**
 * Completes a move on this device: exchanges the move key for a member key drawn here (the pair
 * is saved first, so a lost reply is retried with the same pair), then takes over the tokens
 * that verify under this member's open pulses. Without `link`, retries a move saved earlier.
 */
export async function arrive(
  api: MemberApi,
  model: PulsesModel,
  store: Store,
  link?: MoveLink,
): Promise<Arrival> {
  if (link) {
    const earlier = store.get().pendingMove
    const memberKey = earlier?.moveKey === link.moveKey ? earlier.memberKey : drawMemberKey()
    store.update((s) => (s.pendingMove = { ...link, memberKey }))
  }
  const pending = store.get().pendingMove
  if (!pending) return { kind: 'missing' }
  let community: Community | undefined
  try {
    ;({ community } = await api.move(pending.moveKey, pending.memberKey))
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0
    if (status === 0 || status >= 500) return { kind: 'offline' }
    if (status === 409 && link) {
      // The key drawn here is someone else's (never in practice): draw another, once.
      store.update((s) => (s.pendingMove = { ...pending, memberKey: drawMemberKey() }))
      return arrive(api, model, store)
    }
    // A reply lost until the move key expired: the key drawn here may be the member's already.
    community = await api.me(pending.memberKey).then(
      (me) => me.community,
      () => undefined,
    )
    if (!community) {
      store.update((s) => delete s.pendingMove)
      return { kind: 'used' }
    }
  }
  store.update((s) => {
    Object.assign(s, { memberKey: pending.memberKey, community })
    delete s.pendingMove
    delete s.moveOffer
  })
  takePins(model, store, pending.pins ?? [])
  const taken = await takeTokens(api, model, store, pending.tokens)
  await model.load() // tokens for pulses the link did not carry (main.tsx does not load here)
  return { kind: 'done', taken }
}

/**
 * Keeps the fingerprints the other device pinned: as this device's pin where it has none, else,
 * when they differ, as a conflict (the server showed the two devices different lists).
 */
function takePins(model: PulsesModel, store: Store, pins: MovedPin[]) {
  for (const { pid, fingerprint } of pins) {
    const here = store.pulse(pid).pin
    if (!here) model.save(pid, { pin: fingerprint })
    else if (here !== fingerprint) model.save(pid, { pinConflict: fingerprint })
  }
}

/** Saves the moved tokens that belong to this member's open pulses; answers how many. */
async function takeTokens(api: MemberApi, model: PulsesModel, store: Store, tokens: MovedToken[]) {
  const list = await api.myPulses().catch(() => [])
  let taken = 0
  for (const t of tokens) {
    const entry = list.find((e) => e.pulse.id === t.pid)
    const here = store.pulse(t.pid)
    if (here.receipt || here.pending || here.spent) continue // answered from here already
    if (!entry || entry.key.keyId !== t.keyId || !(await verifyToken(entry.key.publicKey, t)))
      continue
    const { keyId, signature } = t
    const token = { keyId, token: t.token, signature }
    model.save(t.pid, { entry, token, prepared: undefined, moved: undefined, failed: undefined })
    taken++
  }
  return taken
}

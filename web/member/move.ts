import type { PulsesModel } from './pulses-model'
import type { PulseRecord } from './store'
import { verifyToken } from './token-client'

// Moving a token between a member's devices. The link carries the token material in its
// fragment, which browsers never send to a server; whoever holds the link can answer once in
// the member's place, so it is shown only on request and only on the device that holds it.

/** A token on its way: signed, or prepared but not yet signed (then the server signs it again). */
export type MovedToken = { pid: string; keyId: string } & (
  { token: string; signature: string } | { token: string; blindedMsg: string; inv: string }
)

/** The token of a record that can be moved, or undefined. */
export function movableToken(pid: string, record: PulseRecord): MovedToken | undefined {
  if (record.receipt || record.pending) return undefined
  if (record.token) {
    const { keyId, token, signature } = record.token
    return { pid, keyId, token, signature }
  }
  if (record.prepared) {
    const { keyId, token, blindedMsg, inv } = record.prepared
    return { pid, keyId, token, blindedMsg, inv }
  }
}

/** A compact text for a URL fragment: `s` or `p`, then the fields, URI-encoded, comma-separated. */
export function encodeMove(t: MovedToken): string {
  const fields =
    'signature' in t
      ? ['s', t.pid, t.keyId, t.token, t.signature]
      : ['p', t.pid, t.keyId, t.token, t.blindedMsg, t.inv]
  return fields.map(encodeURIComponent).join(',')
}

/** Reads what encodeMove wrote; undefined for anything else. */
export function decodeMove(text: string): MovedToken | undefined {
  let f: string[]
  try {
    f = text.split(',').map(decodeURIComponent)
  } catch {
    return undefined
  }
  if (!f.slice(1).every(Boolean)) return undefined
  if (f[0] === 's' && f.length === 5) {
    return { pid: f[1], keyId: f[2], token: f[3], signature: f[4] }
  }
  if (f[0] === 'p' && f.length === 6) {
    return { pid: f[1], keyId: f[2], token: f[3], blindedMsg: f[4], inv: f[5] }
  }
}

/** The link another device opens to take the token over. */
export const moveUrl = (origin: string, t: MovedToken) => `${origin}/m/import#${encodeMove(t)}`

/** Takes over a token moved from another device; false if it does not fit an open pulse here. */
export async function importToken(model: PulsesModel, t: MovedToken): Promise<boolean> {
  const entry = model.pulses.value.find((p) => p.pid === t.pid)?.entry
  if (!entry || entry.key.keyId !== t.keyId) return false
  const { pid, keyId, token } = t
  if ('signature' in t) {
    if (!(await verifyToken(entry.key.publicKey, t))) return false
    model.save(pid, { token: { keyId, token, signature: t.signature } })
  } else model.save(pid, { prepared: { keyId, token, blindedMsg: t.blindedMsg, inv: t.inv } })
  model.save(pid, { moved: undefined, failed: undefined })
  await model.obtainToken({ ...entry, issued: true }) // signs a prepared token (same blindedMsg)
  return true
}

// What a member's device checks of a pulse's key list before it fetches a token and again before
// it sends (issue "members can verify"; DESIGN.md 3). The list comes from the same server the
// member distrusts, so every check is one the server cannot pass while cheating in that way:
// a key of one's own, a cohort under k joined, chosen key ids, keys of the wrong size. Pure and
// shared by the member page and the server's tests (Web Crypto on both).
import { toBase64Url, fromBase64Url } from './base64url'
import type { FingerprintKey } from './fingerprint'

/** Why a key list cannot be trusted; the member page words each for people. */
export type KeyListProblem =
  | { code: 'own-key-missing' }
  | { code: 'own-key-twice' }
  | { code: 'own-key-differs' }
  | { code: 'wrong-cohort'; expected: Record<string, string>; listed: Record<string, string> }
  | { code: 'not-a-prefix'; keyId: string }
  | { code: 'labels-repeat' }
  | { code: 'under-k'; keyId: string; joined: number; k: number }
  | { code: 'eligible-sum'; sum: number; eligible: number }
  | { code: 'joined-sum'; sum: number; joined: number }
  | { code: 'k-below-floor'; k: number }
  | { code: 'not-rsa-2048'; keyId: string }
  | { code: 'key-id-not-derived'; keyId: string }

/** What could not be checked, and why (a pulse opened before it was recorded). */
export type Unchecked = 'cohort-of-member' | 'joined' | 'key-ids'

export interface KeyListInput {
  keys: readonly FingerprintKey[]
  /** The key this member was given (`GET /api/me/pulses`). */
  mine: { keyId: string; publicKey: string }
  /** The member's attributes and the attribute order when the pulse opened, when the server sent them. */
  snapshot?: { attributes: Record<string, string>; order: readonly string[] }
  pulse: { eligible: number; joined: number | null; minGroupSize: number }
}

export interface KeyListReport {
  problems: KeyListProblem[]
  unchecked: Unchecked[]
  /** One cohort only: every member shares one key, so the pulse shows no groups. */
  loneRoot: boolean
}

/** A key's id as the server must make it: base64url SHA-256 of its SPKI, so ids cannot be chosen. */
export async function keyIdOf(publicKey: string): Promise<string> {
  return toBase64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64Url(publicKey))),
  )
}

/** True for an RSA public key of exactly 2048 bits with exponent 65537, as API.md fixes it. */
export async function isRsa2048(publicKey: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey(
      'spki',
      fromBase64Url(publicKey),
      { name: 'RSA-PSS', hash: 'SHA-384' },
      true,
      ['verify'],
    )
    const { n, e } = await crypto.subtle.exportKey('jwk', key)
    const modulus = fromBase64Url(n!)
    return e === 'AQAB' && modulus.length === 256 && modulus[0] >= 0x80
  } catch {
    return false
  }
}

const sameLabel = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

/**
 * The cohort a member belongs to under API.md's rule, given the key list: the deepest label whose
 * every value the member holds. (A member with a rarer value, or none, is in the pool that keeps
 * only the node's attributes, which is exactly the deepest label they still match.)
 */
export function cohortOf(
  labels: readonly Record<string, string>[],
  attributes: Record<string, string>,
): Record<string, string> | undefined {
  const matching = labels.filter((label) =>
    Object.entries(label).every(([k, v]) => Object.hasOwn(attributes, k) && attributes[k] === v),
  )
  return matching.sort((a, b) => Object.keys(b).length - Object.keys(a).length)[0]
}

/** Every check of a key list; an empty `problems` means the device may fetch a token and send. */
export async function checkKeyList(input: KeyListInput): Promise<KeyListReport> {
  const { keys, mine, snapshot, pulse } = input
  const k = pulse.minGroupSize
  const problems: KeyListProblem[] = []
  const unchecked: Unchecked[] = []
  const own = keys.filter((key) => key.keyId === mine.keyId)
  if (own.length === 0) problems.push({ code: 'own-key-missing' })
  else if (own.length > 1) problems.push({ code: 'own-key-twice' })
  else if (own[0].publicKey !== mine.publicKey) problems.push({ code: 'own-key-differs' })
  if (!(k >= 3)) problems.push({ code: 'k-below-floor', k })

  const labels = keys.map((key) => key.cohort)
  if (new Set(labels.map((l) => JSON.stringify(Object.entries(l).sort()))).size !== labels.length) {
    problems.push({ code: 'labels-repeat' })
  }
  if (snapshot) {
    for (const key of keys) {
      const names = Object.keys(key.cohort)
      const prefix = snapshot.order.slice(0, names.length)
      if (names.length > prefix.length || !names.every((n) => prefix.includes(n))) {
        problems.push({ code: 'not-a-prefix', keyId: key.keyId })
      }
    }
    const expected = cohortOf(labels, snapshot.attributes)
    if (own.length === 1 && expected && !sameLabel(expected, own[0].cohort)) {
      problems.push({ code: 'wrong-cohort', expected, listed: own[0].cohort })
    }
  } else unchecked.push('cohort-of-member')

  const loneRoot = keys.length === 1
  const recorded = pulse.joined !== null && keys.every((key) => key.joined !== null)
  if (!recorded) unchecked.push('joined')
  if (!loneRoot) {
    for (const key of keys) {
      // Without `joined` (older pulses) only eligible members can be counted.
      const joined = recorded ? key.joined! : key.eligible
      if (!(joined >= k)) problems.push({ code: 'under-k', keyId: key.keyId, joined, k })
    }
  }
  const eligibleSum = keys.reduce((s, key) => s + key.eligible, 0)
  if (eligibleSum !== pulse.eligible) {
    problems.push({ code: 'eligible-sum', sum: eligibleSum, eligible: pulse.eligible })
  }
  if (recorded) {
    const joinedSum = keys.reduce((s, key) => s + key.joined!, 0)
    if (joinedSum !== pulse.joined)
      problems.push({ code: 'joined-sum', sum: joinedSum, joined: pulse.joined! })
  }

  for (const key of keys) {
    if (!(await isRsa2048(key.publicKey))) problems.push({ code: 'not-rsa-2048', keyId: key.keyId })
    else if ((await keyIdOf(key.publicKey)) !== key.keyId) {
      // Pulses opened before key ids were derived from their keys cannot pass this.
      if (recorded) problems.push({ code: 'key-id-not-derived', keyId: key.keyId })
      else if (!unchecked.includes('key-ids')) unchecked.push('key-ids')
    }
  }
  return { problems, unchecked, loneRoot }
}

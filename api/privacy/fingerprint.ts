// A pulse's fingerprint (issue "members can verify"): one short code for everything a pulse
// promised — whose it is, what it asks, how it cuts and thresholds, and exactly which keys sign
// for which cohort. The member page computes it from what it fetched and the server from what it
// stored; people compare it aloud or with the code in the chat message everyone in the channel
// got. Pure and shared by the server and the member page (Web Crypto's SHA-256 on both).
import canonicalize from 'canonicalize'

/** One entry of a pulse's key list, as GET /api/pulses/:pid/keys answers it. */
export interface FingerprintKey {
  keyId: string
  publicKey: string
  cohort: Record<string, string>
  eligible: number
  joined: number | null
}

/** Everything a pulse promised when it opened. */
export interface PulsePromise {
  communityId: string
  pulseId: string
  /** The survey's questions, with any follow-up questions the pulse carries, as served. */
  questions: readonly unknown[]
  /** The attribute order its cohorts were formed by. */
  attributes: readonly string[]
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: 'threshold' | 'noise'
  epsilon: number
  keys: readonly FingerprintKey[]
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The same value with every string well formed (RFC 8785 refuses lone surrogates). */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(loneSurrogate, '\uFFFD')
  if (Array.isArray(value)) return value.map(wellFormed)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormed(v)]))
  }
  return value
}

/**
 * The canonical text the fingerprint hashes: RFC 8785 (JSON Canonicalization Scheme) of the
 * promise, keys sorted by keyId, under a version tag. Two parties holding the same promise get
 * the same text byte for byte, whatever order their JSON came in.
 */
export function canonicalPromise(promise: PulsePromise): string {
  const keys = [...promise.keys]
    .map(({ keyId, publicKey, cohort, eligible, joined }) => ({
      keyId,
      publicKey,
      cohort,
      eligible,
      joined,
    }))
    .sort((a, b) => (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0))
  return canonicalize(wellFormed({ v: 1, ...promise, keys }))!
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 of the first `chars` × 5 bits of `bytes`. */
function base32(bytes: Uint8Array, chars: number): string {
  let out = ''
  for (let i = 0; i < chars; i++) {
    const bit = i * 5
    const byte = bit >> 3
    const word = (bytes[byte] << 8) | (bytes[byte + 1] ?? 0)
    out += alphabet[(word >> (11 - (bit & 7))) & 31]
  }
  return out
}

/**
 * The pulse's fingerprint: SHA-256 of the canonical promise, its first 80 bits as 16 base32
 * characters in groups of four ("ABCD EFGH IJKL MNOP"). Any change to the promise — a key, a
 * count, a threshold, a question — changes it (but for a 2^-80 chance).
 */
export async function pulseFingerprint(promise: PulsePromise): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalPromise(promise))),
  )
  return base32(digest, 16).match(/..../g)!.join(' ')
}

/** A fingerprint as people type or links carry it: spaces, dashes and case do not matter. */
export const normalizeFingerprint = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, '')

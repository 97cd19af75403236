import { i2osp, modPow, os2ip } from '../../api/privacy/rsa'
import { base64url, randomBytes, type PreparedToken, type SignedToken } from './protocol'

// The client side of the anonymous protocol (DESIGN.md, "The anonymity model" 1; API.md, "Token
// suite"): RFC 9474 RSABSSA-SHA384-PSS-Randomized — prepare, blind, finalize — in native BigInt
// and Web Crypto, no DOM, so it runs in browsers and in Node 20 and the server's tests use it as
// the real client. Its arithmetic is the server's (api/privacy/rsa.ts); Web Crypto hashes and
// makes the final check. The member page loads it only to obtain tokens.
//
// Timing: modular inversion and multiplication of BigInts are not constant time. The secrets
// here (the blinding factor) live in the member's own browser, as with any JavaScript big-number
// library; the server never sees timing of them.

export * from './protocol'

const hashLength = 48 // SHA-384
const saltLength = 48 // RFC 9474's RSABSSA-SHA384-PSS-*: sLen = hLen
const pss = { name: 'RSA-PSS', saltLength }

interface CohortKey {
  key: CryptoKey
  n: bigint
  e: bigint
  /** The modulus length in bytes, and in bits. */
  kLen: number
  bits: number
}

/**
 * Imports a cohort's `publicKey` (SPKI DER, base64url) as an RSA-PSS SHA-384 key. It is
 * extractable because blinding needs its modulus and exponent.
 */
export function importPublicKey(publicKey: string): Promise<CryptoKey> {
  const der = base64url.decode(publicKey)
  return crypto.subtle.importKey('spki', der, { name: 'RSA-PSS', hash: 'SHA-384' }, true, [
    'verify',
  ])
}

async function cohortKey(publicKey: string | CryptoKey): Promise<CohortKey> {
  const key = typeof publicKey === 'string' ? await importPublicKey(publicKey) : publicKey
  const { n, e } = await crypto.subtle.exportKey('jwk', key)
  if (!n || !e) throw new Error('not an RSA public key')
  const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength
  return {
    key,
    n: os2ip(base64url.decode(n)),
    e: os2ip(base64url.decode(e)),
    kLen: Math.ceil(bits / 8),
    bits,
  }
}

const sha384 = async (...parts: Uint8Array[]) =>
  new Uint8Array(await crypto.subtle.digest('SHA-384', concat(...parts)))

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** RFC 8017 B.2.1 MGF1 with SHA-384. */
async function mgf1(seed: Uint8Array, length: number): Promise<Uint8Array> {
  const blocks: Uint8Array[] = []
  for (let counter = 0; blocks.length * hashLength < length; counter++) {
    blocks.push(await sha384(seed, i2osp(BigInt(counter), 4)))
  }
  return concat(...blocks).subarray(0, length)
}

/** RFC 8017 9.1.1 EMSA-PSS-ENCODE with SHA-384, MGF1-SHA-384 and the given salt. */
export async function emsaPssEncode(
  message: Uint8Array,
  emBits: number,
  salt: Uint8Array,
): Promise<Uint8Array> {
  const emLen = Math.ceil(emBits / 8)
  if (emLen < hashLength + salt.length + 2) throw new Error('encoding error')
  const h = await sha384(new Uint8Array(8), await sha384(message), salt)
  const db = new Uint8Array(emLen - hashLength - 1) // PS ‖ 0x01 ‖ salt
  db[db.length - salt.length - 1] = 1
  db.set(salt, db.length - salt.length)
  const mask = await mgf1(h, db.length)
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i]
  db[0] &= 0xff >> (8 * emLen - emBits)
  return concat(db, h, new Uint8Array([0xbc]))
}

/** x⁻¹ mod n by the extended Euclidean algorithm; throws when gcd(x, n) ≠ 1. */
function modInverse(x: bigint, n: bigint): bigint {
  let [r0, r1, t0, t1] = [n, x % n, 0n, 1n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1]
  }
  if (r0 !== 1n) throw new Error('not invertible')
  return t0 < 0n ? t0 + n : t0
}

/** A uniformly random integer in [1, n), by rejection. */
function randomBelow(n: bigint, kLen: number, bits: number): bigint {
  for (;;) {
    const bytes = randomBytes(kLen)
    bytes[0] &= 0xff >> (8 * kLen - bits)
    const r = os2ip(bytes)
    if (r > 0n && r < n) return r
  }
}

/** Draws a fresh token and blinds it for the cohort key `publicKey` (RFC 9474 Prepare, Blind). */
export async function prepareToken(publicKey: string | CryptoKey): Promise<PreparedToken> {
  const { n, e, kLen, bits } = await cohortKey(publicKey)
  // Randomized preparation: a 32-byte random prefix before the message (here random too).
  const token = concat(randomBytes(32), randomBytes(32))
  const m = os2ip(await emsaPssEncode(token, bits - 1, randomBytes(saltLength)))
  modInverse(m, n) // RFC 9474 4.2 step 3: m must be coprime to n
  const r = randomBelow(n, kLen, bits)
  const inv = modInverse(r, n)
  const blinded = (m * modPow(r, e, n)) % n
  return {
    token: base64url.encode(token),
    blindedMsg: base64url.encode(i2osp(blinded, kLen)),
    inv: base64url.encode(i2osp(inv, kLen)),
  }
}

/**
 * Unblinds the server's `blindSig` into a signature on the token (RFC 9474 Finalize). Throws
 * unless the signature verifies under `publicKey`, so a bad or substituted signature is caught
 * here rather than when the answers are sent.
 */
export async function finalizeToken(
  prepared: PreparedToken,
  publicKey: string | CryptoKey,
  blindSig: string,
): Promise<SignedToken> {
  const { key, n, kLen } = await cohortKey(publicKey)
  const z = base64url.decode(blindSig)
  if (z.length !== kLen) throw new Error('invalid signature')
  const signature = i2osp((os2ip(z) * os2ip(base64url.decode(prepared.inv))) % n, kLen)
  if (
    !(await crypto.subtle.verify(
      pss,
      key,
      signature as Uint8Array<ArrayBuffer>,
      base64url.decode(prepared.token),
    ))
  ) {
    throw new Error('invalid signature')
  }
  return { token: prepared.token, signature: base64url.encode(signature) }
}

/** True when `signature` is a valid signature on `token` under `publicKey`. */
export async function verifyToken(
  publicKey: string | CryptoKey,
  { token, signature }: SignedToken,
): Promise<boolean> {
  try {
    const key = typeof publicKey === 'string' ? await importPublicKey(publicKey) : publicKey
    return await crypto.subtle.verify(
      pss,
      key,
      base64url.decode(signature),
      base64url.decode(token),
    )
  } catch {
    return false
  }
}

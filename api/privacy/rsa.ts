// RSA building blocks shared by the blind signer, the token verifier and the member's token client
// (web/member/token-client.ts): RFC 8017 integer conversions, modular exponentiation for the
// public operation, and the public-key cache.
import { fromBase64Url } from './base64url'
import { cached, Lru } from './lru'

/** RFC 8017 OS2IP: big-endian bytes to a non-negative integer. */
export function os2ip(bytes: Uint8Array): bigint {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex === '' ? 0n : BigInt(`0x${hex}`)
}

/** RFC 8017 I2OSP: a non-negative integer to exactly `length` big-endian bytes; throws if it
 * does not fit. */
export function i2osp(x: bigint, length: number): Uint8Array {
  const hex = x.toString(16).padStart(length * 2, '0')
  if (x < 0n || hex.length > length * 2) throw new RangeError('integer too large')
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** base^exponent mod modulus, for public exponents only: this is not constant time. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n
  let b = base % modulus
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus
    b = (b * b) % modulus
  }
  return result
}

/** A private copy backed by a plain ArrayBuffer, as Web Crypto's types ask, safe from callers
 * mutating their buffer while an operation awaits. */
export function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

export interface PublicKey {
  /** For RSASSA-PSS verification, SHA-384. */
  key: CryptoKey
  n: bigint
  e: bigint
  /** The modulus length in bytes. */
  kLen: number
}

const publicKeys = new Lru<Promise<PublicKey>>(256)

/** The imported public key and its integers, cached per keyId (which must be that of `spki`). */
export function publicKeyOf(keyId: string, spki: Uint8Array): Promise<PublicKey> {
  return cached(publicKeys, keyId, async () => {
    const algorithm = { name: 'RSA-PSS', hash: 'SHA-384' }
    const key = await crypto.subtle.importKey('spki', copy(spki), algorithm, true, ['verify'])
    const { n, e } = await crypto.subtle.exportKey('jwk', key)
    if (!n || !e) throw new TypeError('not an RSA public key')
    const { modulusLength } = key.algorithm as RsaHashedKeyAlgorithm
    return {
      key,
      n: os2ip(fromBase64Url(n)),
      e: os2ip(fromBase64Url(e)),
      kLen: Math.ceil(modulusLength / 8),
    }
  })
}

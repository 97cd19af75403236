// Secrets at rest and keyed hashes, both under keys derived from the server secret, which is
// kept outside the database: a leaked database or backup alone neither opens a sealed cohort key
// nor links an issuance row to its member.
import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { fromBase64Url, toBase64Url } from './base64url'

const encoder = new TextEncoder()
const ivBytes = 12
const tagBytes = 16

/** Thrown by `unseal` for anything that does not open under this key and context. */
export class UnsealError extends Error {
  override name = 'UnsealError'
  constructor() {
    super('cannot unseal')
  }
}

export interface ServerKeys {
  /** AES-256-GCM, non-extractable: for `seal` and `unseal`. */
  sealKey: CryptoKey
  /** 32 bytes for HMAC-SHA256: for `mac`, which runs synchronously on the request path. */
  macKey: Uint8Array
}

/**
 * Derives two independent keys from the server secret with HKDF-SHA256 (RFC 5869), separated by
 * their info strings: a non-extractable AES-GCM key and the MAC key's bytes. The same secret
 * always gives the same keys. Throws a RangeError if the secret is shorter than 32 bytes.
 */
export async function deriveKeys(secret: Uint8Array): Promise<ServerKeys> {
  if (secret.length < 32) throw new RangeError('the server secret must be at least 32 bytes')
  // An empty salt is fine for a uniformly random secret (RFC 5869 §3.1).
  const okm = (info: string) => hkdf(sha256, secret, new Uint8Array(0), encoder.encode(info), 32)
  const sealKey = await crypto.subtle.importKey(
    'raw',
    okm('trustpulse seal v1') as Uint8Array<ArrayBuffer>,
    { name: 'AES-GCM' },
    false,
    ['encrypt', 'decrypt'],
  )
  return { sealKey, macKey: okm('trustpulse mac v1') }
}

/**
 * Encrypts with AES-256-GCM under a fresh random 96-bit IV, binding `context` as additional data
 * (e.g. the pulse and key id), so a sealed value opens only under the same context: a sealed
 * private key copied to another row does not open there. Returns base64url of IV ‖ ciphertext.
 */
export async function seal(
  key: CryptoKey,
  plaintext: Uint8Array,
  context: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(ivBytes))
  const algorithm = { name: 'AES-GCM', iv, additionalData: utf8(context) }
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(algorithm, key, new Uint8Array(plaintext)),
  )
  const out = new Uint8Array(ivBytes + sealed.length)
  out.set(iv)
  out.set(sealed, ivBytes)
  return toBase64Url(out)
}

/**
 * Opens what `seal` made with the same key and context. Throws UnsealError (and nothing more
 * specific) for a wrong key, wrong context, tampering, truncation or invalid encoding.
 */
export async function unseal(key: CryptoKey, sealed: string, context: string): Promise<Uint8Array> {
  try {
    const bytes = fromBase64Url(sealed)
    if (bytes.length < ivBytes + tagBytes) throw new UnsealError()
    const algorithm = {
      name: 'AES-GCM',
      iv: bytes.subarray(0, ivBytes),
      additionalData: utf8(context),
    }
    return new Uint8Array(await crypto.subtle.decrypt(algorithm, key, bytes.subarray(ivBytes)))
  } catch {
    throw new UnsealError()
  }
}

/**
 * HMAC-SHA256 over the parts, base64url. Deterministic for the same key and parts; each part is
 * length-prefixed, so different part lists never share an input (["ab", "c"] ≠ ["a", "bc"]).
 */
export function mac(macKey: Uint8Array, ...parts: string[]): string {
  const encoded = parts.map(utf8)
  const input = new Uint8Array(encoded.reduce((sum, part) => sum + 4 + part.length, 0))
  const view = new DataView(input.buffer)
  let offset = 0
  for (const part of encoded) {
    view.setUint32(offset, part.length)
    input.set(part, offset + 4)
    offset += 4 + part.length
  }
  return toBase64Url(hmac(sha256, macKey, input))
}

/** UTF-8 of a well-formed string. A lone surrogate would encode as U+FFFD and collide with it. */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  if (/\p{Cs}/u.test(text)) throw new TypeError('not a well-formed string')
  return encoder.encode(text) as Uint8Array<ArrayBuffer>
}

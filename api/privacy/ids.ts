import { sha256 as sha256Bytes } from '@noble/hashes/sha2.js'
import { toBase64Url } from './base64url'

const encoder = new TextEncoder()

/** Random bytes from the platform's CSPRNG, base64url. 32 bytes = 256 bits by default. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/**
 * A random id for a stored row: 128 bits, so ids reveal neither order nor count. It starts with
 * a letter or digit, so no CSV export has to escape it as a would-be formula (`-…`).
 */
export function newId(): string {
  for (;;) {
    const id = randomToken(16)
    if (/^[A-Za-z0-9]/.test(id)) return id
  }
}

/**
 * base64url SHA-256 of a string (UTF-8) or bytes. Synchronous: on Node a Web Crypto digest is
 * a thread-pool round trip that costs more than the hash of these short inputs.
 */
export function sha256(data: string | Uint8Array): string {
  return toBase64Url(sha256Bytes(typeof data === 'string' ? encoder.encode(data) : data))
}

/** Compares two equal-length byte strings in time independent of where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

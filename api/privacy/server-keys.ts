import { fromBase64Url } from './base64url'
import { deriveKeys } from './sealed'

/** Whatever holds the server secret (the app's dependencies, in practice). */
export interface HoldsSecret {
  secret: Uint8Array
}

type Keys = Awaited<ReturnType<typeof deriveKeys>>
const derived = new WeakMap<Uint8Array, Promise<Keys>>()

/** The keys derived from the server secret (sealing, MAC), made once per secret. */
export function serverKeys(deps: HoldsSecret): Promise<Keys> {
  let keys = derived.get(deps.secret)
  if (!keys) derived.set(deps.secret, (keys = deriveKeys(deps.secret)))
  return keys
}

/**
 * The server secret as configured (`SECRET_KEY`, or the text of its file): hex or base64url
 * without padding, at least 32 bytes, surrounding whitespace ignored. The one reading Node and
 * Workers share; throws an Error saying what is wrong.
 */
export function parseServerSecret(text: string): Uint8Array {
  const trimmed = text.trim()
  if (!trimmed) throw new Error('SECRET_KEY is empty.')
  let bytes: Uint8Array
  if (/^(?:[0-9a-f]{2})+$/i.test(trimmed)) {
    bytes = Uint8Array.from(trimmed.match(/../g)!, (h) => parseInt(h, 16))
  } else {
    try {
      bytes = fromBase64Url(trimmed)
    } catch {
      throw new Error('SECRET_KEY must be hex or base64url (no padding).')
    }
  }
  if (bytes.length < 32)
    throw new Error(
      'SECRET_KEY must hold at least 32 bytes (64 hex digits or 43 base64url characters).',
    )
  return bytes
}

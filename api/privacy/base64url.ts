// Base64url without padding (RFC 4648 §5), the encoding of every binary value in the API.
// Written out by hand so it behaves the same on Node, Workers and browsers.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const lookup = new Int16Array(128).fill(-1)
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i

/** Thrown by `fromBase64Url` for any string that is not canonical unpadded base64url. */
export class InvalidBase64UrlError extends Error {
  override name = 'InvalidBase64UrlError'
  constructor() {
    super('invalid base64url')
  }
}

/** Encodes bytes as base64url without padding; the result round-trips through `fromBase64Url`. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63]
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i] << 16
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63]
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8)
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63]
  }
  return out
}

/**
 * Decodes canonical unpadded base64url. Throws `InvalidBase64UrlError` on padding, whitespace,
 * characters outside the url-safe alphabet, an impossible length, or non-zero trailing bits, so
 * every byte string has exactly one accepted encoding.
 */
export function fromBase64Url(str: string): Uint8Array<ArrayBuffer> {
  if (typeof str !== 'string' || str.length % 4 === 1) throw new InvalidBase64UrlError()
  const sextets = new Uint8Array(str.length)
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i)
    const value = code < 128 ? lookup[code] : -1
    if (value < 0) throw new InvalidBase64UrlError()
    sextets[i] = value
  }
  const out = new Uint8Array(Math.floor((str.length * 3) / 4))
  let o = 0
  let i = 0
  for (; i + 3 < str.length; i += 4) {
    const n = (sextets[i] << 18) | (sextets[i + 1] << 12) | (sextets[i + 2] << 6) | sextets[i + 3]
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 255
    out[o++] = n & 255
  }
  const rest = str.length - i
  if (rest === 2) {
    if (sextets[i + 1] & 15) throw new InvalidBase64UrlError()
    out[o++] = (sextets[i] << 2) | (sextets[i + 1] >> 4)
  } else if (rest === 3) {
    if (sextets[i + 2] & 3) throw new InvalidBase64UrlError()
    const n = (sextets[i] << 18) | (sextets[i + 1] << 12) | (sextets[i + 2] << 6)
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 255
  }
  return out
}

/** Base64url of at most `maxLength` characters, decoded; undefined for anything else. */
export function decodeBounded(
  value: unknown,
  maxLength = 2048,
): Uint8Array<ArrayBuffer> | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return undefined
  try {
    return fromBase64Url(value)
  } catch {
    return undefined
  }
}

import { fromBase64Url, toBase64Url } from '../privacy/base64url'
import { timingSafeEqual } from '../privacy/ids'

// 100,000 PBKDF2-SHA256 iterations: the most Workers' Web Crypto allows.
const ITERATIONS = 100_000
const encoder = new TextEncoder()

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

/** Hashes a password with a fresh 128-bit salt: `pbkdf2-sha256$<iterations>$<salt>$<hash>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const hash = await derive(password, salt, ITERATIONS)
  return `pbkdf2-sha256$${ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`
}

// Checked when the email is unknown, so a login takes as long whether or not the account exists.
// Fixed, not made by hashPassword on first use: that would cost the first such login a second
// derivation. No password matches it, and the result is ignored anyway.
const DECOY = `pbkdf2-sha256$${ITERATIONS}$dHJ1c3RwdWxzZS1kZWNveQ$${'A'.repeat(43)}`

/**
 * True when `password` matches `stored`. With `stored` undefined it still spends the same work
 * and returns false, so response time does not tell whether an email is registered.
 */
export async function verifyPassword(
  password: string,
  stored: string | undefined,
): Promise<boolean> {
  const [scheme, iterations, salt, hash] = (stored ?? DECOY).split('$')
  if (scheme !== 'pbkdf2-sha256') return false
  const actual = await derive(password, fromBase64Url(salt), Number(iterations))
  return timingSafeEqual(actual, fromBase64Url(hash)) && stored !== undefined
}

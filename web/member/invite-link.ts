import { ApiError } from './api'

// What the join page can tell about an invite link that did not work: cut or changed on the way
// (mail apps break long links), replaced by a newer invitation, or already opened elsewhere.
// Only "used" may suggest that someone else opened it.

/** An invite key as the server makes it: 32 random bytes in base64url, 43 characters. */
export const wellFormedInvite = (key: string) => /^[A-Za-z0-9_-]{43}$/.test(key)

/** Why the server refused an invite key: `invalid` (damaged or replaced), else `used`. */
export const refusalOf = (e: unknown): 'used' | 'invalid' =>
  e instanceof ApiError && e.status === 401 && e.body?.reason === 'unknown' ? 'invalid' : 'used'

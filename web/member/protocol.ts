import type { Answer } from '../../api/surveys/question'

// The parts of the anonymous protocol that need no big-number arithmetic, so the member page can
// send answers without loading blindrsa-ts: encoding, receipts, member keys, the response body.
// Only Web Crypto through globalThis.crypto and btoa/atob: browsers and Node 20 alike.

/** base64url without padding, as API.md writes every binary value. */
export const base64url = {
  encode(bytes: Uint8Array): string {
    let s = ''
    for (const b of bytes) s += String.fromCharCode(b)
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  },
  /** Throws on anything that is not base64url. */
  decode(text: string): Uint8Array<ArrayBuffer> {
    if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url')
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    return Uint8Array.from(s, (c) => c.charCodeAt(0))
  },
}

/** `n` bytes from the platform's cryptographic random source. */
export const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n))

/** A fresh member credential: 32 random bytes, base64url. */
export const memberKey = () => base64url.encode(randomBytes(32))

/** base64url SHA-256 of the bytes a base64url string stands for. */
async function digestOf(encoded: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', base64url.decode(encoded))
  return base64url.encode(new Uint8Array(digest))
}

/** The receipt the server gives for a token: base64url SHA-256 of the token's decoded bytes. */
export const receiptFor = (token: string): Promise<string> => digestOf(token)

/**
 * A comment's reply secret: 32 random bytes, its own for each comment, so no two of a member's
 * comments can be linked. It stays on the device until it is sent, with no other credential, to
 * answer back (`POST /api/follow-ups`); it never travels under the member key or in a move link.
 */
export const replySecret = () => base64url.encode(randomBytes(32))

/** What goes with the comment instead of its secret: base64url SHA-256 of the secret's bytes. */
export const replyHashFor = (secret: string): Promise<string> => digestOf(secret)

/** A token ready to be signed: plain base64url strings, so it can wait in localStorage. */
export type PreparedToken = {
  /** The prepared message (random prefix + 32 random bytes): what the signature will cover. */
  token: string
  /** What the server signs; it reveals nothing about `token`. */
  blindedMsg: string
  /** The unblinding factor; never leaves the device. */
  inv: string
}

/** A signed token: spendable once, unlinkable to the member who obtained it. */
export type SignedToken = { token: string; signature: string }

/** The body of `POST /api/pulses/:pid/responses` (`replyHashes`: docs/api.md, "Threads"). */
export type ResponseBody = {
  keyId: string
  token: string
  signature: string
  answers: Answer[]
  replyHashes?: Record<string, string>
}

/**
 * The response body for a signed token of cohort key `keyId` and the answers to send, with the
 * reply hashes of its comments (text question id → hash) when there are any.
 */
export function responseBody(
  keyId: string,
  signed: SignedToken,
  answers: Answer[],
  replyHashes: Record<string, string> = {},
): ResponseBody {
  const body: ResponseBody = { keyId, token: signed.token, signature: signed.signature, answers }
  if (Object.keys(replyHashes).length > 0) body.replyHashes = replyHashes
  return body
}

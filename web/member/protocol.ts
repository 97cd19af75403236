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

/** The receipt the server gives for a token: base64url SHA-256 of the token's decoded bytes. */
export async function receiptFor(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', base64url.decode(token))
  return base64url.encode(new Uint8Array(digest))
}

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

/** The body of `POST /api/pulses/:pid/responses`. */
export type ResponseBody = { keyId: string; token: string; signature: string; answers: Answer[] }

/** The response body for a signed token of cohort key `keyId` and the answers to send. */
export function responseBody(keyId: string, signed: SignedToken, answers: Answer[]): ResponseBody {
  return { keyId, token: signed.token, signature: signed.signature, answers }
}

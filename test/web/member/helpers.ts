import { RSABSSA } from '@cloudflare/blindrsa-ts'
import { base64url } from '../../../web/member/token-client'
import type { StorageLike } from '../../../web/member/store'

/** A cohort signing key as the server holds it, with its public key as API.md sends it. */
export async function signingKey() {
  const pair = await RSABSSA.SHA384.generateKey({
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
  })
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))
  const suite = RSABSSA.SHA384.PSS.Randomized()
  return {
    pair,
    publicKey: base64url.encode(spki),
    /** The server's side: a blind signature on a base64url blinded message. */
    sign: async (blindedMsg: string) =>
      base64url.encode(await suite.blindSign(pair.privateKey, base64url.decode(blindedMsg))),
    verify: (token: string, signature: string) =>
      suite.verify(pair.publicKey, base64url.decode(signature), base64url.decode(token)),
  }
}

/** localStorage's interface over a Map the test can inspect and share between stores. */
export function memoryStorage(map = new Map<string, string>()): StorageLike & { map: typeof map } {
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  }
}

/** A JSON response as fetch returns it. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  })

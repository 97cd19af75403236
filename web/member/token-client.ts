// The class itself, not the package index, which also builds the parameter tables of every suite
// and imports the partially blind variant: the member bundle keeps only what this suite needs.
import { BlindRSA, PrepareType } from '@cloudflare/blindrsa-ts/lib/src/blindrsa.js'
import { base64url, randomBytes, type PreparedToken, type SignedToken } from './protocol'

// The client side of the anonymous protocol (DESIGN.md, "The anonymity model" 1; API.md, "Token
// suite"). It runs in browsers and in Node 20: Web Crypto and blindrsa-ts only, no DOM, so the
// server's tests use it as the real client. The member page loads it only to obtain tokens.

export * from './protocol'

/** RSABSSA-SHA384-PSS-Randomized (RFC 9474), as `RSABSSA.SHA384.PSS.Randomized()` builds it. */
const suite = () =>
  new BlindRSA({
    name: 'RSABSSA-SHA384-PSS-Randomized',
    hash: 'SHA-384',
    saltLength: 48,
    prepareType: PrepareType.Randomized,
    supportsRSARAW: false,
  })

/**
 * Imports a cohort's `publicKey` (SPKI DER, base64url) as the RSA-PSS SHA-384 key blindrsa-ts
 * needs (it must be extractable: the library reads the modulus from it).
 */
export function importPublicKey(publicKey: string): Promise<CryptoKey> {
  const der = base64url.decode(publicKey)
  return crypto.subtle.importKey('spki', der, { name: 'RSA-PSS', hash: 'SHA-384' }, true, [
    'verify',
  ])
}

const toKey = (key: string | CryptoKey) => (typeof key === 'string' ? importPublicKey(key) : key)

/** Draws a fresh token and blinds it for the cohort key `publicKey`. */
export async function prepareToken(publicKey: string | CryptoKey): Promise<PreparedToken> {
  const rsa = suite()
  const token = rsa.prepare(randomBytes(32))
  const { blindedMsg, inv } = await rsa.blind(await toKey(publicKey), token)
  return {
    token: base64url.encode(token),
    blindedMsg: base64url.encode(blindedMsg),
    inv: base64url.encode(inv),
  }
}

/**
 * Unblinds the server's `blindSig` into a signature on the token. Throws unless the signature
 * verifies under `publicKey` (RFC 9474 finalize), so a bad or substituted signature is caught
 * here rather than when the answers are sent.
 */
export async function finalizeToken(
  prepared: PreparedToken,
  publicKey: string | CryptoKey,
  blindSig: string,
): Promise<SignedToken> {
  const d = base64url.decode
  const signature = await suite().finalize(
    await toKey(publicKey),
    d(prepared.token),
    d(blindSig),
    d(prepared.inv),
  )
  return { token: prepared.token, signature: base64url.encode(signature) }
}

/** True when `signature` is a valid signature on `token` under `publicKey`. */
export async function verifyToken(
  publicKey: string | CryptoKey,
  { token, signature }: SignedToken,
): Promise<boolean> {
  try {
    const d = base64url.decode
    return await suite().verify(await toKey(publicKey), d(signature), d(token))
  } catch {
    return false
  }
}

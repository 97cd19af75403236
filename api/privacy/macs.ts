import { sha256 } from './ids'
import { toBase64Url } from './base64url'
import { mac } from './sealed'
import { serverKeys, type HoldsSecret } from './server-keys'

/**
 * The issuance key of a member for a pulse: an HMAC under the server secret, so the table says
 * "someone was issued a token" and only the server can tell whom, by recomputing it.
 */
export async function memberMac(deps: HoldsSecret, memberId: string, pulseId: string) {
  return mac((await serverKeys(deps)).macKey, 'issued', pulseId, memberId)
}

/** How a spent token is stored: keyed, and distinct from the receipt its holder has. */
export async function spentTokenHash(deps: HoldsSecret, pulseId: string, token: Uint8Array) {
  return mac((await serverKeys(deps)).macKey, 'spent', pulseId, toBase64Url(token))
}

/** The receipt a respondent gets: base64url SHA-256 of the token's bytes (API.md). */
export function receiptOf(token: Uint8Array): string {
  return sha256(token)
}

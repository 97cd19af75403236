// Issuing a blind-signed token (DESIGN.md 1; API.md, "Members"): the server signs what the
// member's browser blinded and records only that this member was issued a token for this pulse.
import { and, eq, sql } from 'drizzle-orm'
import { pulseKeys, pulseMembers, pulses, tokenIssuances } from '../../schema'
import { perDatabase, rowsAffected } from '../db'
import type { AppDeps, AuthedMember } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { decodeBounded, fromBase64Url, toBase64Url } from '../privacy/base64url'
import { BlindSigningError, InvalidBlindedMessageError } from '../privacy/blind-signing'
import { sha256 } from '../privacy/ids'
import { memberMac } from '../privacy/macs'
import { unseal, UnsealError } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'

/** The pulse and the member's cohort key; the key is absent if the member was not eligible. */
const pulseAndMemberKey = perDatabase((db) =>
  db
    .select({
      communityId: pulses.communityId,
      status: pulses.status,
      keyId: pulseKeys.id,
      publicKey: pulseKeys.publicKey,
      privateKey: pulseKeys.privateKey,
    })
    .from(pulses)
    .leftJoin(
      pulseMembers,
      and(
        eq(pulseMembers.pulseId, pulses.id),
        eq(pulseMembers.memberId, sql.placeholder('memberId')),
      ),
    )
    .leftJoin(pulseKeys, eq(pulseKeys.id, pulseMembers.keyId))
    .where(eq(pulses.id, sql.placeholder('pulseId')))
    .prepare(),
)

/** Records an issuance unless the member already has one (then it changes no row). */
const insertIssuance = perDatabase((db) =>
  db
    .insert(tokenIssuances)
    .values({
      pulseId: sql.placeholder('pulseId'),
      memberMac: sql.placeholder('memberMac'),
      blindedHash: sql.placeholder('blindedHash'),
    })
    .onConflictDoNothing()
    .prepare(),
)

const issuedHash = perDatabase((db) =>
  db
    .select({ blindedHash: tokenIssuances.blindedHash })
    .from(tokenIssuances)
    .where(
      and(
        eq(tokenIssuances.pulseId, sql.placeholder('pulseId')),
        eq(tokenIssuances.memberMac, sql.placeholder('memberMac')),
      ),
    )
    .prepare(),
)

/**
 * Signs the member's blinded message under their cohort's key, in API.md's order of checks:
 * 404, 410 (pulse not open), 403 (not eligible), then the body (`readBody`, read only now: 400,
 * 422), then 409 (a token was already issued for another blinded message). The same blinded
 * message gets the same signature again, so a lost answer can be retried. Nothing is written
 * unless the signature is made and checked. Throws the Problem to answer.
 */
export async function issueToken(
  deps: AppDeps,
  member: AuthedMember,
  pulseId: string,
  readBody: () => Promise<Record<string, unknown>>,
): Promise<{ keyId: string; blindSig: string }> {
  const { db } = deps
  const [found] = await pulseAndMemberKey(db).execute({ pulseId, memberId: member.id })
  if (!found || found.communityId !== member.communityId) throw notFound('pulse')
  if (found.status !== 'open') throw new Problem(410, 'This pulse is not open.')
  const { keyId, publicKey, privateKey: sealed } = found
  if (!keyId)
    throw new Problem(403, 'You were not a member of this community when this pulse opened.')
  const blindedMsg = decodeBounded((await readBody()).blindedMsg)
  if (!blindedMsg) throw invalid([{ path: 'blindedMsg', message: 'must be base64url' }])
  if (!sealed || !publicKey) throw new Problem(410, 'This pulse is not open.')
  const { sealKey } = await serverKeys(deps)
  let blindSig: Uint8Array
  try {
    const privateKey = () => unseal(sealKey, sealed, `pulse-key:${keyId}`)
    blindSig = await deps.signer.sign(privateKey, fromBase64Url(publicKey), blindedMsg)
  } catch (error) {
    if (error instanceof InvalidBlindedMessageError)
      throw invalid([{ path: 'blindedMsg', message: error.message }])
    if (error instanceof BlindSigningError && error.cause instanceof UnsealError) {
      // The cohort key was sealed under another server secret (SECRET_KEY changed while the
      // pulse was open, SECURITY.md): say so to the operator, and plainly to the member.
      deps.log(
        `error POST /api/pulses/:pid/tokens: the cohort key of an open pulse does not open with the current SECRET_KEY`,
      )
      throw new Problem(
        500,
        "This pulse's signing key cannot be used on this server any more; ask your organizer to close it and open a new one.",
      )
    }
    throw error
  }
  // One token per member and pulse: the primary key refuses a second row.
  const blindedHash = sha256(blindedMsg)
  const mac = await memberMac(deps, member.id, pulseId)
  const fresh =
    rowsAffected(await insertIssuance(db).run({ pulseId, memberMac: mac, blindedHash })) === 1
  const [issued] = fresh
    ? [{ blindedHash }]
    : await issuedHash(db).execute({ pulseId, memberMac: mac })
  if (issued?.blindedHash !== blindedHash) {
    throw new Problem(
      409,
      'A token for this pulse was already issued to you, on this or another device.',
    )
  }
  return { keyId, blindSig: toBase64Url(blindSig) }
}

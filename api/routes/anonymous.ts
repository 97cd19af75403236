import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { communityRoles, pulseKeys, pulseMembers, pulses, spentTokens, surveys, tokenIssuances } from '../../schema'
import { checkAnswers } from '../answers'
import { bearerMember, requireMember } from '../auth/members'
import { sessionOrganizer } from '../auth/sessions'
import { newId, sha256 } from '../crypto'
import { rowsAffected } from '../db'
import type { AppEnv } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { fromBase64Url, toBase64Url } from '../privacy/base64url'
import { InvalidBlindedMessageError, verifyToken } from '../privacy/blind-signing'
import { unseal } from '../privacy/sealed'
import { serverKeys } from '../secrets'
import { memberMac, receiptOf, spentTokenHash } from '../tokens'

const MAX_B64 = 2048

/** Decodes base64url of bounded length, or undefined. */
function bytes(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_B64) return undefined
  try {
    return fromBase64Url(value)
  } catch {
    return undefined
  }
}

/** Reads a JSON object body; 400 when it is not one. Validation of its fields is the caller's. */
async function jsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new Problem(400, 'The body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Problem(400, 'The body must be a JSON object.')
  return body as Record<string, unknown>
}

async function findPulse(c: Context<AppEnv>, pulseId: string) {
  const [row] = await c.var.deps.db.select().from(pulses).where(eq(pulses.id, pulseId))
  return row
}

export const anonymousRoutes = new Hono<AppEnv>()
  // API.md order of checks: 401, 404, 410, 403, 422, 409.
  .post('/pulses/:pid/tokens', requireMember, async (c) => {
    const { deps, member } = c.var
    const { db } = deps
    const pulseId = c.req.param('pid')
    // The pulse and the member's cohort key in one query; the key is absent if the member was
    // not eligible when the pulse opened.
    const [found] = await db
      .select({ communityId: pulses.communityId, status: pulses.status, key: pulseKeys })
      .from(pulses)
      .leftJoin(pulseMembers, and(eq(pulseMembers.pulseId, pulses.id), eq(pulseMembers.memberId, member.id)))
      .leftJoin(pulseKeys, eq(pulseKeys.id, pulseMembers.keyId))
      .where(eq(pulses.id, pulseId))
    if (!found || found.communityId !== member.communityId) throw notFound('pulse')
    if (found.status !== 'open') throw new Problem(410, 'This pulse is not open.')
    const { key } = found
    if (!key) throw new Problem(403, 'You were not a member of this community when this pulse opened.')
    const blindedMsg = bytes((await jsonObject(c)).blindedMsg)
    if (!blindedMsg) throw invalid([{ path: 'blindedMsg', message: 'must be base64url' }])
    if (!key.privateKey || !key.publicKey) throw new Problem(410, 'This pulse is not open.')
    const { sealKey } = await serverKeys(deps)
    let blindSig: Uint8Array
    try {
      const privateKey = await unseal(sealKey, key.privateKey, `pulse-key:${key.id}`)
      blindSig = await deps.signer.sign(privateKey, fromBase64Url(key.publicKey), blindedMsg)
    } catch (error) {
      if (error instanceof InvalidBlindedMessageError) throw invalid([{ path: 'blindedMsg', message: error.message }])
      throw error
    }
    // Signed before anything is written, so an invalid request writes nothing. One token per member
    // and pulse: the primary key refuses a second row; the same blinded message gets the same
    // (deterministic) signature again, so a lost answer can be retried.
    const blindedHash = await sha256(blindedMsg)
    const memberMacValue = await memberMac(deps, member.id, pulseId)
    const [fresh] = await db
      .insert(tokenIssuances)
      .values({ pulseId: pulseId, memberMac: memberMacValue, blindedHash })
      .onConflictDoNothing()
      .returning({ pulseId: tokenIssuances.pulseId })
    const [issued] = fresh
      ? [{ blindedHash }]
      : await db
          .select({ blindedHash: tokenIssuances.blindedHash })
          .from(tokenIssuances)
          .where(and(eq(tokenIssuances.pulseId, pulseId), eq(tokenIssuances.memberMac, memberMacValue)))
    if (issued?.blindedHash !== blindedHash) {
      throw new Problem(409, 'A token for this pulse was already issued to you, on this or another device.')
    }
    return c.json({ keyId: key.id, blindSig: toBase64Url(blindSig) })
  })

  .get('/pulses/:pid/keys', async (c) => {
    const { db } = c.var.deps
    const pulse = await findPulse(c, c.req.param('pid'))
    const member = c.req.header('authorization') ? await bearerMember(c) : undefined
    const organizer = member ? undefined : await sessionOrganizer(c)
    if (!member && !organizer) throw new Problem(401, 'Sign in, or open this from your member page.')
    if (!pulse) throw notFound('pulse')
    if (member) {
      if (member.communityId !== pulse.communityId) throw notFound('pulse')
      const [inPulse] = await db
        .select({ keyId: pulseMembers.keyId })
        .from(pulseMembers)
        .where(and(eq(pulseMembers.pulseId, pulse.id), eq(pulseMembers.memberId, member.id)))
      if (!inPulse) throw new Problem(403, 'You are not a member of this pulse.')
    } else {
      const [role] = await db
        .select()
        .from(communityRoles)
        .where(and(eq(communityRoles.communityId, pulse.communityId), eq(communityRoles.organizerId, organizer!.id)))
      if (!role) throw notFound('pulse')
    }
    const keys = await db
      .select({ keyId: pulseKeys.id, publicKey: pulseKeys.publicKey, cohort: pulseKeys.cohort, eligible: pulseKeys.eligible })
      .from(pulseKeys)
      .where(and(eq(pulseKeys.pulseId, pulse.id), isNotNull(pulseKeys.publicKey)))
    return c.json(keys)
  })

  // No credentials: anything sent is ignored. Nothing about the request is logged.
  .post('/pulses/:pid/responses', async (c) => {
    const { deps } = c.var
    const { db } = deps
    const pulse = await findPulse(c, c.req.param('pid'))
    if (!pulse) throw notFound('pulse')
    if (pulse.status !== 'open') throw new Problem(410, 'This pulse is not open.')
    const body = await jsonObject(c)
    const token = bytes(body.token)
    const signature = bytes(body.signature)
    const keyId = typeof body.keyId === 'string' && body.keyId.length <= 64 ? body.keyId : undefined
    const refused = () => new Problem(403, 'The token or its signature is missing or not valid for this pulse.')
    if (!token || !signature || !keyId) throw refused()
    const [key] = await db
      .select({ publicKey: pulseKeys.publicKey })
      .from(pulseKeys)
      .where(and(eq(pulseKeys.id, keyId), eq(pulseKeys.pulseId, pulse.id)))
    if (!key?.publicKey || !(await verifyToken(fromBase64Url(key.publicKey), token, signature))) throw refused()

    const [survey] = await db.select({ questions: surveys.questions }).from(surveys).where(eq(surveys.id, pulse.surveyId))
    const checked = checkAnswers(survey.questions, body.answers)
    if (!checked.ok) throw invalid(checked.errors, 'Some answers are invalid; nothing was stored and your token is still unused.')

    const receipt = await receiptOf(token)
    const tokenHash = await spentTokenHash(deps, pulse.id, token)
    const spent = () => new Problem(409, 'This token was already used; your response is stored.', { receipt })
    const [already] = await db
      .select({ tokenHash: spentTokens.tokenHash })
      .from(spentTokens)
      .where(and(eq(spentTokens.pulseId, pulse.id), eq(spentTokens.tokenHash, tokenHash)))
    if (already) throw spent()

    const responseId = newId()
    const scores = checked.answers
      .filter((a) => a.question.kind !== 'text')
      .map((a) => ({ q: a.question.id, v: JSON.stringify(a.value) }))
    const texts = checked.answers
      .filter((a) => a.question.kind === 'text' && (a.value as string).trim() !== '')
      .map((a) => ({ id: newId(), q: a.question.id, t: a.value as string }))
    // Every statement is guarded on the pulse still being open, in one atomic batch: a close
    // racing this submission either counts all of it or none of it.
    const open = sql`exists (select 1 from ${pulses} where id = ${pulse.id} and status = 'open')`
    let results: unknown[]
    try {
      results = await db.batch([
        db.run(sql`insert into ${spentTokens} (pulse_id, token_hash) select ${pulse.id}, ${tokenHash} where ${open}`),
        db.run(sql`insert into responses (pulse_id, id, key_id) select ${pulse.id}, ${responseId}, ${keyId} where ${open}`),
        db.run(sql`insert into answers (pulse_id, response_id, question_id, value)
          select ${pulse.id}, ${responseId}, json_extract(value, '$.q'), json_extract(value, '$.v')
          from json_each(${JSON.stringify(scores)}) where ${open}`),
        db.run(sql`insert into comments (pulse_id, id, question_id, text)
          select ${pulse.id}, json_extract(value, '$.id'), json_extract(value, '$.q'), json_extract(value, '$.t')
          from json_each(${JSON.stringify(texts)}) where ${open}`),
      ])
    } catch (error) {
      // A concurrent submission of the same token won the primary key; the batch rolled back.
      if (/constraint/i.test(String((error as Error)?.message) + String((error as { cause?: Error })?.cause?.message))) throw spent()
      throw error
    }
    if (rowsAffected(results[0]) !== 1) throw new Problem(410, 'This pulse closed before your response arrived.')
    return c.json({ receipt }, 201)
  })

import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import {
  communityRoles,
  pulseKeys,
  pulseMembers,
  pulses,
  responses,
  spentTokens,
  surveys,
  tokenIssuances,
} from '../../schema'
import { checkAnswers } from '../surveys/answers'
import { writeComments } from '../pulses/comment-pool'
import { bearerMember, memberRefusal, requireMember } from '../auth/member-keys'
import { sessionOrganizer } from '../auth/sessions'
import { newId, sha256 } from '../privacy/ids'
import { perDatabase, rowsAffected } from '../db'
import type { AppEnv } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { fromBase64Url, toBase64Url } from '../privacy/base64url'
import { Lru } from '../privacy/lru'
import type { Question } from '../surveys/questions'
import { BlindSigningError, InvalidBlindedMessageError } from '../privacy/blind-signing'
import { unseal, UnsealError } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'
import { memberMac as memberMacOf, receiptOf, spentTokenHash } from '../privacy/macs'

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
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Problem(400, 'The body must be a JSON object.')
  return body as Record<string, unknown>
}

async function findPulse(c: Context<AppEnv>, pulseId: string) {
  const [row] = await c.var.deps.db.select().from(pulses).where(eq(pulses.id, pulseId))
  return row
}

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

/** A pulse's status, survey and cohort keys (one row per key; no key row while keys are made). */
const pulseWithKeys = perDatabase((db) =>
  db
    .select({
      status: pulses.status,
      surveyId: pulses.surveyId,
      k: pulses.minGroupSize,
      keyId: pulseKeys.id,
      publicKey: pulseKeys.publicKey,
    })
    .from(pulses)
    .leftJoin(pulseKeys, eq(pulseKeys.pulseId, pulses.id))
    .where(eq(pulses.id, sql.placeholder('pulseId')))
    .prepare(),
)

const pulseStatus = perDatabase((db) =>
  db
    .select({ status: pulses.status })
    .from(pulses)
    .where(eq(pulses.id, sql.placeholder('pulseId')))
    .prepare(),
)

const questionsQuery = perDatabase((db) =>
  db
    .select({ questions: surveys.questions })
    .from(surveys)
    .where(eq(surveys.id, sql.placeholder('surveyId')))
    .prepare(),
)

/** What a submission needs of an open pulse. */
interface OpenPulse {
  status: 'open'
  /** Its minGroupSize: how many responses' comments the pool mixes before writing them. */
  k: number
  questions: Question[]
  /** Public key (SPKI) by key id, for every cohort of the pulse. */
  publicKeys: Map<string, Uint8Array>
}

/**
 * The pulse a submission names: undefined when there is none, its status when it is not open,
 * and otherwise its questions and cohort keys, kept once read. A pulse's survey, questions and
 * keys are fixed for good once it opens (DESIGN.md), so what is kept never goes stale; only its
 * status can change, and every write is guarded on it.
 */
const submissionTarget = perDatabase((db) => {
  const kept = new Lru<OpenPulse>(256)
  return async (pulseId: string): Promise<OpenPulse | { status: string } | undefined> => {
    const known = kept.get(pulseId)
    if (known) return known
    const rows = await pulseWithKeys(db).execute({ pulseId })
    if (rows.length === 0) return undefined
    const { status, surveyId, k } = rows[0]
    if (status !== 'open') return { status }
    const [survey] = await questionsQuery(db).execute({ surveyId })
    const publicKeys = new Map<string, Uint8Array>()
    for (const { keyId, publicKey } of rows)
      if (keyId && publicKey) publicKeys.set(keyId, fromBase64Url(publicKey))
    const pulse: OpenPulse = { status, k, questions: survey.questions, publicKeys }
    kept.set(pulseId, pulse)
    return pulse
  }
})

export const anonymousRoutes = new Hono<AppEnv>()
  // API.md order of checks: 401, 404, 410, 403, 422, 409.
  .post('/pulses/:pid/tokens', requireMember, async (c) => {
    const { deps, member } = c.var
    const { db } = deps
    const pulseId = c.req.param('pid')
    const [found] = await pulseAndMemberKey(db).execute({ pulseId, memberId: member.id })
    if (!found || found.communityId !== member.communityId) throw notFound('pulse')
    if (found.status !== 'open') throw new Problem(410, 'This pulse is not open.')
    const { keyId, publicKey, privateKey: sealed } = found
    if (!keyId)
      throw new Problem(403, 'You were not a member of this community when this pulse opened.')
    const blindedMsg = bytes((await jsonObject(c)).blindedMsg)
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
    // Signed before anything is written, so an invalid request writes nothing. One token per member
    // and pulse: the primary key refuses a second row; the same blinded message gets the same
    // (deterministic) signature again, so a lost answer can be retried.
    const blindedHash = sha256(blindedMsg)
    const memberMac = await memberMacOf(deps, member.id, pulseId)
    const fresh =
      rowsAffected(await insertIssuance(db).run({ pulseId, memberMac, blindedHash })) === 1
    const [issued] = fresh
      ? [{ blindedHash }]
      : await issuedHash(db).execute({ pulseId, memberMac })
    if (issued?.blindedHash !== blindedHash) {
      throw new Problem(
        409,
        'A token for this pulse was already issued to you, on this or another device.',
      )
    }
    return c.json({ keyId, blindSig: toBase64Url(blindSig) })
  })

  .get('/pulses/:pid/keys', async (c) => {
    const { db } = c.var.deps
    const pulse = await findPulse(c, c.req.param('pid'))
    const member = c.req.header('authorization') ? await bearerMember(c) : undefined
    const organizer = member ? undefined : await sessionOrganizer(c)
    if (!member && !organizer) {
      // A member's revoked key is told why, as on every member route.
      throw c.req.header('authorization')
        ? await memberRefusal(c)
        : new Problem(401, 'Sign in, or open this from your member page.')
    }
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
        .where(
          and(
            eq(communityRoles.communityId, pulse.communityId),
            eq(communityRoles.organizerId, organizer!.id),
          ),
        )
      if (!role) throw notFound('pulse')
    }
    const keys = await db
      .select({
        keyId: pulseKeys.id,
        publicKey: pulseKeys.publicKey,
        cohort: pulseKeys.cohort,
        eligible: pulseKeys.eligible,
        joined: pulseKeys.joined,
      })
      .from(pulseKeys)
      .where(and(eq(pulseKeys.pulseId, pulse.id), isNotNull(pulseKeys.publicKey)))
      .orderBy(pulseKeys.id)
    return c.json(keys)
  })

  // No credentials: anything sent is ignored. Nothing about the request is logged.
  .post('/pulses/:pid/responses', async (c) => {
    const { deps } = c.var
    const { db } = deps
    const pulseId = c.req.param('pid')
    const pulse = await submissionTarget(db)(pulseId)
    if (!pulse) throw notFound('pulse')
    if (pulse.status !== 'open') throw closed()
    const target = pulse as OpenPulse
    // The pulse may have closed since it was kept: a refusal says so first (API.md's order).
    const refuse = async (problem: Problem) => {
      const [now] = await pulseStatus(db).execute({ pulseId })
      return now?.status === 'open' ? problem : closed()
    }
    const body = await jsonObject(c).catch((problem: Problem) => problem)
    if (body instanceof Problem) throw await refuse(body)
    const keyId = typeof body.keyId === 'string' ? body.keyId : ''
    const publicKey = target.publicKeys.get(keyId)
    const token = bytes(body.token)
    const signature = bytes(body.signature)
    if (
      !token ||
      !signature ||
      !publicKey ||
      !(await deps.signer.verify(publicKey, token, signature))
    ) {
      throw await refuse(
        new Problem(403, 'The token or its signature is missing or not valid for this pulse.'),
      )
    }

    const checked = checkAnswers(target.questions, body.answers)
    if (!checked.ok)
      throw await refuse(
        invalid(
          checked.errors,
          'Some answers are invalid; nothing was stored and your token is still unused.',
        ),
      )

    const receipt = receiptOf(token)
    const tokenHash = await spentTokenHash(deps, pulseId, token)
    // Non-text answers go into the response row (question id → value as JSON text); comments
    // go apart, each under its own random id, never in the response's transaction (below).
    const answers = JSON.stringify(
      Object.fromEntries(
        checked.answers
          .filter((a) => a.question.kind !== 'text')
          .map((a) => [a.question.id, JSON.stringify(a.value)]),
      ),
    )
    const texts = checked.answers
      .filter((a) => a.question.kind === 'text' && (a.value as string).trim() !== '')
      .map((a) => ({ id: newId(), questionId: a.question.id, text: a.value as string }))
    // Both statements are guarded on the pulse still being open, in one atomic batch: a close
    // racing this submission either counts all of it or none of it. A token already spent fails
    // the first insert on its primary key, which rolls the whole batch back.
    const open = sql`exists (select 1 from ${pulses} where id = ${pulseId} and status = 'open')`
    const statements = [
      db.run(
        sql`insert into ${spentTokens} (pulse_id, token_hash) select ${pulseId}, ${tokenHash} where ${open}`,
      ),
      db.run(
        sql`insert into ${responses} (pulse_id, id, key_id, answers) select ${pulseId}, ${newId()}, ${keyId}, ${answers} where ${open}`,
      ),
    ] as const
    let results: readonly unknown[]
    try {
      results = await db.batch(statements)
    } catch (error) {
      if (isSpentTokenConflict(error)) {
        throw new Problem(409, 'This token was already used; your response is stored.', { receipt })
      }
      throw error
    }
    if (rowsAffected(results[0]) !== 1)
      throw closed('This pulse closed before your response arrived.')
    // The pool mixes them with other responses' comments before writing (Node); without one
    // (Workers) they follow in a transaction of their own.
    if (deps.commentPool) await deps.commentPool.add(pulseId, target.k, texts)
    else await writeComments(db, pulseId, texts)
    return c.json({ receipt }, 201)
  })

const closed = (detail = 'This pulse is not open.') => new Problem(410, detail)

/** The spent-token primary key refusing a second row, as libSQL and D1 report it (on the error or its cause). */
function isSpentTokenConflict(error: unknown): boolean {
  const messages = [(error as Error)?.message, (error as { cause?: Error })?.cause?.message]
  return messages.some((message) =>
    /UNIQUE constraint failed: spent_tokens\./.test(String(message)),
  )
}

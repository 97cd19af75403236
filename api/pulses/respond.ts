// Storing a response (DESIGN.md 1 and 7; API.md, "Public"): verified by its token's signature, with
// no credentials; the spent token and the response in one guarded batch, the comments apart.
import { eq, sql } from 'drizzle-orm'
import { pulseKeys, pulses, responses, spentTokens, surveys } from '../../schema'
import { perDatabase, rowsAffected } from '../db'
import type { AppDeps } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { decodeBounded, fromBase64Url } from '../privacy/base64url'
import { newId } from '../privacy/ids'
import { Lru } from '../privacy/lru'
import { receiptOf, spentTokenHash } from '../privacy/macs'
import { askedQuestions } from '../actions/follow-ups'
import { checkAnswers } from '../surveys/answers'
import type { Question } from '../surveys/question'
import { checkReplyHashes } from '../threads/reply-hash'
import { writeComments } from './comment-pool'

/** A pulse's status, survey and cohort keys (one row per key; no key row while keys are made). */
const pulseWithKeys = perDatabase((db) =>
  db
    .select({
      status: pulses.status,
      surveyId: pulses.surveyId,
      k: pulses.minGroupSize,
      followUps: pulses.followUps,
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
    const { status, surveyId, k, followUps } = rows[0]
    if (status !== 'open') return { status }
    const [survey] = await questionsQuery(db).execute({ surveyId })
    const publicKeys = new Map<string, Uint8Array>()
    for (const { keyId, publicKey } of rows)
      if (keyId && publicKey) publicKeys.set(keyId, fromBase64Url(publicKey))
    // The follow-up questions frozen on the pulse are answered like the survey's own.
    const questions = askedQuestions(survey.questions, followUps)
    const pulse: OpenPulse = { status, k, questions, publicKeys }
    kept.set(pulseId, pulse)
    return pulse
  }
})

const closed = (detail = 'This pulse is not open.') => new Problem(410, detail)

/**
 * Stores a response in API.md's order of checks: 404, 410, 403 (`keyId`, `token` or `signature`
 * missing, undecodable, unknown or not verifying), 422 (the answers; the token stays unspent),
 * 409 (token already spent: the problem carries the same receipt). `readBody` is read after the
 * pulse is known (a malformed body is 400). A pulse that closed since it was kept answers 410
 * first. Returns the receipt; throws the Problem to answer.
 */
export async function submitResponse(
  deps: AppDeps,
  pulseId: string,
  readBody: () => Promise<Record<string, unknown>>,
): Promise<{ receipt: string }> {
  const { db } = deps
  const pulse = await submissionTarget(db)(pulseId)
  if (!pulse) throw notFound('pulse')
  if (pulse.status !== 'open') throw closed()
  const target = pulse as OpenPulse
  const refuse = async (problem: Problem) => {
    const [now] = await pulseStatus(db).execute({ pulseId })
    return now?.status === 'open' ? problem : closed()
  }
  const body = await readBody().catch((problem: Problem) => problem)
  if (body instanceof Problem) throw await refuse(body)
  const keyId = typeof body.keyId === 'string' ? body.keyId : ''
  const publicKey = target.publicKeys.get(keyId)
  const token = decodeBounded(body.token)
  const signature = decodeBounded(body.signature)
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
  const hashes = checkReplyHashes(target.questions, body.replyHashes)
  if (!checked.ok || !hashes.ok)
    throw await refuse(
      invalid(
        [...(checked.ok ? [] : checked.errors), ...(hashes.ok ? [] : hashes.errors)],
        'Some answers are invalid; nothing was stored and your token is still unused.',
      ),
    )

  const receipt = receiptOf(token)
  const tokenHash = await spentTokenHash(deps, pulseId, token)
  // Non-text answers go into the response row (question id → value as JSON text); comments
  // go apart, each under its own random id with its reply hash, never in the response's
  // transaction (below).
  const answers = JSON.stringify(
    Object.fromEntries(
      checked.answers
        .filter((a) => a.question.kind !== 'text')
        .map((a) => [a.question.id, JSON.stringify(a.value)]),
    ),
  )
  const texts = checked.answers
    .filter((a) => a.question.kind === 'text' && (a.value as string).trim() !== '')
    .map((a) => ({
      id: newId(),
      questionId: a.question.id,
      text: a.value as string,
      replyHash: hashes.hashes.get(a.question.id),
    }))
  // Both statements are guarded on the pulse still being open, in one atomic batch: a close
  // racing this submission either counts all of it or none of it. A token already spent fails
  // the first insert on its primary key, which rolls the whole batch back.
  const open = sql`exists (select 1 from ${pulses} where id = ${pulseId} and status = 'open')`
  let results: readonly unknown[]
  try {
    results = await db.batch([
      db.run(
        sql`insert into ${spentTokens} (pulse_id, token_hash) select ${pulseId}, ${tokenHash} where ${open}`,
      ),
      db.run(
        sql`insert into ${responses} (pulse_id, id, key_id, answers) select ${pulseId}, ${newId()}, ${keyId}, ${answers} where ${open}`,
      ),
    ])
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
  return { receipt }
}

/** The spent-token primary key refusing a second row, as libSQL and D1 report it (on the error or its cause). */
function isSpentTokenConflict(error: unknown): boolean {
  const messages = [(error as Error)?.message, (error as { cause?: Error })?.cause?.message]
  return messages.some((message) =>
    /UNIQUE constraint failed: spent_tokens\./.test(String(message)),
  )
}

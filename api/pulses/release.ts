import { and, eq, isNull, sql } from 'drizzle-orm'
import {
  cohortHistograms,
  comments,
  pulseKeys,
  pulses,
  releasedViews,
  responses,
  spentTokens,
  surveys,
  tokenIssuances,
} from '../../schema'
import { askedQuestions } from '../actions/follow-ups'
import type { PulseRow } from '../db/rows'
import type { PendingComment } from './comment-pool'
import { newId } from '../privacy/ids'
import { chunks } from '../db'
import type { AppDeps } from '../deps'
import { ReleaseRefused } from '../privacy/gate'
import {
  cohortHistograms as foldHistograms,
  type AnswerCount,
  type Histogram,
} from '../reports/histograms'
import { releaseView, type CohortCounts, type ReleasedView } from '../reports/released-view'
import { communityRedactor } from '../threads/redaction'

/** The gate a view stored now was made by (pulses.gate_version). */
export const GATE_VERSION = 2

/**
 * Completes the close of a pulse: through the gate, the released view of every cut (noise
 * sampled here, once), stored with the released respondent count and the comment decision; then
 * the raw answers, responses, issuance rows and spent tokens are deleted, and comments are
 * redacted and kept apart, or deleted when there are too few respondents ever to show them.
 * Exactly once, even when two calls race: the views' primary key lets only one batch commit.
 * Safe to call again after a crash; does nothing for a pulse that is not closed or already
 * released. When the atom check refuses the release, nothing is stored or deleted and the
 * refusal is logged: the pulse stays closed with nothing released.
 */
export async function releasePulse(deps: AppDeps, pulseId: string): Promise<void> {
  const { db } = deps
  const [pulse] = await db.select().from(pulses).where(eq(pulses.id, pulseId))
  if (!pulse || pulse.status !== 'closed' || pulse.released) return
  const rows = await db.all<AnswerCount>(sql`
    select r.key_id as keyId, a.key as questionId, a.value as value, count(*) as count
    from ${responses} r, json_each(r.answers) a
    where r.pulse_id = ${pulseId} group by 1, 2, 3`)
  const counted = await db
    .select({ keyId: responses.keyId, n: sql<number>`count(*)` })
    .from(responses)
    .where(eq(responses.pulseId, pulseId))
    .groupBy(responses.keyId)
  const questions = await nonTextQuestions(deps, pulse)
  const histograms = foldHistograms(
    rows.map((r) => ({ ...r, count: Number(r.count) })),
    questions,
  )
  const counts = new Map<string, CohortCounts>(
    counted.map((c) => [
      c.keyId,
      { respondents: Number(c.n), histograms: histograms.get(c.keyId) ?? new Map() },
    ]),
  )
  const view = await viewOf(deps, pulse, counts)
  if (!view) return
  const total = counted.reduce((sum, c) => sum + Number(c.n), 0)
  const commentsReleased = total >= pulse.minCommentGroupSize
  // Comments the pool still holds are stored, or dropped, with the rest in this one batch.
  const pooled = deps.commentPool?.take(pulseId) ?? []
  const keptComments = commentsReleased
    ? await redactedComments(deps, pulseId, pulse.communityId, pooled)
    : []
  const stored = db.batch([
    ...storeView(deps, pulse, view, commentsReleased),
    db.delete(responses).where(eq(responses.pulseId, pulseId)),
    db.delete(spentTokens).where(eq(spentTokens.pulseId, pulseId)),
    db.delete(tokenIssuances).where(eq(tokenIssuances.pulseId, pulseId)),
    db.delete(comments).where(eq(comments.pulseId, pulseId)),
    ...chunks(keptComments, 2000).map((part) =>
      db.run(sql`insert into ${comments} (pulse_id, id, question_id, text, reply_hash)
        select ${pulseId}, json_extract(value, '$.id'), json_extract(value, '$.questionId'), json_extract(value, '$.text'), json_extract(value, '$.replyHash')
        from json_each(${JSON.stringify(part)})`),
    ),
  ])
  await stored.catch(async (error) => {
    // Another close stored the views first; its batch did everything this one would have.
    const [now] = await db
      .select({ released: pulses.released })
      .from(pulses)
      .where(eq(pulses.id, pulseId))
    if (now?.released) return
    deps.commentPool?.restore(pulseId, pooled)
    throw error
  })
  // What was deleted leaves the WAL too, not only the main file (DESIGN.md 7).
  await deps.files?.checkpoint()
}

/**
 * Releases again, under the current gate, a pulse whose view an older gate made, from the
 * per-cohort counts that gate kept (`cohort_histograms`, `pulse_keys.respondents`), then deletes
 * those counts and the older views. Noise mode draws fresh noise, once. The comment decision
 * stands as the older close made it (on its exact total). Does nothing for a pulse already
 * released under the current gate.
 */
export async function releaseAgain(deps: AppDeps, pulseId: string): Promise<void> {
  const { db } = deps
  const [pulse] = await db.select().from(pulses).where(eq(pulses.id, pulseId))
  if (!pulse || !pulse.released || pulse.gateVersion === GATE_VERSION) return
  const keyCounts = await db
    .select({ id: pulseKeys.id, respondents: pulseKeys.respondents })
    .from(pulseKeys)
    .where(eq(pulseKeys.pulseId, pulseId))
  const stored = await db
    .select()
    .from(cohortHistograms)
    .where(eq(cohortHistograms.pulseId, pulseId))
  const byKey = new Map<string, Map<string, Histogram>>()
  for (const h of stored) {
    byKey.set(
      h.keyId,
      (byKey.get(h.keyId) ?? new Map()).set(h.questionId, { n: h.n, counts: h.counts }),
    )
  }
  const counts = new Map<string, CohortCounts>(
    keyCounts.map((k) => [
      k.id,
      { respondents: k.respondents ?? 0, histograms: byKey.get(k.id) ?? new Map() },
    ]),
  )
  const total = keyCounts.reduce((sum, k) => sum + (k.respondents ?? 0), 0)
  const view = await viewOf(deps, pulse, counts)
  if (!view) return
  await db.batch([
    db.delete(releasedViews).where(eq(releasedViews.pulseId, pulseId)),
    ...storeView(deps, pulse, view, total >= pulse.minCommentGroupSize),
    db.delete(cohortHistograms).where(eq(cohortHistograms.pulseId, pulseId)),
    db.update(pulseKeys).set({ respondents: null }).where(eq(pulseKeys.pulseId, pulseId)),
  ])
  await deps.files?.checkpoint()
}

/** Releases again every pulse whose view an older gate made (run at start; see releaseAgain). */
export async function releaseOlderViews(deps: AppDeps): Promise<number> {
  const older = await deps.db
    .select({ id: pulses.id })
    .from(pulses)
    .where(and(eq(pulses.released, true), isNull(pulses.gateVersion)))
  for (const { id } of older) await releaseAgain(deps, id)
  return older.length
}

/**
 * What the pulse asked that has numbers: its survey's non-text questions and its follow-up
 * questions, which therefore pass the gate exactly as the survey's optional questions do.
 */
async function nonTextQuestions(deps: AppDeps, pulse: PulseRow) {
  const [survey] = await deps.db
    .select({ questions: surveys.questions })
    .from(surveys)
    .where(eq(surveys.id, pulse.surveyId))
  return askedQuestions(survey.questions, pulse.followUps).filter((q) => q.kind !== 'text')
}

/** The released view of a pulse from its per-cohort counts; undefined (logged) when the gate refuses. */
async function viewOf(
  deps: AppDeps,
  pulse: PulseRow,
  counts: Map<string, CohortCounts>,
): Promise<ReleasedView | undefined> {
  const keys = await deps.db
    .select({
      id: pulseKeys.id,
      cohort: pulseKeys.cohort,
      eligible: pulseKeys.eligible,
      joined: pulseKeys.joined,
    })
    .from(pulseKeys)
    .where(eq(pulseKeys.pulseId, pulse.id))
  try {
    return releaseView({
      // The partner rule reads joined members; `eligible` for pulses opened before it was recorded.
      keys: keys.map((k) => ({ id: k.id, cohort: k.cohort, joined: k.joined ?? k.eligible })),
      attributes: pulse.attributes,
      k: pulse.minGroupSize,
      questions: await nonTextQuestions(deps, pulse),
      counts,
      epsilon: pulse.privacyMode === 'noise' ? pulse.epsilon : undefined,
    })
  } catch (error) {
    if (!(error instanceof ReleaseRefused)) throw error
    deps.log(`error: the disclosure gate refused to release pulse ${pulse.id}: ${error.message}`)
    return undefined
  }
}

/** Stores a released view and what the pulse row records of it. */
function storeView(deps: AppDeps, pulse: PulseRow, view: ReleasedView, commentsReleased: boolean) {
  const { db } = deps
  const views = Object.entries(view.cuts).map(([cut, groups]) => ({
    pulseId: pulse.id,
    cut,
    groups,
  }))
  return [
    db.insert(releasedViews).values(views),
    db
      .update(pulses)
      .set({
        released: true,
        responded: view.responded,
        commentsReleased,
        gateVersion: GATE_VERSION,
      })
      .where(eq(pulses.id, pulse.id)),
  ] as const
}

/**
 * The pulse's comments, stored and `pooled`, with known emails and names redacted, under fresh
 * random ids (a new random order), each keeping its reply hash.
 */
async function redactedComments(
  deps: AppDeps,
  pulseId: string,
  communityId: string,
  pooled: PendingComment[],
) {
  const { db } = deps
  const stored = [
    ...(await db.select().from(comments).where(eq(comments.pulseId, pulseId))),
    ...pooled,
  ]
  if (stored.length === 0) return []
  const redact = await communityRedactor(db, communityId)
  return stored.map((c) => ({
    id: newId(),
    questionId: c.questionId,
    text: redact(c.text),
    replyHash: c.replyHash ?? null,
  }))
}

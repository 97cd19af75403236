import { and, eq, inArray, sql } from 'drizzle-orm'
import {
  cohortHistograms,
  comments,
  communityRoles,
  members,
  organizers,
  pulseKeys,
  pulses,
  releasedViews,
  responses,
  spentTokens,
  surveys,
  tokenIssuances,
} from '../schema'
import { newId } from './crypto'
import { chunks } from './db'
import type { AppDeps } from './deps'
import { disclose, formGroups, type NoisyCounts } from './privacy/disclosure'
import { cohortHistograms as foldHistograms, type AnswerCount } from './reports/histograms'
import { knownNames, redactor } from './reports/redact'
import { groupCounts, reportGroup, type GroupCounts } from './reports/released-groups'

/**
 * Completes the close of a pulse: computes its per-cohort histograms and, through the
 * disclosure gate, the released view of every cut (noise sampled here, once), stores them, and
 * deletes the raw answers, responses, issuance rows and spent tokens; comments are redacted and
 * kept apart, or deleted when there are too few respondents ever to show them. Exactly once,
 * even when two calls race: the views' primary key lets only one batch commit. Safe to call
 * again after a crash; does nothing for a pulse that is not closed or already released.
 */
export async function releasePulse(deps: AppDeps, pulseId: string): Promise<void> {
  const { db } = deps
  const [pulse] = await db.select().from(pulses).where(eq(pulses.id, pulseId))
  if (!pulse || pulse.status !== 'closed' || pulse.released) return
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, pulse.surveyId))
  const questions = survey.questions.filter((q) => q.kind !== 'text')
  const keys = await db.select({ id: pulseKeys.id, cohort: pulseKeys.cohort }).from(pulseKeys).where(eq(pulseKeys.pulseId, pulseId))

  const counted = await db
    .select({ keyId: responses.keyId, n: sql<number>`count(*)` })
    .from(responses)
    .where(eq(responses.pulseId, pulseId))
    .groupBy(responses.keyId)
  const respondents = new Map(counted.map((r) => [r.keyId, Number(r.n)]))
  const rows = await db.all<AnswerCount>(sql`
    select r.key_id as keyId, a.key as questionId, a.value as value, count(*) as count
    from ${responses} r, json_each(r.answers) a
    where r.pulse_id = ${pulseId} group by 1, 2, 3`)
  const perCohort = foldHistograms(rows.map((r) => ({ ...r, count: Number(r.count) })), questions)

  const optional = questions.filter((q) => !q.required).map((q) => q.id)
  const cohorts = keys.map((k) => ({
    id: k.id,
    cohort: k.cohort,
    respondents: respondents.get(k.id) ?? 0,
    answered: Object.fromEntries(optional.map((q) => [q, perCohort.get(k.id)?.get(q)?.n ?? 0])),
  }))
  const epsilon = pulse.privacyMode === 'noise' ? pulse.epsilon : undefined
  const groups = formGroups(cohorts, pulse.attributes)
  const counts: Record<string, GroupCounts[]> = Object.fromEntries(
    Object.entries(groups).map(([cut, list]) => [cut, list.map((g) => groupCounts(g.cohortIds, respondents, perCohort, questions, epsilon))]),
  )
  const noisy: Record<string, NoisyCounts[]> | undefined = epsilon === undefined ? undefined : Object.fromEntries(
    Object.entries(counts).map(([cut, list]) => [cut, list.map((c) => ({ respondents: c.respondents, answered: Object.fromEntries(optional.map((q) => [q, c.histograms.get(q)!.n])) }))]),
  )
  const decided = disclose({ cohorts, attributes: pulse.attributes, k: pulse.minGroupSize, optionalQuestions: optional, noisy })
  const views = Object.entries(decided.cuts).map(([cut, list]) => ({
    pulseId,
    cut,
    groups: list.map((decision, i) => reportGroup(decision, counts[cut][i], questions)),
  }))

  const total = [...respondents.values()].reduce((a, b) => a + b, 0)
  const keptComments = total >= pulse.minCommentGroupSize ? await redactedComments(deps, pulseId, pulse.communityId) : []
  const histogramRows = [...perCohort].flatMap(([keyId, byQuestion]) =>
    [...byQuestion].map(([questionId, h]) => ({ keyId, questionId, n: h.n, counts: h.counts })),
  )
  await db.batch([
    db.insert(releasedViews).values(views),
    // One JSON parameter per statement: D1 binds at most 100.
    ...chunks(histogramRows, 2000).map((part) =>
      db.run(sql`insert into ${cohortHistograms} (pulse_id, key_id, question_id, n, counts)
        select ${pulseId}, json_extract(value, '$.keyId'), json_extract(value, '$.questionId'),
               json_extract(value, '$.n'), json(json_extract(value, '$.counts'))
        from json_each(${JSON.stringify(part)})`),
    ),
    db.run(sql`update ${pulseKeys} set respondents = coalesce(
        (select json_extract(value, '$.n') from json_each(${JSON.stringify(cohorts.map((c) => ({ id: c.id, n: c.respondents })))})
         where json_extract(value, '$.id') = ${pulseKeys.id}), 0)
      where pulse_id = ${pulseId}`),
    db.update(pulses).set({ released: true, responded: total }).where(eq(pulses.id, pulseId)),
    db.delete(responses).where(eq(responses.pulseId, pulseId)),
    db.delete(spentTokens).where(eq(spentTokens.pulseId, pulseId)),
    db.delete(tokenIssuances).where(eq(tokenIssuances.pulseId, pulseId)),
    db.delete(comments).where(eq(comments.pulseId, pulseId)),
    ...chunks(keptComments, 2000).map((part) =>
      db.run(sql`insert into ${comments} (pulse_id, id, question_id, text)
        select ${pulseId}, json_extract(value, '$.id'), json_extract(value, '$.questionId'), json_extract(value, '$.text')
        from json_each(${JSON.stringify(part)})`),
    ),
  ]).catch(async (error) => {
    // Another close stored the views first; its batch did everything this one would have.
    const [now] = await db.select({ released: pulses.released }).from(pulses).where(eq(pulses.id, pulseId))
    if (!now?.released) throw error
  })
}

/** The pulse's comments with known emails and names redacted, under fresh random ids (a new random order). */
async function redactedComments(deps: AppDeps, pulseId: string, communityId: string) {
  const { db } = deps
  const stored = await db.select().from(comments).where(eq(comments.pulseId, pulseId))
  if (stored.length === 0) return []
  const memberEmails = await db.select({ email: members.email }).from(members).where(eq(members.communityId, communityId))
  const team = await db
    .select({ email: organizers.email, name: organizers.name })
    .from(organizers)
    .where(inArray(organizers.id, db.select({ id: communityRoles.organizerId }).from(communityRoles).where(and(eq(communityRoles.communityId, communityId)))))
  const redact = redactor(knownNames([...memberEmails, ...team].map((m) => m.email), team.map((t) => t.name)))
  return stored.map((c) => ({ id: newId(), questionId: c.questionId, text: redact(c.text) }))
}

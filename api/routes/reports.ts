import { and, asc, eq } from 'drizzle-orm'
import { Hono, type MiddlewareHandler } from 'hono'
import * as z from 'zod/mini'
import { comments, pulses, releasedViews, surveys } from '../../schema'
import { pulseRole, surveyRole } from '../auth/roles'
import type { PulseRow, SurveyRow } from '../db/rows'
import { requireMember } from '../auth/member-keys'
import { inJson } from '../db'
import type { AppDeps, AppEnv } from '../deps'
import { iso } from '../http/fields'
import { invalid, notFound } from '../http/problem'
import { queryOf } from '../http/validate'
import { releasePulse } from '../pulses/release'
import { hiddenComment } from '../threads/view'
import type { ReportGroup } from '../reports/released-view'
import { pulseReport } from '../pulses/report'
import { buildTrend, followUpColumns, trendCsv, type CsvQuestion } from '../reports/trend'
import { cachedTrend } from '../reports/trend-cache'
import { liveCount } from '../pulses/view'
import { shuffled } from '../privacy/shuffle'

export const byQuery = z.object({ by: z.optional(z.string().check(z.maxLength(100))) })
export const commentsQuery = z.object({ questionId: z.optional(z.string().check(z.maxLength(64))) })

/** A text question's comments: shuffled, and only once released (after close, ≥ k_text). */
export type Comments = { released: boolean; comments: string[] }

/**
 * Closes of the survey's pulses that were interrupted are finished before anything of the survey
 * is read: a trend lists every closed pulse, and a report's `change` compares with the previous one.
 */
async function settleSurvey(deps: AppDeps, surveyId: string): Promise<void> {
  const pending = await deps.db
    .select({ id: pulses.id })
    .from(pulses)
    .where(
      and(eq(pulses.surveyId, surveyId), eq(pulses.status, 'closed'), eq(pulses.released, false)),
    )
  for (const { id } of pending) await releasePulse(deps, id)
}

/** A closed pulse whose close was interrupted (or an earlier one of its survey) is finished before it is read. */
async function settled(deps: AppDeps, pulse: PulseRow): Promise<PulseRow> {
  if (pulse.status !== 'closed') return pulse
  await settleSurvey(deps, pulse.surveyId)
  if (pulse.released) return pulse
  const [row] = await deps.db.select().from(pulses).where(eq(pulses.id, pulse.id))
  return row
}

/**
 * A text question's comments as every reader gets them: 422 unless `questionId` names a text
 * question of the pulse; released only after close and only when enough people responded
 * (k_text: decided once at close on the exact total and stored, the close deleted them
 * otherwise), shuffled anew on every read.
 */
async function commentsOf(
  deps: AppDeps,
  row: PulseRow,
  survey: SurveyRow,
  questionId: string | undefined,
): Promise<Comments> {
  const question = survey.questions.find((q) => q.id === questionId)
  if (!question || question.kind !== 'text') {
    throw invalid([{ path: 'questionId', message: 'must name a text question of this pulse' }])
  }
  const pulse = await settled(deps, row)
  if (pulse.status !== 'closed' || !pulse.released || !pulse.commentsReleased) {
    return { released: false, comments: [] }
  }
  const rows = await deps.db
    .select({ text: comments.text, hiddenReason: comments.hiddenReason })
    .from(comments)
    .where(and(eq(comments.pulseId, pulse.id), eq(comments.questionId, question.id)))
  // A comment organizers hid (docs/api.md, "Threads") shows the reason in its place.
  const shown = rows.map((r) => (r.hiddenReason === null ? r.text : hiddenComment(r.hiddenReason)))
  return { released: true, comments: shuffled(shown) }
}

/**
 * The pulse `:pid` when it is closed and shared with the member's community; sets `pulse` and
 * `survey`, else 404 (an unshared pulse looks like one that does not exist).
 */
const sharedPulse: MiddlewareHandler<AppEnv> = async function sharedPulse(c, next) {
  const [row] = await c.var.deps.db
    .select({ pulse: pulses, survey: surveys })
    .from(pulses)
    .innerJoin(surveys, eq(surveys.id, pulses.surveyId))
    .where(
      and(
        eq(pulses.id, c.req.param('pid') ?? ''),
        eq(pulses.communityId, c.var.member.communityId),
        eq(pulses.status, 'closed'),
        eq(pulses.shared, true),
      ),
    )
  if (!row) throw notFound('shared pulse')
  c.set('pulse', row.pulse)
  c.set('survey', row.survey)
  await next()
}

async function trendOf(
  deps: AppDeps,
  surveyId: string,
  questions: CsvQuestion[],
  by: string | undefined,
) {
  const { db } = deps
  await settleSurvey(deps, surveyId)
  const closed = await db
    .select()
    .from(pulses)
    .where(
      and(eq(pulses.surveyId, surveyId), eq(pulses.status, 'closed'), eq(pulses.released, true)),
    )
    .orderBy(asc(pulses.closesAt), asc(pulses.id))
  if (by !== undefined && !closed.some((p) => p.attributes.includes(by))) {
    throw invalid([
      { path: 'by', message: 'is not an attribute of any closed pulse of this survey' },
    ])
  }
  const signature = closed.map((p) => `${p.id}@${p.closesAt}`).join(',')
  const { trend, json } = await cachedTrend(db, `${surveyId}\n${by ?? ''}`, signature, async () => {
    const views = closed.length
      ? await db
          .select()
          .from(releasedViews)
          .where(
            and(
              inJson(
                releasedViews.pulseId,
                closed.map((p) => p.id),
              ),
              eq(releasedViews.cut, by ?? ''),
            ),
          )
      : []
    const byPulse = new Map(views.map((v) => [v.pulseId, v.groups as ReportGroup[]]))
    return buildTrend(
      closed.map((p) => ({ id: p.id, closesAt: iso(p.closesAt), groups: byPulse.get(p.id) })),
    )
  })
  // Follow-up questions are listed like the survey's, in rows for the pulses that asked them.
  const csvQuestions = [...questions, ...followUpColumns(closed)]
  return { json, csv: () => trendCsv(trend, csvQuestions, by) }
}

export const reportRoutes = new Hono<AppEnv>()
  .get('/pulses/:pid/report', pulseRole('viewer'), queryOf(byQuery), async (c) => {
    const { by } = c.req.valid('query')
    const { deps } = c.var
    if (by !== undefined && !c.var.pulse.attributes.includes(by)) {
      throw invalid([{ path: 'by', message: "is not one of this pulse's attributes" }])
    }
    const pulse = await settled(deps, c.var.pulse)
    return c.json(await pulseReport(deps.db, pulse, by, (await liveCount(deps.db, pulse)) ?? 0))
  })

  .get('/pulses/:pid/comments', pulseRole('viewer'), queryOf(commentsQuery), async (c) => {
    const { pulse, survey, deps } = c.var
    return c.json(await commentsOf(deps, pulse, survey, c.req.valid('query').questionId))
  })

  // A member reads the comments of a pulse shared with their community exactly as organizers do.
  .get(
    '/me/results/:pid/comments',
    requireMember,
    sharedPulse,
    queryOf(commentsQuery),
    async (c) => {
      const { pulse, survey, deps } = c.var
      return c.json(await commentsOf(deps, pulse, survey, c.req.valid('query').questionId))
    },
  )

  .get('/surveys/:sid/trend', surveyRole('viewer'), queryOf(byQuery), async (c) => {
    const questions = c.var.survey.questions.filter((q) => q.kind !== 'text')
    const { json } = await trendOf(c.var.deps, c.var.survey.id, questions, c.req.valid('query').by)
    c.header('content-type', 'application/json')
    return c.body(json)
  })

  .get('/surveys/:sid/trend.csv', surveyRole('viewer'), queryOf(byQuery), async (c) => {
    const { by } = c.req.valid('query')
    const questions = c.var.survey.questions.filter((q) => q.kind !== 'text')
    const { csv } = await trendOf(c.var.deps, c.var.survey.id, questions, by)
    const name = `trend-${c.var.survey.id}${by ? `-by-${by.replace(/[^\w-]/g, '_')}` : ''}.csv`
    c.header('content-type', 'text/csv; charset=utf-8')
    c.header('content-disposition', `attachment; filename="${name}"`)
    return c.body(csv())
  })

  .get('/me/results', requireMember, async (c) => {
    const { deps, member } = c.var
    const shared = await deps.db
      .select()
      .from(pulses)
      .where(
        and(
          eq(pulses.communityId, member.communityId),
          eq(pulses.status, 'closed'),
          eq(pulses.shared, true),
        ),
      )
      .orderBy(asc(pulses.closesAt))
    const reports = []
    for (const row of shared) {
      const [survey] = await deps.db.select().from(surveys).where(eq(surveys.id, row.surveyId))
      const report = await pulseReport(deps.db, await settled(deps, row), undefined, 0, 'member')
      // The survey's prompts, so members read questions rather than ids (an addition to `report`).
      reports.push({
        ...report,
        survey: { id: survey.id, title: survey.title, questions: survey.questions },
      })
    }
    return c.json(reports)
  })

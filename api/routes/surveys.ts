import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { pulses, schedules, surveys } from '../../schema'
import { communityRole, surveyRole } from '../auth/roles'
import type { SurveyRow } from '../db/rows'
import { newId } from '../privacy/ids'
import type { AppEnv } from '../deps'
import { invalid, Problem } from '../http/problem'
import { jsonBody } from '../http/validate'
import { PREPARING_KEYS } from '../pulses/lifecycle'
import { scheduleOf } from '../pulses/schedule'
import { copyQuestions, copyTitle } from '../surveys/copy'
import { normalizeQuestions, questionsInput } from '../surveys/questions'
import { templates } from '../surveys/templates'

const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(200))
const description = z.string().check(z.trim(), z.maxLength(2000))

// One object rather than a union of the two forms, so that a 422 names the field at fault
// (`questions.2.options`) instead of reporting that neither form matched.
export const createSurveyRequest = z
  .object({
    template: z.optional(z.string().check(z.maxLength(100))),
    title: z.optional(title),
    description: z.optional(description),
    questions: z.optional(questionsInput),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (input.template !== undefined) return
      for (const field of ['title', 'questions'] as const) {
        if (input[field] === undefined) {
          ctx.issues.push({
            code: 'custom',
            input: undefined,
            path: [field],
            message: 'is required unless a template is given',
          })
        }
      }
    }),
  )

/** A survey as an organizer creates it: from a template, or with a title and questions. */
export type SurveyInput = z.input<typeof createSurveyRequest>

export const patchSurveyRequest = z.object({
  title: z.optional(title),
  description: z.optional(description),
  questions: z.optional(questionsInput),
})

/** The survey as API.md fixes it (plus `archived`). */
export const surveyView = (row: SurveyRow) => ({
  id: row.id,
  communityId: row.communityId,
  title: row.title,
  description: row.description,
  questions: row.questions,
  archived: row.archived,
})
export type Survey = ReturnType<typeof surveyView>

const questionId = () => newId().slice(0, 12)

export const surveyRoutes = new Hono<AppEnv>()
  .get('/templates', (c) => c.json(templates))

  .post(
    '/communities/:cid/surveys',
    communityRole('organizer'),
    jsonBody(createSurveyRequest),
    async (c) => {
      const input = c.req.valid('json')
      let source: { title: string; description: string; questions: z.infer<typeof questionsInput> }
      if (input.template !== undefined) {
        const template = templates.find((t) => t.id === input.template)
        if (!template) throw invalid([{ path: 'template', message: 'is not a known template' }])
        source = {
          title: input.title ?? template.title,
          description: input.description ?? template.description,
          questions: template.questions,
        }
      } else {
        source = {
          title: input.title!,
          description: input.description ?? '',
          questions: input.questions!,
        }
      }
      const row: SurveyRow = {
        id: newId(),
        communityId: c.var.community.id,
        title: source.title,
        description: source.description,
        questions: normalizeQuestions(source.questions, [], questionId),
        archived: false,
        createdAt: c.var.deps.now(),
      }
      await c.var.deps.db.insert(surveys).values(row)
      return c.json(surveyView(row), 201)
    },
  )

  .get('/communities/:cid/surveys', communityRole('viewer'), async (c) => {
    const rows = await c.var.deps.db
      .select()
      .from(surveys)
      .where(and(eq(surveys.communityId, c.var.community.id), eq(surveys.archived, false)))
      .orderBy(surveys.createdAt)
    return c.json(rows.map(surveyView))
  })

  // With its schedule when it has one, so a page showing the survey needs no request that 404s.
  .get('/surveys/:sid', surveyRole('viewer'), async (c) => {
    const schedule = await scheduleOf(c.var.deps.db, c.var.survey.id)
    return c.json({ ...surveyView(c.var.survey), ...(schedule ? { schedule } : {}) })
  })

  .patch('/surveys/:sid', surveyRole('organizer'), jsonBody(patchSurveyRequest), async (c) => {
    const input = c.req.valid('json')
    const survey = c.var.survey
    const { db } = c.var.deps
    const next = { ...survey }
    if (input.title !== undefined) next.title = input.title
    if (input.description !== undefined) next.description = input.description
    if (input.questions !== undefined) {
      // Questions are fixed once a pulse has opened, so trends compare like with like.
      const [opened] = await db
        .select({ id: pulses.id })
        .from(pulses)
        .where(
          and(
            eq(pulses.surveyId, survey.id),
            // A pulse preparing its keys has already snapshotted its members: it has opened.
            or(inArray(pulses.status, ['open', 'closed']), eq(pulses.reason, PREPARING_KEYS)),
          ),
        )
        .limit(1)
      if (opened)
        throw new Problem(
          409,
          'A pulse of this survey has opened, so its questions are fixed. Copy it into a new survey to change them.',
        )
      next.questions = normalizeQuestions(input.questions, survey.questions, questionId)
    }
    await db
      .update(surveys)
      .set({ title: next.title, description: next.description, questions: next.questions })
      .where(eq(surveys.id, survey.id))
    return c.json(surveyView(next))
  })

  // A copy starts unlocked whatever the original's pulses did: the way to change the questions
  // of a survey whose questions are fixed. Schedules and pulses stay with the original.
  .post('/surveys/:sid/copy', surveyRole('organizer'), async (c) => {
    const source = c.var.survey
    const row: SurveyRow = {
      id: newId(),
      communityId: source.communityId,
      title: copyTitle(source.title),
      description: source.description,
      questions: copyQuestions(source.questions, questionId),
      archived: false,
      createdAt: c.var.deps.now(),
    }
    await c.var.deps.db.insert(surveys).values(row)
    return c.json(surveyView(row), 201)
  })

  .delete('/surveys/:sid', surveyRole('organizer'), async (c) => {
    // Archived, not deleted: its closed pulses stay readable. Its schedule and the pulses not
    // yet opening go; an open pulse runs until it closes.
    const { db } = c.var.deps
    const id = c.var.survey.id
    await db.batch([
      db.update(surveys).set({ archived: true }).where(eq(surveys.id, id)),
      db.delete(schedules).where(eq(schedules.surveyId, id)),
      db
        .delete(pulses)
        .where(and(eq(pulses.surveyId, id), eq(pulses.status, 'scheduled'), isNull(pulses.reason))),
    ])
    return c.body(null, 204)
  })

import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { actions } from '../../schema'
import {
  actionOf,
  actionsOf,
  addUpdate,
  createAction,
  editAction,
  nextFollowUps,
  referenceErrors,
  removeUpdate,
} from '../actions/store'
import { actionStatuses, dayOf, isDay } from '../actions/status'
import { actionRole, communityRole, surveyRole } from '../auth/roles'
import { requireMember } from '../auth/member-keys'
import type { AppEnv } from '../deps'
import { invalid, notFound } from '../http/problem'
import { jsonBody, queryOf } from '../http/validate'

const day = z.string().check(z.refine(isDay, 'must be a date written YYYY-MM-DD'))
const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(200))
const plan = z.string().check(z.trim(), z.maxLength(2000))
const id = z.string().check(z.maxLength(64))
/** A released group's label: one attribute and its value, as a report's group by it shows. */
const group = z
  .record(
    z.string().check(z.maxLength(100)),
    z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  )
  .check(z.refine((g) => Object.keys(g).length === 1, 'must name one attribute and its value'))

const fields = {
  plan: z.optional(plan),
  questionId: z.optional(z.nullable(id)),
  dimension: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(60)))),
  group: z.optional(z.nullable(group)),
  status: z.optional(z.enum(actionStatuses)),
  targetDate: z.optional(z.nullable(day)),
  startedOn: z.optional(z.nullable(day)),
  endedOn: z.optional(z.nullable(day)),
  draft: z.optional(z.boolean()),
}
export const createActionRequest = z.object({ surveyId: id, title, ...fields })
export const patchActionRequest = z.object({
  surveyId: z.optional(id),
  title: z.optional(title),
  ...fields,
})
export const addUpdateRequest = z.object({
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  date: z.optional(day),
})
export const actionsQuery = z.object({ surveyId: z.optional(id) })

export const actionRoutes = new Hono<AppEnv>()
  .get('/communities/:cid/actions', communityRole('viewer'), queryOf(actionsQuery), async (c) => {
    const { surveyId } = c.req.valid('query')
    return c.json(await actionsOf(c.var.deps.db, c.var.community.id, 'team', surveyId))
  })

  .post(
    '/communities/:cid/actions',
    communityRole('organizer'),
    jsonBody(createActionRequest),
    async (c) => {
      const { db, now } = c.var.deps
      const input = c.req.valid('json')
      const errors = await referenceErrors(db, c.var.community, input)
      if (errors.length) throw invalid(errors)
      const made = await createAction(db, c.var.community, input, now())
      if ('errors' in made) throw invalid(made.errors)
      return c.json(await actionOf(db, made.row), 201)
    },
  )

  .get('/actions/:aid', actionRole('viewer'), async (c) =>
    c.json(await actionOf(c.var.deps.db, c.var.action)),
  )

  .patch('/actions/:aid', actionRole('organizer'), jsonBody(patchActionRequest), async (c) => {
    const { db, now } = c.var.deps
    const { action } = c.var
    const input = c.req.valid('json')
    // What the action will name after the edit must all belong together.
    const errors = await referenceErrors(db, c.var.community, {
      surveyId: input.surveyId ?? action.surveyId,
      questionId: input.questionId === undefined ? action.questionId : input.questionId,
      dimension: input.dimension === undefined ? action.dimension : input.dimension,
      group: input.group === undefined ? action.groupLabel : input.group,
    })
    if (errors.length) throw invalid(errors)
    const edited = await editAction(db, action, input, now())
    if ('errors' in edited) throw invalid(edited.errors)
    return c.json(await actionOf(db, edited.row))
  })

  .delete('/actions/:aid', actionRole('organizer'), async (c) => {
    await c.var.deps.db.delete(actions).where(eq(actions.id, c.var.action.id))
    return c.body(null, 204)
  })

  .post('/actions/:aid/updates', actionRole('organizer'), jsonBody(addUpdateRequest), async (c) => {
    const { db, now } = c.var.deps
    const today = dayOf(now())
    const { text, date = today } = c.req.valid('json')
    if (date > today) throw invalid([{ path: 'date', message: 'must not be in the future' }])
    await addUpdate(db, c.var.action.id, date, text)
    return c.json(await actionOf(db, c.var.action), 201)
  })

  .delete('/actions/:aid/updates/:uid', actionRole('organizer'), async (c) => {
    if (!(await removeUpdate(c.var.deps.db, c.var.action.id, c.req.param('uid'))))
      throw notFound('update')
    return c.body(null, 204)
  })

  // What the survey's next pulse would carry if it opened now: the designer shows it.
  .get('/surveys/:sid/follow-up-questions', surveyRole('viewer'), async (c) => {
    const { db, now } = c.var.deps
    return c.json({ followUps: await nextFollowUps(db, c.var.survey.id, now()) })
  })

  // Members read their community's actions that are not drafts.
  .get('/me/actions', requireMember, async (c) =>
    c.json(await actionsOf(c.var.deps.db, c.var.member.communityId, 'member')),
  )

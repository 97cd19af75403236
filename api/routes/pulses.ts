import { desc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { pulses, schedules } from '../../schema'
import { pulseRole, surveyRole } from '../auth/roles'
import type { PulseRow } from '../db/rows'
import { newId } from '../privacy/ids'
import type { AppEnv } from '../deps'
import { instantField } from '../http/fields'
import { liveCount, pulsePreview, pulseView } from '../pulses/view'
import { invalid, Problem } from '../http/problem'
import { jsonBody } from '../http/validate'
import { queuePulseOpened, queueResultsShared } from '../delivery/notices'
import { startDelivery } from '../delivery/send'
import { siteBase } from '../http/links'
import {
  CannotOpenError,
  closePulse,
  cohortsNow,
  frozenSettings,
  openPulse,
} from '../pulses/lifecycle'
import { assertNoOverlap, isOverlapRefusal, OVERLAP_REASON, OverlapError } from '../pulses/overlap'
import { cadences, maxDurationDays, occurrenceAfter } from '../pulses/schedule-math'
import { deletePulse, deletionRefusal } from '../pulses/delete'
import { scheduleView } from '../pulses/schedule'
import { placeholderProblems } from '../surveys/placeholder'

/** A 422 while a question still holds the blank survey's placeholder: it must not go out. */
function refusePlaceholders(questions: { prompt: string }[]): void {
  const problems = placeholderProblems(questions)
  if (problems.length) throw invalid(problems, problems.map((p) => p.message).join(' '))
}

export const createPulseRequest = z.object({
  closesAt: instantField,
  opensAt: z.optional(instantField),
})

export const scheduleRequest = z.object({
  cadence: z.enum(cadences),
  startsAt: instantField,
  durationDays: z.int().check(z.gte(1, 'must be at least 1 day')),
})
export type ScheduleInput = z.input<typeof scheduleRequest>

export type { Schedule } from '../pulses/schedule'

export const pulseRoutes = new Hono<AppEnv>()
  .post(
    '/surveys/:sid/pulses',
    surveyRole('organizer'),
    jsonBody(createPulseRequest),
    async (c) => {
      const { closesAt, opensAt: requested } = c.req.valid('json')
      const { deps, survey, community } = c.var
      if (survey.archived) throw new Problem(409, 'This survey is archived.')
      const now = deps.now()
      const opensAt = requested !== undefined && requested > now ? requested : now
      if (closesAt <= opensAt) {
        throw invalid([
          {
            path: 'closesAt',
            message: requested ? 'must be after opensAt' : 'must be in the future',
          },
        ])
      }
      refusePlaceholders(survey.questions)
      const pulse: PulseRow = {
        id: newId(),
        surveyId: survey.id,
        communityId: community.id,
        status: 'scheduled',
        opensAt,
        closesAt,
        eligible: 0,
        joined: null,
        responded: null,
        commentsReleased: false,
        gateVersion: null,
        shared: false,
        released: false,
        reason: null,
        fingerprint: null,
        followUps: null,
        scheduleSlot: null,
        ...frozenSettings(community),
      }
      let opened: PulseRow
      try {
        if (opensAt > now) {
          await assertNoOverlap(deps, pulse)
          await deps.db.insert(pulses).values(pulse)
          return c.json(pulseView(pulse), 201)
        }
        opened = await openPulse(deps, pulse, community, true)
      } catch (error) {
        if (error instanceof CannotOpenError)
          throw invalid([{ path: '', message: error.message }], error.message)
        if (error instanceof OverlapError || isOverlapRefusal(error))
          throw new Problem(409, OVERLAP_REASON)
        throw error
      }
      // Pulses that open later (schedule, key preparation) are announced by the scheduler's tick.
      if (opened.status === 'open') {
        await queuePulseOpened(deps, opened.id, siteBase(c))
        startDelivery(deps)
      }
      return c.json(pulseView(opened, 0), 201)
    },
  )

  // What opening a pulse now would form, so the organizer sees before opening how many have
  // joined and what reports could be cut by (a first pulse after an import has no groups).
  .get('/surveys/:sid/pulse-preview', surveyRole('viewer'), async (c) => {
    const { deps, community } = c.var
    try {
      return c.json(pulsePreview(community.attributes, await cohortsNow(deps, community)))
    } catch (error) {
      if (error instanceof CannotOpenError)
        throw invalid([{ path: '', message: error.message }], error.message)
      throw error
    }
  })

  .get('/surveys/:sid/pulses', surveyRole('viewer'), async (c) => {
    const { db } = c.var.deps
    const rows = await db
      .select()
      .from(pulses)
      .where(eq(pulses.surveyId, c.var.survey.id))
      .orderBy(desc(pulses.opensAt))
    return c.json(
      await Promise.all(rows.map(async (row) => pulseView(row, await liveCount(db, row)))),
    )
  })

  .get('/pulses/:pid', pulseRole('viewer'), async (c) =>
    c.json(pulseView(c.var.pulse, await liveCount(c.var.deps.db, c.var.pulse))),
  )

  .post('/pulses/:pid/close', pulseRole('organizer'), async (c) => {
    const { deps, pulse } = c.var
    await closePulse(deps, pulse.id)
    const [row] = await deps.db.select().from(pulses).where(eq(pulses.id, pulse.id))
    return c.json(pulseView(row))
  })

  .post('/pulses/:pid/share', pulseRole('organizer'), async (c) => {
    const { deps, pulse } = c.var
    if (pulse.status !== 'closed')
      throw new Problem(409, 'Results can be shared once the pulse has closed.')
    await deps.db.update(pulses).set({ shared: true }).where(eq(pulses.id, pulse.id))
    await queueResultsShared(deps, pulse.id, siteBase(c))
    startDelivery(deps)
    return c.json(pulseView({ ...pulse, shared: true }))
  })

  .delete('/pulses/:pid/share', pulseRole('organizer'), async (c) => {
    const { deps, pulse } = c.var
    await deps.db.update(pulses).set({ shared: false }).where(eq(pulses.id, pulse.id))
    return c.json(pulseView({ ...pulse, shared: false }, await liveCount(deps.db, pulse)))
  })

  // An accidental pulse: one that never opened, or closed with nobody counted (api/pulses/delete.ts).
  .delete('/pulses/:pid', pulseRole('organizer'), async (c) => {
    const { deps, pulse } = c.var
    const refusal = deletionRefusal(pulse)
    if (refusal) throw new Problem(409, refusal)
    if (!(await deletePulse(deps, pulse.id)))
      throw new Problem(409, 'This pulse changed meanwhile (it may have opened). Look again.')
    return c.body(null, 204)
  })

  .get('/surveys/:sid/schedule', surveyRole('viewer'), async (c) => {
    const [row] = await c.var.deps.db
      .select()
      .from(schedules)
      .where(eq(schedules.surveyId, c.var.survey.id))
    if (!row) throw new Problem(404, 'This survey has no schedule.')
    return c.json(scheduleView(row))
  })

  .put('/surveys/:sid/schedule', surveyRole('organizer'), jsonBody(scheduleRequest), async (c) => {
    const { cadence, startsAt, durationDays } = c.req.valid('json')
    if (c.var.survey.archived) throw new Problem(409, 'This survey is archived.')
    if (durationDays > maxDurationDays(cadence)) {
      throw invalid([
        {
          path: 'durationDays',
          message: `must be at most ${maxDurationDays(cadence)} for a ${cadence} schedule`,
        },
      ])
    }
    refusePlaceholders(c.var.survey.questions)
    const row = {
      surveyId: c.var.survey.id,
      cadence,
      startsAt,
      durationDays,
      nextOpensAt: occurrenceAfter(startsAt, cadence, c.var.deps.now()),
    }
    await c.var.deps.db
      .insert(schedules)
      .values(row)
      .onConflictDoUpdate({ target: schedules.surveyId, set: row })
    return c.json(scheduleView(row))
  })

  .delete('/surveys/:sid/schedule', surveyRole('organizer'), async (c) => {
    await c.var.deps.db.delete(schedules).where(eq(schedules.surveyId, c.var.survey.id))
    return c.body(null, 204)
  })

import { and, eq } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Context, MiddlewareHandler } from 'hono'
import { actions, communities, communityRoles, meetings, pulses, surveys } from '../../schema'
import { sessionOrganizer } from './sessions'
import type { AppEnv } from '../deps'
import type { Role } from '../db/rows'
import { notFound, Problem } from '../http/problem'

const rank: Record<Role, number> = { viewer: 1, organizer: 2, owner: 3 }

async function signedIn(c: Context<AppEnv>) {
  const organizer = c.var.organizer ?? (await sessionOrganizer(c))
  if (!organizer) throw new Problem(401, 'Sign in to continue.')
  c.set('organizer', organizer)
  return organizer
}

/** 404 when the caller has no role in the community (its data does not exist for them), 403 when too small. */
function demand(role: Role | undefined, need: Role, what: string): Role {
  if (!role) throw notFound(what)
  if (rank[role] < rank[need]) throw new Problem(403, `This needs the ${need} role or higher.`)
  return role
}

const roleOf = (organizerId: string) => (communityId: AnySQLiteColumn) =>
  and(eq(communityRoles.communityId, communityId), eq(communityRoles.organizerId, organizerId))

/**
 * Requires a session whose organizer holds at least `need` in the community `:cid`; sets
 * `community` and `role`. 401 without a session, 404 outside the caller's communities, 403 below `need`.
 */
export const communityRole = (need: Role): MiddlewareHandler<AppEnv> =>
  async function communityRole(c, next) {
    const me = await signedIn(c)
    const [row] = await c.var.deps.db
      .select({ community: communities, role: communityRoles.role })
      .from(communities)
      .innerJoin(communityRoles, roleOf(me.id)(communities.id))
      .where(eq(communities.id, c.req.param('cid') ?? ''))
    c.set('role', demand(row?.role, need, 'community'))
    c.set('community', row.community)
    await next()
  }

/** As communityRole, for the survey `:sid`; sets `survey`, `community` and `role`. */
export const surveyRole = (need: Role): MiddlewareHandler<AppEnv> =>
  async function surveyRole(c, next) {
    const me = await signedIn(c)
    const [row] = await c.var.deps.db
      .select({ survey: surveys, community: communities, role: communityRoles.role })
      .from(surveys)
      .innerJoin(communities, eq(communities.id, surveys.communityId))
      .innerJoin(communityRoles, roleOf(me.id)(surveys.communityId))
      .where(eq(surveys.id, c.req.param('sid') ?? ''))
    c.set('role', demand(row?.role, need, 'survey'))
    c.set('survey', row.survey)
    c.set('community', row.community)
    await next()
  }

/** As communityRole, for the pulse `:pid`; sets `pulse`, `survey`, `community` and `role`. */
export const pulseRole = (need: Role): MiddlewareHandler<AppEnv> =>
  async function pulseRole(c, next) {
    const me = await signedIn(c)
    const [row] = await c.var.deps.db
      .select({ pulse: pulses, survey: surveys, community: communities, role: communityRoles.role })
      .from(pulses)
      .innerJoin(surveys, eq(surveys.id, pulses.surveyId))
      .innerJoin(communities, eq(communities.id, pulses.communityId))
      .innerJoin(communityRoles, roleOf(me.id)(pulses.communityId))
      .where(eq(pulses.id, c.req.param('pid') ?? ''))
    c.set('role', demand(row?.role, need, 'pulse'))
    c.set('pulse', row.pulse)
    c.set('survey', row.survey)
    c.set('community', row.community)
    await next()
  }

/** As communityRole, for the meeting `:mid`; sets `meeting`, `community` and `role`. */
export const meetingRole = (need: Role): MiddlewareHandler<AppEnv> =>
  async function meetingRole(c, next) {
    const me = await signedIn(c)
    const [row] = await c.var.deps.db
      .select({ meeting: meetings, community: communities, role: communityRoles.role })
      .from(meetings)
      .innerJoin(communities, eq(communities.id, meetings.communityId))
      .innerJoin(communityRoles, roleOf(me.id)(meetings.communityId))
      .where(eq(meetings.id, c.req.param('mid') ?? ''))
    c.set('role', demand(row?.role, need, 'meeting'))
    c.set('meeting', row.meeting)
    c.set('community', row.community)
    await next()
  }

/** As communityRole, for the action `:aid`; sets `action`, `community` and `role`. */
export const actionRole = (need: Role): MiddlewareHandler<AppEnv> =>
  async function actionRole(c, next) {
    const me = await signedIn(c)
    const [row] = await c.var.deps.db
      .select({ action: actions, community: communities, role: communityRoles.role })
      .from(actions)
      .innerJoin(communities, eq(communities.id, actions.communityId))
      .innerJoin(communityRoles, roleOf(me.id)(actions.communityId))
      .where(eq(actions.id, c.req.param('aid') ?? ''))
    c.set('role', demand(row?.role, need, 'action'))
    c.set('action', row.action)
    c.set('community', row.community)
    await next()
  }

/** Requires only a session (routes outside any community); sets `organizer`. */
export const signedInOrganizer: MiddlewareHandler<AppEnv> = async function signedInOrganizer(
  c,
  next,
) {
  await signedIn(c)
  await next()
}

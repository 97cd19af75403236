import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { communities, communityRoles } from '../../schema'
import { communityRole, signedInOrganizer } from '../auth/roles'
import type { CommunityRow, Role } from '../db/rows'
import { newId } from '../privacy/ids'
import type { AppEnv } from '../deps'
import { invalid } from '../http/problem'
import { jsonBody } from '../http/validate'
import { settingsAppend } from '../log/settings'
import { withLog } from '../log/store'

const attributeName = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(40),
  z.refine((s) => s.toLowerCase() !== 'email', '"email" is the address column, not an attribute'),
)

const communityFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  attributes: z.array(attributeName).check(
    z.maxLength(8),
    z.refine((a) => new Set(a).size === a.length, 'attributes must be distinct'),
  ),
  minGroupSize: z.int().check(z.gte(3, 'must be at least 3'), z.lte(10_000)),
  minCommentGroupSize: z.int().check(z.gte(5, 'must be at least 5'), z.lte(10_000)),
  privacyMode: z.enum(['threshold', 'noise']),
  epsilon: z.number().check(z.gt(0, 'must be greater than 0'), z.lte(10)),
}

export const createCommunityRequest = z.object({
  name: communityFields.name,
  attributes: z.optional(communityFields.attributes),
  minGroupSize: z.optional(communityFields.minGroupSize),
  minCommentGroupSize: z.optional(communityFields.minCommentGroupSize),
  privacyMode: z.optional(communityFields.privacyMode),
  epsilon: z.optional(communityFields.epsilon),
})

export const patchCommunityRequest = z.partial(createCommunityRequest)
/** A community's settings as an owner sends them to change some. */
export type CommunityInput = z.input<typeof patchCommunityRequest>

/** The community as API.md fixes it, with the caller's role. */
export const communityView = (row: CommunityRow, role: Role) => ({
  id: row.id,
  name: row.name,
  attributes: row.attributes,
  minGroupSize: row.minGroupSize,
  minCommentGroupSize: row.minCommentGroupSize,
  privacyMode: row.privacyMode,
  epsilon: row.epsilon,
  role,
})
export type Community = ReturnType<typeof communityView>

function checkThresholds(row: { minGroupSize: number; minCommentGroupSize: number }) {
  if (row.minCommentGroupSize < row.minGroupSize) {
    throw invalid([{ path: 'minCommentGroupSize', message: 'may not be below minGroupSize' }])
  }
}

export const communityRoutes = new Hono<AppEnv>()
  .post('/communities', signedInOrganizer, jsonBody(createCommunityRequest), async (c) => {
    const input = c.req.valid('json')
    const row: CommunityRow = {
      id: newId(),
      name: input.name,
      attributes: input.attributes ?? [],
      minGroupSize: input.minGroupSize ?? 5,
      minCommentGroupSize: input.minCommentGroupSize ?? Math.max(10, input.minGroupSize ?? 5),
      privacyMode: input.privacyMode ?? 'threshold',
      epsilon: input.epsilon ?? 1,
    }
    checkThresholds(row)
    const { db } = c.var.deps
    await db.batch([
      db.insert(communities).values(row),
      db
        .insert(communityRoles)
        .values({ communityId: row.id, organizerId: c.var.organizer.id, role: 'owner' }),
    ])
    return c.json(communityView(row, 'owner'), 201)
  })

  .get('/communities', signedInOrganizer, async (c) => {
    const rows = await c.var.deps.db
      .select({ community: communities, role: communityRoles.role })
      .from(communityRoles)
      .innerJoin(communities, eq(communities.id, communityRoles.communityId))
      .where(eq(communityRoles.organizerId, c.var.organizer.id))
      .orderBy(communities.name)
    return c.json(rows.map((r) => communityView(r.community, r.role)))
  })

  .get('/communities/:cid', communityRole('viewer'), (c) =>
    c.json(communityView(c.var.community, c.var.role)),
  )

  .patch(
    '/communities/:cid',
    communityRole('owner'),
    jsonBody(patchCommunityRequest),
    async (c) => {
      const community = c.var.community
      const input = c.req.valid('json')
      const row = {
        ...community,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      }
      checkThresholds(row)
      const { deps } = c.var
      const update = deps.db.update(communities).set(row).where(eq(communities.id, community.id))
      // A change of thresholds, mode, ε or attributes goes into the community's log with it.
      const logged = settingsAppend(community, row)
      if (logged) await withLog(deps, community.id, logged, (log) => [update, ...log])
      else await update
      return c.json(communityView(row, 'owner'))
    },
  )

  .delete('/communities/:cid', communityRole('owner'), async (c) => {
    const community = c.var.community
    // Foreign keys cascade to roles, members, surveys, pulses and everything under them.
    await c.var.deps.db.delete(communities).where(eq(communities.id, community.id))
    return c.body(null, 204)
  })

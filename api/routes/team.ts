import { and, eq, gt, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { communityRoles, organizers, teamInvites } from '../../schema'
import { communityRole } from '../auth/roles'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { startSession } from '../auth/sessions'
import { newId, randomToken, sha256 } from '../privacy/ids'
import { rowsAffected, type Db } from '../db'
import type { AppEnv, Organizer } from '../deps'
import type { Role } from '../db/rows'
import { emailField, passwordField } from '../http/fields'
import { Problem } from '../http/problem'
import { jsonBody } from '../http/validate'
import { keyLink } from '../http/links'

const INVITE_TTL_MS = 14 * 24 * 3600 * 1000
const roles = ['owner', 'organizer', 'viewer'] as const

/** One member of a community's team: the organizer and their role there. */
export type TeamEntry = { organizer: Organizer; role: Role }

export const teamInviteRequest = z.object({ email: emailField, role: z.enum(roles) })
export const acceptInviteRequest = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  password: passwordField,
  name: z.optional(z.string().check(z.trim(), z.maxLength(120))),
})

/**
 * Gives an organizer a role in a community, or changes the one they hold, except that the last
 * owner is never demoted (the update then changes no row), so a community always keeps an owner.
 */
function grantRole(db: Db, communityId: string, organizerId: string, role: (typeof roles)[number]) {
  return db
    .insert(communityRoles)
    .values({ communityId, organizerId, role })
    .onConflictDoUpdate({
      target: [communityRoles.communityId, communityRoles.organizerId],
      set: { role },
      setWhere: sql`excluded.role = 'owner' or ${communityRoles.role} != 'owner' or (select count(*)
        from ${communityRoles} where community_id = ${communityId} and role = 'owner') > 1`,
    })
}

export const teamRoutes = new Hono<AppEnv>()
  .get('/communities/:cid/team', communityRole('organizer'), async (c) => {
    const rows = await c.var.deps.db
      .select({
        id: organizers.id,
        email: organizers.email,
        name: organizers.name,
        role: communityRoles.role,
      })
      .from(communityRoles)
      .innerJoin(organizers, eq(organizers.id, communityRoles.organizerId))
      .where(eq(communityRoles.communityId, c.var.community.id))
      .orderBy(organizers.email)
    return c.json(rows.map(({ role, ...organizer }): TeamEntry => ({ organizer, role })))
  })

  .post(
    '/communities/:cid/team',
    communityRole('owner'),
    jsonBody(teamInviteRequest),
    async (c) => {
      const { email, role } = c.req.valid('json')
      const { db, now } = c.var.deps
      const communityId = c.var.community.id
      const [existing] = await db
        .select({ id: organizers.id })
        .from(organizers)
        .where(eq(organizers.email, email))
      if (existing) {
        const granted = await grantRole(db, communityId, existing.id, role).returning({
          role: communityRoles.role,
        })
        if (granted.length === 0)
          throw new Problem(
            409,
            'The last owner cannot step down; make someone else an owner first.',
          )
        return c.json({}, 201)
      }
      const token = randomToken(32)
      await db.insert(teamInvites).values({
        tokenHash: sha256(token),
        communityId,
        email,
        role,
        expiresAt: now() + INVITE_TTL_MS,
      })
      return c.json({ inviteUrl: keyLink(c, '/team-invite', token) }, 201)
    },
  )

  .delete('/communities/:cid/team/:oid', communityRole('viewer'), async (c) => {
    const target = c.req.param('oid')
    if (target !== c.var.organizer.id && c.var.role !== 'owner') {
      throw new Problem(403, 'Only an owner may remove someone else from the team.')
    }
    const { db } = c.var.deps
    const communityId = c.var.community.id
    // One statement, so two owners removing each other at once cannot leave the community ownerless.
    const result = await db.run(sql`
      delete from ${communityRoles}
      where community_id = ${communityId} and organizer_id = ${target}
        and (role != 'owner' or (select count(*) from ${communityRoles}
             where community_id = ${communityId} and role = 'owner') > 1)`)
    if (rowsAffected(result) === 0) {
      const [row] = await db
        .select()
        .from(communityRoles)
        .where(
          and(eq(communityRoles.communityId, communityId), eq(communityRoles.organizerId, target)),
        )
      if (!row) throw new Problem(404, 'No such team member.')
      throw new Problem(409, 'The last owner cannot leave; make someone else an owner first.')
    }
    return c.body(null, 204)
  })

  .post('/team-invites', jsonBody(acceptInviteRequest), async (c) => {
    const { token, password, name = '' } = c.req.valid('json')
    const { db, now } = c.var.deps
    const tokenHash = sha256(token)
    const [invite] = await db
      .select()
      .from(teamInvites)
      .where(and(eq(teamInvites.tokenHash, tokenHash), gt(teamInvites.expiresAt, now())))
    if (!invite)
      throw new Problem(401, 'This invitation is unknown, used or expired. Ask for a new one.')
    const [existing] = await db.select().from(organizers).where(eq(organizers.email, invite.email))
    let organizer: { id: string; email: string; name: string }
    const grant = (organizerId: string) =>
      grantRole(db, invite.communityId, organizerId, invite.role)
    const spend = db.delete(teamInvites).where(eq(teamInvites.tokenHash, tokenHash))
    if (existing) {
      // The address already has an account: its owner proves it with their password.
      if (!(await verifyPassword(password, existing.passwordHash))) {
        throw new Problem(401, 'This email already has an account; enter its password.')
      }
      organizer = { id: existing.id, email: existing.email, name: existing.name }
      await db.batch([grant(existing.id), spend])
    } else {
      organizer = { id: newId(), email: invite.email, name }
      await db.batch([
        db.insert(organizers).values({ ...organizer, passwordHash: await hashPassword(password) }),
        grant(organizer.id),
        spend,
      ])
    }
    await startSession(c, organizer.id)
    return c.json({ organizer }, 201)
  })

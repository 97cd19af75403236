import { and, eq, gt, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { communityRoles, organizers, teamInvites } from '../../schema'
import { communityRole } from '../auth/roles'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { startSession } from '../auth/sessions'
import {
  changeRole,
  createInvite,
  dropInvitesOf,
  grantRole,
  pendingInvites,
  revokeInvite,
  teamOf,
} from '../auth/team'
import { newId, sha256 } from '../privacy/ids'
import { rowsAffected } from '../db'
import type { AppEnv } from '../deps'
import { emailField, passwordField } from '../http/fields'
import { Problem } from '../http/problem'
import { jsonBody } from '../http/validate'
import { keyLink } from '../http/links'

export type { PendingInvite, TeamEntry } from '../auth/team'

const roles = ['owner', 'organizer', 'viewer'] as const

export const teamInviteRequest = z.object({ email: emailField, role: z.enum(roles) })
export const roleChangeRequest = z.object({ role: z.enum(roles) })
export const acceptInviteRequest = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  password: passwordField,
  name: z.optional(z.string().check(z.trim(), z.maxLength(120))),
})

const lastOwner = (what: string) =>
  new Problem(409, `The last owner cannot ${what}; make someone else an owner first.`)

export const teamRoutes = new Hono<AppEnv>()
  .get('/communities/:cid/team', communityRole('organizer'), async (c) =>
    c.json(await teamOf(c.var.deps.db, c.var.community.id)),
  )

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
        const [granted] = await db.batch([
          grantRole(db, communityId, existing.id, role).returning({ role: communityRoles.role }),
          dropInvitesOf(db, communityId, email),
        ])
        if (granted.length === 0) throw lastOwner('step down')
        return c.json({}, 201)
      }
      const token = await createInvite(db, now(), communityId, email, role)
      return c.json({ inviteUrl: keyLink(c, '/team-invite', token) }, 201)
    },
  )

  .get('/communities/:cid/team/invites', communityRole('organizer'), async (c) =>
    c.json(await pendingInvites(c.var.deps.db, c.var.community.id, c.var.deps.now())),
  )

  .delete('/communities/:cid/team/invites/:iid', communityRole('owner'), async (c) => {
    const { db, now } = c.var.deps
    if (!(await revokeInvite(db, c.var.community.id, c.req.param('iid'), now()))) {
      throw new Problem(404, 'No such pending invite: it was accepted, revoked or has expired.')
    }
    return c.body(null, 204)
  })

  .patch(
    '/communities/:cid/team/:oid',
    communityRole('owner'),
    jsonBody(roleChangeRequest),
    async (c) => {
      const { role } = c.req.valid('json')
      const result = await changeRole(c.var.deps.db, c.var.community.id, c.req.param('oid'), role)
      if ('missing' in result) throw new Problem(404, 'No such team member.')
      if ('lastOwner' in result) throw lastOwner('step down')
      return c.json(result.changed)
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
      throw lastOwner('leave')
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

import { and, eq, gt, lte, sql } from 'drizzle-orm'
import { communityRoles, organizers, teamInvites } from '../../schema'
import { rowsAffected, type Db } from '../db'
import type { Role } from '../db/rows'
import { iso } from '../http/fields'
import { randomToken, sha256 } from '../privacy/ids'
import type { Organizer } from '../deps'

const INVITE_TTL_MS = 14 * 24 * 3600 * 1000

/** One member of a community's team: the organizer and their role there. */
export type TeamEntry = { organizer: Organizer; role: Role }

/** A team invitation not yet accepted and not expired. */
export type PendingInvite = { id: string; email: string; role: Role; expiresAt: string }

// Only an owner may leave the owner role, and only while another owner remains: one SQL condition
// inside each write, so two owners demoting each other at once cannot leave the community ownerless.
const keepsAnOwner = (communityId: string, role: Role) =>
  sql`(${role} = 'owner' or ${communityRoles.role} != 'owner' or (select count(*)
    from ${communityRoles} where community_id = ${communityId} and role = 'owner') > 1)`

/**
 * Gives an organizer a role in a community, or changes the one they hold, except that the last
 * owner is never demoted (the update then changes no row), so a community always keeps an owner.
 */
export function grantRole(db: Db, communityId: string, organizerId: string, role: Role) {
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

/**
 * The public id of an invitation: derived from the stored hash (never the link's token), so an
 * owner can name an invite to revoke without the list handing out anything that accepts it.
 */
export const inviteId = (tokenHash: string) => sha256(`team-invite:${tokenHash}`).slice(0, 22)

/** The community's team, ordered by email. */
export async function teamOf(db: Db, communityId: string): Promise<TeamEntry[]> {
  const rows = await db
    .select({
      id: organizers.id,
      email: organizers.email,
      name: organizers.name,
      role: communityRoles.role,
    })
    .from(communityRoles)
    .innerJoin(organizers, eq(organizers.id, communityRoles.organizerId))
    .where(eq(communityRoles.communityId, communityId))
    .orderBy(organizers.email)
  return rows.map(({ role, ...organizer }) => ({ organizer, role }))
}

/**
 * Makes an invitation link's token for `email` and stores only its hash. An earlier invite of the
 * same email to the same community stops working (the newest link is the one that counts), and
 * the community's expired invites go.
 */
export async function createInvite(
  db: Db,
  now: number,
  communityId: string,
  email: string,
  role: Role,
): Promise<string> {
  const token = randomToken(32)
  await db.batch([
    db
      .delete(teamInvites)
      .where(
        and(
          eq(teamInvites.communityId, communityId),
          sql`(${teamInvites.email} = ${email} or ${teamInvites.expiresAt} <= ${now})`,
        ),
      ),
    db.insert(teamInvites).values({
      tokenHash: sha256(token),
      communityId,
      email,
      role,
      expiresAt: now + INVITE_TTL_MS,
    }),
  ])
  return token
}

/** Drops any invitation of `email` to the community (the person was added directly). */
export const dropInvitesOf = (db: Db, communityId: string, email: string) =>
  db
    .delete(teamInvites)
    .where(and(eq(teamInvites.communityId, communityId), eq(teamInvites.email, email)))

/** The community's invitations that can still be accepted, ordered by email. */
export async function pendingInvites(
  db: Db,
  communityId: string,
  now: number,
): Promise<PendingInvite[]> {
  const rows = await db
    .select()
    .from(teamInvites)
    .where(and(eq(teamInvites.communityId, communityId), gt(teamInvites.expiresAt, now)))
    .orderBy(teamInvites.email, teamInvites.expiresAt)
  return rows.map((r) => ({
    id: inviteId(r.tokenHash),
    email: r.email,
    role: r.role,
    expiresAt: iso(r.expiresAt),
  }))
}

/** Deletes the community's pending invitation with this public id; false when there is none. */
export async function revokeInvite(
  db: Db,
  communityId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const rows = await db
    .select({ tokenHash: teamInvites.tokenHash, expiresAt: teamInvites.expiresAt })
    .from(teamInvites)
    .where(eq(teamInvites.communityId, communityId))
  const match = rows.find((r) => r.expiresAt > now && inviteId(r.tokenHash) === id)
  if (!match) return false
  await db.batch([
    db.delete(teamInvites).where(eq(teamInvites.tokenHash, match.tokenHash)),
    // Expired ones cannot be accepted any more; they go with it.
    db
      .delete(teamInvites)
      .where(and(eq(teamInvites.communityId, communityId), lte(teamInvites.expiresAt, now))),
  ])
  return true
}

export type RoleChange = { changed: TeamEntry } | { missing: true } | { lastOwner: true }

/**
 * Sets a team member's role. The last owner keeps the owner role (`lastOwner`); someone outside
 * the team is `missing`. Setting the role they already hold changes nothing and succeeds.
 */
export async function changeRole(
  db: Db,
  communityId: string,
  organizerId: string,
  role: Role,
): Promise<RoleChange> {
  const result = await db.run(sql`
    update ${communityRoles} set role = ${role}
    where community_id = ${communityId} and organizer_id = ${organizerId}
      and ${keepsAnOwner(communityId, role)}`)
  const [row] = await db
    .select({
      id: organizers.id,
      email: organizers.email,
      name: organizers.name,
      role: communityRoles.role,
    })
    .from(communityRoles)
    .innerJoin(organizers, eq(organizers.id, communityRoles.organizerId))
    .where(
      and(eq(communityRoles.communityId, communityId), eq(communityRoles.organizerId, organizerId)),
    )
  if (!row) return { missing: true }
  if (rowsAffected(result) === 0) return { lastOwner: true }
  const { role: held, ...organizer } = row
  return { changed: { organizer, role: held } }
}

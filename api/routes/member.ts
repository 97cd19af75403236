import { and, count, eq, isNull, or, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import {
  communities,
  members,
  pulseKeys,
  pulseMembers,
  pulses,
  responses,
  sealedInvites,
  surveys,
  tokenIssuances,
} from '../../schema'
import { requireMember } from '../auth/member-keys'
import { sha256 } from '../privacy/ids'
import type { AppEnv } from '../deps'
import { Problem } from '../http/problem'
import { jsonBody } from '../http/validate'
import { completeMove, startMove } from '../members/move'
import { isUniqueViolation, type Db } from '../db'
import { memberMac } from '../privacy/macs'
import { pulseView } from '../pulses/view'
import { surveyView } from './surveys'
import { countChanges } from '../log/members'

const key = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url'))
export const joinRequest = z.object({
  inviteKey: z.string().check(z.maxLength(100)),
  memberKey: key,
})
export const moveRequest = z.object({ moveKey: key, memberKey: key })

export const memberRoutes = new Hono<AppEnv>()
  .post('/join', jsonBody(joinRequest), async (c) => {
    const { inviteKey, memberKey } = c.req.valid('json')
    const { db } = c.var.deps
    const [inviteHash, keyHash] = [sha256(inviteKey), sha256(memberKey)]
    const invited = and(eq(members.inviteHash, inviteHash), eq(members.removed, false))
    const [found] = await db
      .select({ id: members.id, communityId: members.communityId, attributes: members.attributes })
      .from(members)
      .where(invited)
    // The community's log counts a join where the member held no key yet (not a retry).
    const counted = found
      ? await countChanges(
          c.var.deps,
          found.communityId,
          'joined',
          [found],
          (id) => sql`exists (select 1 from members where id = ${id} and key_hash is null
            and removed = 0 and invite_hash = ${inviteHash})`,
        )
      : []
    // The invite key is exchanged once for a key only the member's browser knows; sending the
    // same pair again succeeds, so a lost answer can be retried.
    let row: { id: string; communityId: string } | undefined
    try {
      const update = db
        .update(members)
        .set({ keyHash })
        .where(and(invited, isUnusedOr(keyHash)))
        .returning({ id: members.id, communityId: members.communityId })
      const results = await db.batch([...counted, update] as [typeof update])
      ;[row] = results.at(-1) as { id: string; communityId: string }[]
    } catch (error) {
      // Another member already holds this key (members_key_hash is unique): the browser must
      // draw a fresh one. Nothing was written.
      if (isUniqueViolation(error))
        throw new Problem(409, 'This member key is already in use. Draw a new one and join again.')
      throw error
    }
    if (!row) throw await refusedInvite(db, inviteHash)
    // Used: the sealed copy kept for delivery goes at once.
    await db.delete(sealedInvites).where(eq(sealedInvites.memberId, row.id))
    const [community] = await db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.id, row.communityId))
    return c.json({ community })
  })

  // Moving to another device: this device asks for a single-use move key (members/move.ts)...
  .post('/me/move', requireMember, async (c) => {
    const { db, now } = c.var.deps
    return c.json(await startMove(db, now(), c.var.member.id), 201)
  })

  // ...and the other device exchanges it for a member key it drew itself.
  .post('/move', jsonBody(moveRequest), async (c) => {
    const { moveKey, memberKey } = c.req.valid('json')
    const { db, now } = c.var.deps
    return c.json({ community: await completeMove(db, now(), moveKey, memberKey) })
  })

  .get('/me', requireMember, async (c) => {
    const member = c.var.member
    const [community] = await c.var.deps.db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.id, member.communityId))
    return c.json({ community, attributes: member.attributes })
  })

  .get('/me/pulses', requireMember, async (c) => {
    const { deps, member } = c.var
    const rows = await deps.db
      .select({
        pulse: pulses,
        survey: surveys,
        key: pulseKeys,
        attributes: pulseMembers.attributes,
      })
      .from(pulseMembers)
      .innerJoin(pulses, eq(pulses.id, pulseMembers.pulseId))
      .innerJoin(surveys, eq(surveys.id, pulses.surveyId))
      .innerJoin(pulseKeys, eq(pulseKeys.id, pulseMembers.keyId))
      .where(and(eq(pulseMembers.memberId, member.id), eq(pulses.status, 'open')))
      .orderBy(pulses.closesAt)
    const result = await Promise.all(
      rows.map(async ({ pulse, survey, key, attributes }) => {
        const mac = await memberMac(deps, member.id, pulse.id)
        const [issued] = await deps.db
          .select({ pulseId: tokenIssuances.pulseId })
          .from(tokenIssuances)
          .where(and(eq(tokenIssuances.pulseId, pulse.id), eq(tokenIssuances.memberMac, mac)))
        // API.md: while open, `responded` is the live count rounded down to a multiple of k.
        const [live] = await deps.db
          .select({ n: count() })
          .from(responses)
          .where(eq(responses.pulseId, pulse.id))
        return {
          pulse: pulseView(pulse, live.n),
          survey: surveyView(survey),
          key: { keyId: key.id, publicKey: key.publicKey, cohort: key.cohort },
          issued: Boolean(issued),
          // What the member's device checks its key list and fingerprint against: the order the
          // pulse cut cohorts by, and the member's attributes when it opened (null before 0014).
          communityId: pulse.communityId,
          attributeOrder: pulse.attributes,
          snapshot: attributes ? { attributes } : null,
        }
      }),
    )
    return c.json(result)
  })

/**
 * Why an invite key was refused, so the member's page says the right thing: `used` when it is a
 * current member's invite that a device already exchanged for another key, else `unknown` (a
 * damaged link, or one a re-invite or a removal replaced). Whoever holds a current invite key
 * may learn whether it was used: the member is meant to (DESIGN.md, "Members hold their own
 * credential"), and organizers see `joined` anyway.
 */
async function refusedInvite(db: Db, inviteHash: string): Promise<Problem> {
  const [holder] = await db
    .select({ keyHash: members.keyHash })
    .from(members)
    .where(and(eq(members.inviteHash, inviteHash), eq(members.removed, false)))
  return holder?.keyHash
    ? new Problem(
        401,
        'This invite link was already used on another device. Ask the organizer who sent it for a new one.',
        { reason: 'used' },
      )
    : new Problem(
        401,
        'This invite link is not valid: it may be damaged, or a newer invitation replaced it. Open the newest invitation, or ask the organizer who sent it for a new one.',
        { reason: 'unknown' },
      )
}

/** The member has not joined yet, or joined with this very key. */
function isUnusedOr(keyHash: string) {
  return or(isNull(members.keyHash), eq(members.keyHash, keyHash))
}

import { and, count, eq, isNull, or } from 'drizzle-orm'
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
import { isUniqueViolation } from '../db'
import { memberMac } from '../privacy/macs'
import { pulseView } from '../pulses/view'
import { surveyView } from './surveys'

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
    // The invite key is exchanged once for a key only the member's browser knows; sending the
    // same pair again succeeds, so a lost answer can be retried.
    let row: { id: string; communityId: string } | undefined
    try {
      ;[row] = await db
        .update(members)
        .set({ keyHash })
        .where(
          and(eq(members.inviteHash, inviteHash), eq(members.removed, false), isUnusedOr(keyHash)),
        )
        .returning({ id: members.id, communityId: members.communityId })
    } catch (error) {
      // Another member already holds this key (members_key_hash is unique): the browser must
      // draw a fresh one. Nothing was written.
      if (isUniqueViolation(error))
        throw new Problem(409, 'This member key is already in use. Draw a new one and join again.')
      throw error
    }
    if (!row) {
      throw new Problem(
        401,
        'This invite link was already used on another device, or is no longer valid. Ask the organizer who sent it for a new one.',
      )
    }
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
      .select({ pulse: pulses, survey: surveys, key: pulseKeys })
      .from(pulseMembers)
      .innerJoin(pulses, eq(pulses.id, pulseMembers.pulseId))
      .innerJoin(surveys, eq(surveys.id, pulses.surveyId))
      .innerJoin(pulseKeys, eq(pulseKeys.id, pulseMembers.keyId))
      .where(and(eq(pulseMembers.memberId, member.id), eq(pulses.status, 'open')))
      .orderBy(pulses.closesAt)
    const result = await Promise.all(
      rows.map(async ({ pulse, survey, key }) => {
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
        }
      }),
    )
    return c.json(result)
  })

/** The member has not joined yet, or joined with this very key. */
function isUnusedOr(keyHash: string) {
  return or(isNull(members.keyHash), eq(members.keyHash, keyHash))
}

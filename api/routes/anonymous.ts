// The anonymous protocol's routes (API.md, "Members" and "Public"): a member's token, the key
// list, and responses without credentials. The protocol itself is in api/pulses/.
import { and, eq, isNotNull } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { communityRoles, pulseKeys, pulseMembers, pulses } from '../../schema'
import { bearerMember, memberRefusal, requireMember } from '../auth/member-keys'
import { sessionOrganizer } from '../auth/sessions'
import type { AppEnv } from '../deps'
import { notFound, Problem } from '../http/problem'
import { issueToken } from '../pulses/issue'
import { submitResponse } from '../pulses/respond'

/** The one route that takes no credentials and so no same-origin check (api/app.ts). */
export const responsesPath = /^\/api\/pulses\/[^/]+\/responses$/

/** Reads a JSON object body; 400 when it is not one. Validation of its fields is the caller's. */
async function jsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new Problem(400, 'The body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Problem(400, 'The body must be a JSON object.')
  return body as Record<string, unknown>
}

export const anonymousRoutes = new Hono<AppEnv>()
  // API.md order of checks: 401, 404, 410, 403, 422, 409.
  .post('/pulses/:pid/tokens', requireMember, async (c) =>
    c.json(await issueToken(c.var.deps, c.var.member, c.req.param('pid'), () => jsonObject(c))),
  )

  .get('/pulses/:pid/keys', async (c) => {
    const { db } = c.var.deps
    const [pulse] = await db
      .select()
      .from(pulses)
      .where(eq(pulses.id, c.req.param('pid')))
    const member = c.req.header('authorization') ? await bearerMember(c) : undefined
    const organizer = member ? undefined : await sessionOrganizer(c)
    if (!member && !organizer) {
      // A member's revoked key is told why, as on every member route.
      throw c.req.header('authorization')
        ? await memberRefusal(c)
        : new Problem(401, 'Sign in, or open this from your member page.')
    }
    if (!pulse) throw notFound('pulse')
    if (member) {
      if (member.communityId !== pulse.communityId) throw notFound('pulse')
      const [inPulse] = await db
        .select({ keyId: pulseMembers.keyId })
        .from(pulseMembers)
        .where(and(eq(pulseMembers.pulseId, pulse.id), eq(pulseMembers.memberId, member.id)))
      if (!inPulse) throw new Problem(403, 'You are not a member of this pulse.')
    } else {
      const [role] = await db
        .select()
        .from(communityRoles)
        .where(
          and(
            eq(communityRoles.communityId, pulse.communityId),
            eq(communityRoles.organizerId, organizer!.id),
          ),
        )
      if (!role) throw notFound('pulse')
    }
    const keys = await db
      .select({
        keyId: pulseKeys.id,
        publicKey: pulseKeys.publicKey,
        cohort: pulseKeys.cohort,
        eligible: pulseKeys.eligible,
        joined: pulseKeys.joined,
      })
      .from(pulseKeys)
      .where(and(eq(pulseKeys.pulseId, pulse.id), isNotNull(pulseKeys.publicKey)))
      .orderBy(pulseKeys.id)
    return c.json(keys)
  })

  // No credentials: anything sent is ignored. Nothing about the request is logged.
  .post('/pulses/:pid/responses', async (c) =>
    c.json(await submitResponse(c.var.deps, c.req.param('pid'), () => jsonObject(c)), 201),
  )

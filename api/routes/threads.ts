// Threads on released comments (docs/api.md, "Threads"): organizers and viewers read them,
// organizers reply and hide, members read those of shared pulses, and a comment's author posts
// follow-ups with the comment's reply secret and no credentials. The logic is in api/threads/.
import { and, eq } from 'drizzle-orm'
import { Hono, type MiddlewareHandler } from 'hono'
import * as z from 'zod/mini'
import { pulses } from '../../schema'
import { requireMember } from '../auth/member-keys'
import { pulseRole } from '../auth/roles'
import type { AppEnv } from '../deps'
import { notFound } from '../http/problem'
import { jsonBody } from '../http/validate'
import { acceptFollowUp } from '../threads/follow-ups'
import { addReply, hidePost } from '../threads/moderation'
import { threadsOf } from '../threads/view'
export type { Thread, ThreadPost, Threads } from '../threads/view'

const text = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(2000, 'must be at most 2,000 characters'),
  )

export const replyRequest = z.object({ text })
export const hideRequest = z.object({
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'must say why'),
      z.maxLength(200, 'must be at most 200 characters'),
    ),
  /** The post to hide; without it, the comment itself. */
  position: z.optional(z.int().check(z.minimum(1, 'must be 1 or more'))),
})
export const followUpRequest = z.object({
  secret: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url')),
  text,
})

/**
 * The pulse `:pid` when it is closed and shared with the member's community; sets `pulse`, else
 * 404 (an unshared pulse looks like one that does not exist).
 */
const sharedPulse: MiddlewareHandler<AppEnv> = async function sharedPulse(c, next) {
  const [row] = await c.var.deps.db
    .select()
    .from(pulses)
    .where(
      and(
        eq(pulses.id, c.req.param('pid') ?? ''),
        eq(pulses.communityId, c.var.member.communityId),
        eq(pulses.status, 'closed'),
        eq(pulses.shared, true),
      ),
    )
  if (!row) throw notFound('shared pulse')
  c.set('pulse', row)
  await next()
}

export const threadRoutes = new Hono<AppEnv>()
  .get('/pulses/:pid/threads', pulseRole('viewer'), async (c) =>
    c.json(await threadsOf(c.var.deps.db, c.var.pulse)),
  )

  .post(
    '/pulses/:pid/threads/:tid/replies',
    pulseRole('organizer'),
    jsonBody(replyRequest),
    async (c) =>
      c.json(
        await addReply(c.var.deps, c.var.pulse, c.req.param('tid'), c.req.valid('json').text),
        201,
      ),
  )

  .post(
    '/pulses/:pid/threads/:tid/hide',
    pulseRole('organizer'),
    jsonBody(hideRequest),
    async (c) => {
      const { reason, position } = c.req.valid('json')
      return c.json(await hidePost(c.var.deps, c.var.pulse, c.req.param('tid'), reason, position))
    },
  )

  // The same answer for every member of the community: each device finds its own comments by
  // hashing the secrets it holds, so nothing here depends on who asks.
  .get('/me/results/:pid/threads', requireMember, sharedPulse, async (c) =>
    c.json(await threadsOf(c.var.deps.db, c.var.pulse, { forMembers: true })),
  )

  // No credentials: anything sent is ignored. Nothing about the request is logged.
  .post('/follow-ups', jsonBody(followUpRequest), async (c) => {
    const { secret, text } = c.req.valid('json')
    await acceptFollowUp(c.var.deps, secret, text)
    return c.json({ waiting: true }, 202)
  })

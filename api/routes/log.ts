// A community's transparency log (api/log/), read by its organizers and by its members, who
// check on their devices that it is a chain extending the head they saw last.
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { communityRole } from '../auth/roles'
import { requireMember } from '../auth/member-keys'
import type { AppEnv } from '../deps'
import { queryOf } from '../http/validate'
import { readLog } from '../log/store'

export const logQuery = z.object({
  after: z.optional(
    z
      .pipe(
        z.string().check(z.regex(/^\d{1,15}$/, 'must be a whole number of 0 or more')),
        z.transform(Number),
      )
      .check(z.refine((n: number) => Number.isSafeInteger(n), 'is too large')),
  ),
})

export type { LogEntry, LogHead } from '../privacy/log-chain'
export type LogPage = Awaited<ReturnType<typeof readLog>>

export const logRoutes = new Hono<AppEnv>()
  .get('/communities/:cid/log', communityRole('viewer'), queryOf(logQuery), async (c) =>
    c.json(await readLog(c.var.deps, c.var.community.id, c.req.valid('query').after ?? 0)),
  )

  .get('/me/log', requireMember, queryOf(logQuery), async (c) =>
    c.json(await readLog(c.var.deps, c.var.member.communityId, c.req.valid('query').after ?? 0)),
  )

import { and, eq, inArray, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { chatWebhooks, deliverySettings, outbox } from '../../schema'
import { communityRole } from '../auth/roles'
import { chatKinds, isChatWebhook, maskWebhook, postToChat, type ChatKind } from '../delivery/chat'
import { settingsOf } from '../delivery/notices'
import { handOver, handoverCsv, handoverText } from '../delivery/handover'
import { testChat } from '../delivery/messages'
import { outboxPage, viewOne, type OutboxMessage, type OutboxPage } from '../delivery/outbox-view'
import { startDelivery, webhookContext } from '../delivery/send'
import { retireStale } from '../delivery/stale'
import type { AppDeps, AppEnv } from '../deps'
import { invalid, notFound, Problem } from '../http/problem'
import { jsonBody, queryOf } from '../http/validate'
import { seal, unseal } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'

const messageKind = z.enum(['invite', 'pulse-open', 'reminder', 'results'])

export const outboxQuery = z.object({
  limit: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number')), z.transform(Number))
      .check(z.refine((n: number) => n >= 1 && n <= 200, 'must be between 1 and 200')),
  ),
  cursor: z.optional(
    z.string().check(z.regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, 'is not a cursor from this list')),
  ),
  status: z.optional(z.enum(['waiting', 'queued', 'sent', 'failed', 'copied', 'skipped'])),
  kind: z.optional(messageKind),
})

export const handoverRequest = z.object({
  format: z.enum(['text', 'csv']),
  kind: z.optional(messageKind),
})

export const settingsRequest = z.object({
  // A reminder goes to every member of the pulse or to no one (DESIGN.md 9).
  reminderAudience: z.enum(['everyone', 'none']),
  reminderLeadHours: z
    .int()
    .check(
      z.gte(1, 'must be at least 1 hour'),
      z.lte(24 * 14, 'must be at most 336 hours (14 days)'),
    ),
})

export const webhookRequest = z.object({ url: z.string().check(z.maxLength(2000)) })

export type { OutboxMessage, OutboxPage }

async function settingsView(deps: AppDeps, communityId: string) {
  const settings = await settingsOf(deps.db, communityId)
  const hooks = await deps.db
    .select()
    .from(chatWebhooks)
    .where(eq(chatWebhooks.communityId, communityId))
  const masked = (kind: ChatKind) => hooks.find((h) => h.kind === kind)?.masked ?? null
  return {
    reminderAudience: settings.reminderAudience,
    reminderLeadHours: settings.reminderLeadHours,
    email: deps.mailer ? deps.mailer.name : null,
    chat: { slack: masked('slack'), teams: masked('teams') },
  }
}
export type DeliverySettings = Awaited<ReturnType<typeof settingsView>>

/** The stored message `id` of the community; 404 when there is none. */
async function messageOf(deps: AppDeps, communityId: string, id: string) {
  const [row] = await deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), eq(outbox.communityId, communityId)))
  if (!row) throw notFound('message')
  return row
}

/** The message `id` of the community as organizers see it; 404 when there is none. */
async function viewed(deps: AppDeps, communityId: string, id: string) {
  const view = await viewOne(deps, communityId, id)
  if (!view) throw notFound('message')
  return view
}

function chatKind(kind: string): ChatKind {
  if (!chatKinds.includes(kind as ChatKind))
    throw new Problem(404, 'Chat webhooks are "slack" or "teams".')
  return kind as ChatKind
}

async function webhookUrl(deps: AppDeps, communityId: string, kind: ChatKind) {
  const [hook] = await deps.db
    .select()
    .from(chatWebhooks)
    .where(and(eq(chatWebhooks.communityId, communityId), eq(chatWebhooks.kind, kind)))
  if (!hook)
    throw new Problem(404, `This community has no ${kind === 'slack' ? 'Slack' : 'Teams'} webhook.`)
  const { sealKey } = await serverKeys(deps)
  return new TextDecoder().decode(
    await unseal(sealKey, hook.sealedUrl, webhookContext(communityId, kind)),
  )
}

export const deliveryRoutes = new Hono<AppEnv>()
  .get('/communities/:cid/outbox', communityRole('organizer'), queryOf(outboxQuery), async (c) => {
    const { limit = 50, cursor, status, kind } = c.req.valid('query')
    const { deps, community } = c.var
    await retireStale(deps.db, community.id)
    return c.json(
      (await outboxPage(deps, community.id, { limit, cursor, status, kind })) satisfies OutboxPage,
    )
  })

  .post(
    '/communities/:cid/outbox/handover',
    communityRole('organizer'),
    jsonBody(handoverRequest),
    async (c) => {
      const { format, kind } = c.req.valid('json')
      const { deps, community } = c.var
      const messages = await handOver(deps, community.id, kind)
      c.header('x-message-count', String(messages.length))
      if (format === 'text') {
        c.header('content-type', 'text/plain; charset=utf-8')
        return c.body(handoverText(messages))
      }
      const day = new Date(deps.now()).toISOString().slice(0, 10)
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="messages-${kind ?? 'all'}-${day}.csv"`)
      return c.body(handoverCsv(messages))
    },
  )

  .post('/communities/:cid/outbox/:mid/retry', communityRole('organizer'), async (c) => {
    const { deps, community } = c.var
    const row = await messageOf(deps, community.id, c.req.param('mid'))
    if (row.status !== 'failed' && row.status !== 'queued') {
      throw new Problem(
        409,
        `This message is ${row.status}; only queued or failed messages are retried.`,
      )
    }
    const now = deps.now()
    await deps.db
      .update(outbox)
      .set({ status: 'queued', nextAttemptAt: now })
      .where(and(eq(outbox.id, row.id), inArray(outbox.status, ['queued', 'failed'])))
    const view = await viewed(deps, community.id, row.id)
    startDelivery(deps)
    return c.json(view)
  })

  .post('/communities/:cid/outbox/:mid/copied', communityRole('organizer'), async (c) => {
    const { deps, community } = c.var
    const row = await messageOf(deps, community.id, c.req.param('mid'))
    if (row.status === 'sent') throw new Problem(409, 'This message was already sent.')
    const { db } = deps
    await db.batch([
      db.update(outbox).set({ status: 'copied', nextAttemptAt: null }).where(eq(outbox.id, row.id)),
      // Handed over by hand: the invite key is no longer kept, even sealed.
      db.run(
        sql`delete from sealed_invites where member_id = ${row.kind === 'invite' ? row.memberId : null}`,
      ),
    ])
    return c.json(await viewed(deps, community.id, row.id))
  })

  .get('/communities/:cid/delivery', communityRole('organizer'), async (c) =>
    c.json(await settingsView(c.var.deps, c.var.community.id)),
  )

  .put(
    '/communities/:cid/delivery',
    communityRole('owner'),
    jsonBody(settingsRequest),
    async (c) => {
      const input = c.req.valid('json')
      const { deps, community } = c.var
      const row = { communityId: community.id, ...input }
      await deps.db
        .insert(deliverySettings)
        .values(row)
        .onConflictDoUpdate({ target: deliverySettings.communityId, set: input })
      return c.json(await settingsView(deps, community.id))
    },
  )

  .put(
    '/communities/:cid/chat/:kind',
    communityRole('owner'),
    jsonBody(webhookRequest),
    async (c) => {
      const { deps, community } = c.var
      const kind = chatKind(c.req.param('kind'))
      const text = c.req.valid('json').url.trim()
      let url: URL | undefined
      try {
        url = new URL(text)
      } catch {
        url = undefined
      }
      const allowed = deps.chatUrlAllowed ?? isChatWebhook
      if (!url || !allowed(kind, url)) {
        const hosts =
          kind === 'slack'
            ? 'https://hooks.slack.com/…'
            : 'an https address on webhook.office.com, logic.azure.com or powerplatform.com'
        throw invalid([
          {
            path: 'url',
            message: `must be a ${kind === 'slack' ? 'Slack' : 'Teams'} incoming webhook address (${hosts})`,
          },
        ])
      }
      const { sealKey } = await serverKeys(deps)
      const row = {
        communityId: community.id,
        kind,
        sealedUrl: await seal(
          sealKey,
          new TextEncoder().encode(text),
          webhookContext(community.id, kind),
        ),
        masked: maskWebhook(text),
      }
      await deps.db
        .insert(chatWebhooks)
        .values(row)
        .onConflictDoUpdate({ target: [chatWebhooks.communityId, chatWebhooks.kind], set: row })
      return c.json({ kind, url: row.masked })
    },
  )

  .delete('/communities/:cid/chat/:kind', communityRole('owner'), async (c) => {
    const { deps, community } = c.var
    const kind = chatKind(c.req.param('kind'))
    const deleted = await deps.db
      .delete(chatWebhooks)
      .where(and(eq(chatWebhooks.communityId, community.id), eq(chatWebhooks.kind, kind)))
      .returning({ kind: chatWebhooks.kind })
    if (deleted.length === 0)
      throw new Problem(
        404,
        `This community has no ${kind === 'slack' ? 'Slack' : 'Teams'} webhook.`,
      )
    return c.body(null, 204)
  })

  .post('/communities/:cid/chat/:kind/test', communityRole('owner'), async (c) => {
    const { deps, community } = c.var
    const kind = chatKind(c.req.param('kind'))
    const url = await webhookUrl(deps, community.id, kind)
    try {
      await postToChat(kind, url, testChat(community.name))
    } catch (error) {
      throw new Problem(502, `The test message was not delivered: ${(error as Error).message}.`)
    }
    return c.json({ delivered: true })
  })

// Sends what the outbox holds, at least once and, short of a crash in mid-send, exactly once:
// a message is claimed (its next attempt moved past a lease) before it is sent, so two ticks
// never send it together; a failure is retried with exponential backoff and stays visible.
import { and, eq, inArray, lte, sql } from 'drizzle-orm'
import { chatWebhooks, members, outbox, pulses, sealedInvites } from '../../schema'
import { rowsAffected } from '../db'
import type { AppDeps } from '../deps'
import { unseal } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'
import { postToChat, type ChatKind } from './chat'
import { inviteContext } from './invites'
import { emailHtml, fillLinks } from './messages'
import { retireStale } from './stale'
import { unsubscribeUrl } from './unsubscribe'

const MINUTE = 60 * 1000
/** How long a claimed message is left alone while it is being sent. */
const LEASE = 5 * MINUTE
const MAX_DELAY = 6 * 60 * MINUTE

/** The wait before attempt `attempts + 1`: 1, 2, 4, 8 … minutes, at most 6 hours; never gives up. */
export const retryDelay = (attempts: number) =>
  Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), MAX_DELAY)

export type OutboxRow = typeof outbox.$inferSelect

/** Why a message will not be sent after all (shown in the outbox). */
class Skip extends Error {}

export const webhookContext = (communityId: string, kind: ChatKind) => `chat:${communityId}:${kind}`

/** The invite link of a member whose invite is still unused, from its sealed copy. */
export async function inviteUrlOf(
  deps: AppDeps,
  row: Pick<OutboxRow, 'memberId' | 'link'>,
): Promise<string | undefined> {
  if (!row.memberId || !row.link) return undefined
  const [found] = await deps.db
    .select({ sealed: sealedInvites.sealed, keyHash: members.keyHash })
    .from(sealedInvites)
    .innerJoin(members, eq(members.id, sealedInvites.memberId))
    .where(eq(sealedInvites.memberId, row.memberId))
  if (!found || found.keyHash !== null) return undefined
  const key = await unseal(
    (await serverKeys(deps)).sealKey,
    found.sealed,
    inviteContext(row.memberId),
  )
  return `${row.link}#${new TextDecoder().decode(key)}`
}

/** An email's text as the member reads it (links filled); undefined for an invite that is gone. */
export async function emailText(
  deps: AppDeps,
  row: OutboxRow,
): Promise<{ text: string; unsubscribe: string; inviteUrl?: string } | undefined> {
  if (!row.memberId || !row.link) return undefined
  const inviteUrl = row.kind === 'invite' ? await inviteUrlOf(deps, row) : undefined
  if (row.kind === 'invite' && !inviteUrl) return undefined
  const unsubscribe = await unsubscribeUrl(deps, row.link, row.memberId)
  return {
    text: fillLinks(row.text, { inviteUrl, unsubscribeUrl: unsubscribe }),
    unsubscribe,
    inviteUrl,
  }
}

async function sendEmail(deps: AppDeps, row: OutboxRow): Promise<void> {
  const mailer = deps.mailer!
  const [member] = row.memberId
    ? await deps.db.select().from(members).where(eq(members.id, row.memberId))
    : []
  if (!member || member.removed) throw new Skip('The member was removed.')
  if (member.unsubscribed) throw new Skip('The member unsubscribed from email.')
  if (row.kind === 'invite' && member.keyHash !== null)
    throw new Skip('The invite was already used.')
  const filled = await emailText(deps, row)
  if (!filled) throw new Skip('The invite was replaced or used.')
  await mailer.send({
    to: member.email,
    subject: row.subject,
    text: filled.text,
    html: emailHtml(row.subject, filled.text),
    // RFC 8058 one-click unsubscribe: mail clients POST to the same link.
    headers: {
      'List-Unsubscribe': `<${filled.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
}

async function sendChat(deps: AppDeps, row: OutboxRow): Promise<void> {
  const kind = row.channel as ChatKind
  const [hook] = await deps.db
    .select()
    .from(chatWebhooks)
    .where(and(eq(chatWebhooks.communityId, row.communityId), eq(chatWebhooks.kind, kind)))
  if (!hook) throw new Skip('The webhook was removed.')
  const url = new TextDecoder().decode(
    await unseal(
      (await serverKeys(deps)).sealKey,
      hook.sealedUrl,
      webhookContext(row.communityId, kind),
    ),
  )
  await postToChat(kind, url, row.text)
}

async function sendOne(deps: AppDeps, row: OutboxRow): Promise<void> {
  if ((row.kind === 'pulse-open' || row.kind === 'reminder') && row.pulseId) {
    const [pulse] = await deps.db
      .select({ status: pulses.status })
      .from(pulses)
      .where(eq(pulses.id, row.pulseId))
    if (pulse?.status !== 'open') throw new Skip('The pulse is no longer open.')
  }
  return row.channel === 'email' ? sendEmail(deps, row) : sendChat(deps, row)
}

export interface DeliveryReport {
  sent: number
  failed: number
  skipped: number
}

/**
 * Sends every due message (queued or failed, next attempt reached): chat always, email when a
 * mailer is configured (else it waits in the outbox to be copied). Messages that no longer
 * apply are retired first, with or without a mailer. A success marks the message
 * sent and deletes an invite's sealed key; a failure is kept with its reason and retried after
 * `retryDelay`. Never throws for a message's failure.
 */
export async function deliverDue(deps: AppDeps, limit = 200): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0 }
  const { db } = deps
  await retireStale(db)
  const now = deps.now()
  const channels: OutboxRow['channel'][] = deps.mailer
    ? ['email', 'slack', 'teams']
    : ['slack', 'teams']
  const due = await db
    .select()
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ['queued', 'failed']),
        lte(outbox.nextAttemptAt, now),
        inArray(outbox.channel, channels),
      ),
    )
    .orderBy(outbox.nextAttemptAt)
    .limit(limit)
  for (const row of due) {
    const claimed = await db
      .update(outbox)
      .set({ nextAttemptAt: now + LEASE })
      .where(
        and(
          eq(outbox.id, row.id),
          eq(outbox.status, row.status),
          eq(outbox.nextAttemptAt, row.nextAttemptAt!),
        ),
      )
    if (rowsAffected(claimed) !== 1) continue
    const attempts = row.attempts + 1
    try {
      await sendOne(deps, row)
      await db.batch([
        db
          .update(outbox)
          .set({
            status: 'sent',
            attempts,
            sentAt: deps.now(),
            nextAttemptAt: null,
            lastError: null,
          })
          .where(eq(outbox.id, row.id)),
        // Delivered: the invite key is no longer kept, even sealed.
        db.run(
          sql`delete from sealed_invites where member_id = ${row.kind === 'invite' ? row.memberId : null}`,
        ),
      ])
      report.sent++
    } catch (error) {
      const reason = String((error as Error)?.message ?? 'error').slice(0, 300)
      if (error instanceof Skip) {
        await db
          .update(outbox)
          .set({ status: 'skipped', nextAttemptAt: null, lastError: reason })
          .where(eq(outbox.id, row.id))
        report.skipped++
      } else {
        await db
          .update(outbox)
          .set({
            status: 'failed',
            attempts,
            nextAttemptAt: now + retryDelay(attempts),
            lastError: reason,
          })
          .where(eq(outbox.id, row.id))
        report.failed++
      }
    }
  }
  if (report.sent || report.failed)
    deps.log(`delivery: sent ${report.sent}, failed ${report.failed}, skipped ${report.skipped}`)
  return report
}

/** Starts sending what was just queued, after the answer (Workers: under waitUntil). */
export const startDelivery = (deps: AppDeps) => deps.background(deliverDue(deps))

// Handing waiting emails over to an organizer who sends them by hand (no email provider): all of
// them at once, as one text to copy or as CSV for a mail merge. Rendering and marking happen in
// one request, so exactly the messages handed over are marked copied and their invite keys
// forgotten, as copying one message does.
import { and, eq, sql } from 'drizzle-orm'
import { outbox, sealedInvites } from '../../schema'
import { inJson } from '../db'
import type { AppDeps } from '../deps'
import { csvText } from '../reports/csv'
import {
  messageView,
  statusCondition,
  viewRows,
  type KindFilter,
  type OutboxMessage,
} from './outbox-view'
import { retireStale } from './stale'

/** At most this many messages per handover; the rest stay waiting for the next one. */
export const HANDOVER_LIMIT = 1000

/**
 * Every waiting email of a community (of `kind`, when given) that can be copied, oldest first,
 * rendered exactly as its member should receive it; each is marked `copied` and an invitation's
 * sealed key is deleted, in one batch. Messages that no longer apply are retired first and never
 * handed over.
 */
export async function handOver(
  deps: AppDeps,
  communityId: string,
  kind?: KindFilter,
): Promise<OutboxMessage[]> {
  const { db } = deps
  await retireStale(db, communityId)
  const rows = await viewRows(
    deps,
    and(
      eq(outbox.communityId, communityId),
      eq(outbox.channel, 'email'),
      statusCondition('waiting'),
      kind ? eq(outbox.kind, kind) : undefined,
    ),
    'oldest',
    HANDOVER_LIMIT,
  )
  const ready = []
  for (const v of rows) {
    const view = await messageView(deps, v)
    if (!view.cannotCopy) ready.push({ view, memberId: v.row.memberId })
  }
  if (ready.length === 0) return []
  const ids = ready.map((r) => r.view.id)
  const invited = ready.filter((r) => r.view.kind === 'invite').map((r) => r.memberId!)
  await db.batch([
    db
      .update(outbox)
      .set({ status: 'copied', nextAttemptAt: null })
      .where(and(inJson(outbox.id, ids), sql`${outbox.status} in ('queued', 'failed')`)),
    // Handed over by hand: the invite keys are no longer kept, even sealed.
    db.delete(sealedInvites).where(inJson(sealedInvites.memberId, invited)),
  ])
  return ready.map((r) => r.view)
}

type Handed = Pick<OutboxMessage, 'recipient' | 'subject' | 'text' | 'kind'> & { link?: string }

const RULE = '-'.repeat(40)

/** One text to paste anywhere: each message with its address and subject, between rules. */
export const handoverText = (messages: Handed[]): string =>
  messages.map((m) => `To: ${m.recipient}\nSubject: ${m.subject}\n\n${m.text}\n`).join(`${RULE}\n`)

/** CSV for a mail merge: one row per message, the address first; the body as the member reads it. */
export const handoverCsv = (messages: Handed[]): string =>
  csvText([
    ['email', 'subject', 'message', 'link', 'kind'],
    ...messages.map((m) => [m.recipient, m.subject, m.text, m.link ?? '', m.kind]),
  ])

// The outbox as organizers read it: each message rendered exactly as its recipient would get it,
// or with the reason it cannot be copied; pages filtered by status and kind on the server.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { members, outbox, pulses } from '../../schema'
import type { AppDeps } from '../deps'
import { iso } from '../http/fields'
import { INVITE_URL, UNSUBSCRIBE_URL } from './messages'
import { inviteUrlOf, type OutboxRow } from './send'
import { staleReasons } from './stale'
import { unsubscribeUrl } from './unsubscribe'

/** What stands in the text for a link that is no longer kept: never a `{{placeholder}}`. */
export const GONE_INVITE_LINK = '[invite link no longer kept]'
export const GONE_UNSUBSCRIBE_LINK = '[unsubscribe link no longer available]'

/** A row with what decides whether it can still be copied: its member and its pulse. */
export interface ViewRow {
  row: OutboxRow
  pulseStatus: string | null
  member: { removed: boolean; unsubscribed: boolean; joined: boolean } | null
}

const isWaiting = (status: OutboxRow['status']) => status === 'queued' || status === 'failed'

/**
 * Why copying `v` would not give its recipient what they should get, or undefined when it can be
 * copied. An invitation can be copied only while it waits with its sealed key (`inviteUrl`).
 */
export function whyNotCopyable(v: ViewRow, inviteUrl: string | undefined): string | undefined {
  const { row, member } = v
  if (row.status === 'skipped') return row.lastError ?? 'This message no longer applies.'
  if (row.channel === 'email') {
    if (!member || member.removed) return staleReasons.removed
    if (member.unsubscribed) return staleReasons.unsubscribed
  }
  if ((row.kind === 'pulse-open' || row.kind === 'reminder') && v.pulseStatus !== 'open')
    return staleReasons.closed
  if (row.kind === 'invite' && !inviteUrl) {
    if (member?.joined) return staleReasons.joined
    const what =
      row.status === 'sent'
        ? 'It was sent by email'
        : row.status === 'copied'
          ? 'It was copied before'
          : 'The invite was used or replaced'
    return `${what}, so its invite link is no longer kept. For a new link, re-invite the member on the Members page.`
  }
  return undefined
}

/**
 * A message as organizers see it. `text` never holds a placeholder: an email's links are filled
 * in as the member gets them, and a link no longer kept is named as such. `link` (what to copy)
 * and an invitation's invite link appear only while it can be copied; `cannotCopy` says why not.
 */
export async function messageView(deps: AppDeps, v: ViewRow) {
  const { row } = v
  const waiting = isWaiting(row.status)
  const inviteUrl =
    row.kind === 'invite' && row.channel === 'email' && waiting
      ? await inviteUrlOf(deps, row)
      : undefined
  const cannotCopy = whyNotCopyable(v, inviteUrl)
  let text = row.text
  if (row.channel === 'email') {
    const unsubscribe =
      row.memberId && row.link ? await unsubscribeUrl(deps, row.link, row.memberId) : undefined
    text = text
      .replaceAll(INVITE_URL, inviteUrl ?? GONE_INVITE_LINK)
      .replaceAll(UNSUBSCRIBE_URL, unsubscribe ?? GONE_UNSUBSCRIBE_LINK)
  }
  const link = cannotCopy ? undefined : row.kind === 'invite' ? inviteUrl : (row.link ?? undefined)
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    text,
    ...(link ? { link } : {}),
    ...(cannotCopy ? { cannotCopy } : {}),
    status: row.status,
    attempts: row.attempts,
    ...(row.nextAttemptAt !== null && waiting ? { nextAttemptAt: iso(row.nextAttemptAt) } : {}),
    ...(row.lastError ? { error: row.lastError } : {}),
    createdAt: iso(row.createdAt),
    ...(row.sentAt !== null ? { sentAt: iso(row.sentAt) } : {}),
  }
}
export type OutboxMessage = Awaited<ReturnType<typeof messageView>>

/** Outbox rows with their member and pulse, in the order and number asked. */
export async function viewRows(
  deps: AppDeps,
  where: SQL | undefined,
  order: 'newest' | 'oldest' = 'newest',
  limit?: number,
): Promise<ViewRow[]> {
  const query = deps.db
    .select({
      row: outbox,
      pulseStatus: pulses.status,
      removed: members.removed,
      unsubscribed: members.unsubscribed,
      keyHash: members.keyHash,
    })
    .from(outbox)
    .leftJoin(pulses, eq(pulses.id, outbox.pulseId))
    .leftJoin(members, eq(members.id, outbox.memberId))
    .where(where)
    .orderBy(
      ...(order === 'newest'
        ? [desc(outbox.createdAt), desc(outbox.id)]
        : [outbox.createdAt, outbox.id]),
    )
  const rows = await (limit === undefined ? query : query.limit(limit))
  return rows.map((r) => ({
    row: r.row,
    pulseStatus: r.pulseStatus,
    member:
      r.removed === null
        ? null
        : { removed: r.removed, unsubscribed: r.unsubscribed!, joined: r.keyHash !== null },
  }))
}

/** The one message `id` of a community, viewed; undefined when there is none. */
export async function viewOne(deps: AppDeps, communityId: string, id: string) {
  const [v] = await viewRows(deps, and(eq(outbox.id, id), eq(outbox.communityId, communityId)))
  return v ? messageView(deps, v) : undefined
}

/** The outbox filters: `waiting` is queued or failed, anything else one status. */
export type StatusFilter = 'waiting' | OutboxRow['status']
export type KindFilter = OutboxRow['kind']

export const statusCondition = (status: StatusFilter | undefined) =>
  status === undefined
    ? undefined
    : status === 'waiting'
      ? inArray(outbox.status, ['queued', 'failed'])
      : eq(outbox.status, status)

/** A page of the outbox, newest first; `email` names the provider, null when email waits here. */
export interface OutboxPage {
  email: string | null
  /** Emails waiting to be sent or copied (of `kind`, when given), whatever `status` filters. */
  waiting: number
  messages: OutboxMessage[]
  next?: string
}

/**
 * One page of a community's outbox, newest first, filtered by status and kind in the query
 * itself, so a cursor walks exactly the filtered list. A cursor is `<createdAt>.<id>` of the
 * last message of the previous page.
 */
export async function outboxPage(
  deps: AppDeps,
  communityId: string,
  q: { limit: number; cursor?: string; status?: StatusFilter; kind?: KindFilter },
): Promise<OutboxPage> {
  let after
  if (q.cursor) {
    const dot = q.cursor.indexOf('.')
    const [at, id] = [Number(q.cursor.slice(0, dot)), q.cursor.slice(dot + 1)]
    after = or(lt(outbox.createdAt, at), and(eq(outbox.createdAt, at), lt(outbox.id, id)))
  }
  const ofKind = q.kind ? eq(outbox.kind, q.kind) : undefined
  const filtered = and(eq(outbox.communityId, communityId), statusCondition(q.status), ofKind)
  const rows = await viewRows(deps, and(filtered, after), 'newest', q.limit + 1)
  const page = rows.slice(0, q.limit)
  const [{ waiting }] = await deps.db
    .select({ waiting: sql<number>`count(*)` })
    .from(outbox)
    .where(
      and(
        eq(outbox.communityId, communityId),
        eq(outbox.channel, 'email'),
        statusCondition('waiting'),
        ofKind,
      ),
    )
  const last = page[page.length - 1]?.row
  return {
    email: deps.mailer?.name ?? null,
    waiting: Number(waiting),
    messages: await Promise.all(page.map((v) => messageView(deps, v))),
    ...(rows.length > q.limit ? { next: `${last.createdAt}.${last.id}` } : {}),
  }
}

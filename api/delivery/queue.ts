// Puts messages in the outbox. Every function here only writes rows; `deliverDue` sends them.
// Queueing is idempotent where it must be: a pulse's notices are marked once in pulse_notices
// and each of their messages has a dedupe key, so a tick that runs twice queues nothing twice.
import { and, eq, sql } from 'drizzle-orm'
import {
  chatWebhooks,
  communities,
  deliverySettings,
  outbox,
  pulseNotices,
  pulses,
  surveys,
} from '../../schema'
import type { CommunityRow, PulseRow } from '../db/rows'
import { newId } from '../privacy/ids'
import { chunks, type Db } from '../db'
import type { AppDeps } from '../deps'
import { releasedGroups } from '../pulses/report'
import { seal } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'
import {
  inviteEmail,
  pulseOpenChat,
  pulseOpenEmail,
  reminderEmail,
  resultsChat,
  type Headline,
} from './messages'

const HOUR = 3600 * 1000

/** The sealing context of a member's invite key: it opens for that member's row only. */
export const inviteContext = (memberId: string) => `invite:${memberId}`

/** The member page of a pulse: the same link for every member, nothing per recipient. */
export const pulseUrl = (base: string, pulseId: string) =>
  `${base.replace(/\/+$/, '')}/m/pulses/${encodeURIComponent(pulseId)}`

export interface InviteToSend {
  memberId: string
  email: string
  /** The invite key itself; only its sealed copy is stored. */
  key: string
}

/**
 * Statements (for the caller's batch, after the members are written) that keep each invite key
 * sealed for delivery, replace any earlier unsent invite of the member, and queue the invite
 * email. `base` is the site the links point to.
 */
export async function inviteStatements(
  deps: AppDeps,
  community: CommunityRow,
  base: string,
  invites: InviteToSend[],
) {
  const { db } = deps
  const { sealKey } = await serverKeys(deps)
  const now = deps.now()
  const { subject, text } = inviteEmail(community.name)
  const encoder = new TextEncoder()
  const rows = await Promise.all(
    invites.map(async (i) => ({
      id: newId(),
      memberId: i.memberId,
      email: i.email,
      sealed: await seal(sealKey, encoder.encode(i.key), inviteContext(i.memberId)),
    })),
  )
  const joinUrl = `${base.replace(/\/+$/, '')}/join`
  return chunks(rows, 1000).flatMap((part) => {
    const input = JSON.stringify(part)
    return [
      db.run(sql`insert into sealed_invites (member_id, sealed)
        select json_extract(value, '$.memberId'), json_extract(value, '$.sealed') from json_each(${input}) where true
        on conflict (member_id) do update set sealed = excluded.sealed`),
      db.run(sql`update outbox set status = 'skipped', next_attempt_at = null, last_error = 'Replaced by a newer invite.'
        where kind = 'invite' and status in ('queued', 'failed')
          and member_id in (select json_extract(value, '$.memberId') from json_each(${input}))`),
      db.run(sql`insert into outbox (id, community_id, channel, kind, member_id, recipient, subject, text, link, status, attempts, next_attempt_at, created_at)
        select json_extract(value, '$.id'), ${community.id}, 'email', 'invite', json_extract(value, '$.memberId'),
               json_extract(value, '$.email'), ${subject}, ${text}, ${joinUrl}, 'queued', 0, ${now}, ${now}
        from json_each(${input})`),
    ]
  })
}

/**
 * The site links point to outside a request (scheduled messages): PUBLIC_URL, else the site of
 * the community's latest queued link (set by an organizer's request), else none.
 */
async function siteOf(deps: AppDeps, communityId: string): Promise<string | undefined> {
  if (deps.publicUrl) return deps.publicUrl
  const [row] = await deps.db
    .select({ link: outbox.link })
    .from(outbox)
    .where(and(eq(outbox.communityId, communityId), sql`${outbox.link} is not null`))
    .orderBy(sql`${outbox.createdAt} desc`)
    .limit(1)
  return row?.link ? new URL(row.link).origin : undefined
}

type Recipient = { memberId: string; email: string }

/** Joined, present, subscribed members of a pulse's snapshot: who can act on a pulse email. */
async function pulseRecipients(db: Db, pulseId: string): Promise<Recipient[]> {
  const rows = await db.all<{
    memberId: string
    email: string
  }>(sql`select m.id as memberId, m.email as email
    from pulse_members pm join members m on m.id = pm.member_id
    where pm.pulse_id = ${pulseId} and m.removed = 0 and m.unsubscribed = 0 and m.key_hash is not null`)
  return rows
}

interface Notice {
  pulse: PulseRow
  community: CommunityRow
  survey: { title: string }
  base: string
}

/** Statements queueing one email per recipient and one message per chat webhook, deduplicated. */
async function noticeStatements(
  deps: AppDeps,
  n: Notice,
  kind: 'pulse-open' | 'reminder' | 'results',
  email: { subject: string; text: string } | null,
  recipients: Recipient[],
  chatText: string | null,
) {
  const { db } = deps
  const now = deps.now()
  const link = pulseUrl(n.base, n.pulse.id)
  const statements = []
  if (email) {
    for (const part of chunks(recipients, 1000)) {
      const input = JSON.stringify(part.map((r) => ({ ...r, id: newId() })))
      statements.push(
        db.run(sql`insert into outbox (id, community_id, channel, kind, member_id, pulse_id, recipient, subject, text, link, status, attempts, next_attempt_at, created_at, dedupe_key)
          select json_extract(value, '$.id'), ${n.community.id}, 'email', ${kind}, json_extract(value, '$.memberId'), ${n.pulse.id},
                 json_extract(value, '$.email'), ${email.subject}, ${email.text}, ${link}, 'queued', 0, ${now}, ${now},
                 ${`${kind}:${n.pulse.id}:`} || json_extract(value, '$.memberId')
          from json_each(${input}) where true on conflict (dedupe_key) do nothing`),
      )
    }
  }
  if (chatText) {
    const hooks = await db
      .select()
      .from(chatWebhooks)
      .where(eq(chatWebhooks.communityId, n.community.id))
    for (const hook of hooks) {
      statements.push(
        db
          .insert(outbox)
          .values({
            id: newId(),
            communityId: n.community.id,
            channel: hook.kind,
            kind,
            pulseId: n.pulse.id,
            recipient: hook.masked,
            subject: n.survey.title,
            text: chatText,
            link,
            status: 'queued',
            nextAttemptAt: now,
            createdAt: now,
            dedupeKey: `${kind}:${n.pulse.id}:${hook.kind}`,
          })
          .onConflictDoNothing(),
      )
    }
  }
  return statements
}

async function loadNotice(
  deps: AppDeps,
  pulseId: string,
  base?: string,
): Promise<Notice | undefined> {
  const [row] = await deps.db
    .select({ pulse: pulses, community: communities, survey: { title: surveys.title } })
    .from(pulses)
    .innerJoin(communities, eq(communities.id, pulses.communityId))
    .innerJoin(surveys, eq(surveys.id, pulses.surveyId))
    .where(eq(pulses.id, pulseId))
  if (!row) return undefined
  const site = base ?? (await siteOf(deps, row.community.id))
  if (!site) {
    deps.log(`delivery: no PUBLIC_URL; messages of pulse ${pulseId} wait for one`)
    return undefined
  }
  return { ...row, base: site }
}

/** Runs `statements` together with marking `notice` done for the pulse, atomically. */
async function commitNotice(
  db: Db,
  pulseId: string,
  notice: 'opened' | 'reminded' | 'shared',
  statements: unknown[],
) {
  const mark = db.insert(pulseNotices).values({ pulseId, notice }).onConflictDoNothing()
  await db.batch([mark, ...(statements as (typeof mark)[])])
}

/** Queues "a pulse is open" (email to its joined members, and its chats) once per pulse. */
export async function queuePulseOpened(
  deps: AppDeps,
  pulseId: string,
  base?: string,
): Promise<void> {
  const n = await loadNotice(deps, pulseId, base)
  if (!n || n.pulse.status !== 'open') return
  const link = pulseUrl(n.base, pulseId)
  const email = pulseOpenEmail(n.community.name, n.survey.title, n.pulse.closesAt, link)
  const chat = pulseOpenChat(n.community.name, n.survey.title, n.pulse.closesAt, link)
  const recipients = await pulseRecipients(deps.db, pulseId)
  await commitNotice(
    deps.db,
    pulseId,
    'opened',
    await noticeStatements(deps, n, 'pulse-open', email, recipients, chat),
  )
}

/**
 * A community's reminder settings, defaults included. A reminder goes to every member of the pulse
 * or to no one (DESIGN.md 9): any stored audience other than `none` reads as `everyone`.
 */
export async function settingsOf(db: Db, communityId: string) {
  const [row] = await db
    .select()
    .from(deliverySettings)
    .where(eq(deliverySettings.communityId, communityId))
  const reminderAudience: 'everyone' | 'none' =
    row?.reminderAudience === 'none' ? 'none' : 'everyone'
  return { communityId, reminderAudience, reminderLeadHours: row?.reminderLeadHours ?? 24 }
}

/**
 * When a pulse's one reminder is due: `leadHours` before it closes, but never in the first half
 * of its run, so a short pulse is not reminded about right after it opened.
 */
export const reminderDueAt = (pulse: { opensAt: number; closesAt: number }, leadHours: number) =>
  Math.max(pulse.closesAt - leadHours * HOUR, pulse.opensAt + (pulse.closesAt - pulse.opensAt) / 2)

/**
 * Queues the one reminder of every open pulse whose time has come: to every joined, subscribed
 * member of the pulse, or, when its community turned reminders off, to no one. Who was issued a
 * token for the pulse is never looked at, so a reminder tells no one (and the outbox shows no one)
 * who has not answered (DESIGN.md 9). Returns how many pulses.
 */
export async function queueReminders(deps: AppDeps): Promise<number> {
  const { db } = deps
  const now = deps.now()
  const open = await db.all<{
    id: string
    communityId: string
    opensAt: number
    closesAt: number
  }>(sql`
    select p.id as id, p.community_id as communityId, p.opens_at as opensAt, p.closes_at as closesAt from pulses p
    where p.status = 'open' and p.closes_at > ${now}
      and not exists (select 1 from pulse_notices n where n.pulse_id = p.id and n.notice = 'reminded')`)
  let queued = 0
  for (const pulse of open) {
    const settings = await settingsOf(db, pulse.communityId)
    if (reminderDueAt(pulse, settings.reminderLeadHours) > now) continue
    if (settings.reminderAudience === 'none') {
      await commitNotice(db, pulse.id, 'reminded', [])
      continue
    }
    const n = await loadNotice(deps, pulse.id)
    if (!n) continue
    const recipients = await pulseRecipients(db, pulse.id)
    const link = pulseUrl(n.base, pulse.id)
    const email = reminderEmail(n.community.name, n.survey.title, pulse.closesAt, link)
    await commitNotice(
      db,
      pulse.id,
      'reminded',
      await noticeStatements(deps, n, 'reminder', email, recipients, null),
    )
    queued++
  }
  return queued
}

/** Queues, once per pulse, the chat message that its results are shared: released numbers only. */
export async function queueResultsShared(
  deps: AppDeps,
  pulseId: string,
  base?: string,
): Promise<void> {
  const n = await loadNotice(deps, pulseId, base)
  if (!n || n.pulse.status !== 'closed') return
  const [overall] = (await releasedGroups(deps.db, pulseId, '')) ?? []
  const headline: Headline = {
    eligible: n.pulse.eligible,
    responded: n.pulse.responded,
    k: n.pulse.minGroupSize,
    dimensions:
      overall && !overall.suppressed
        ? overall.dimensions.map((d) => ({ dimension: d.dimension, favorable: d.favorable }))
        : [],
  }
  const chat = resultsChat(
    n.community.name,
    n.survey.title,
    headline,
    `${n.base.replace(/\/+$/, '')}/m`,
  )
  await commitNotice(
    deps.db,
    pulseId,
    'shared',
    await noticeStatements(deps, n, 'results', null, [], chat),
  )
}

/** Queues "a pulse is open" for every open pulse that has not had it (opened by any path). */
export async function queueOpenedNotices(deps: AppDeps): Promise<void> {
  const rows = await deps.db.all<{
    id: string
  }>(sql`select p.id as id from pulses p where p.status = 'open'
    and not exists (select 1 from pulse_notices n where n.pulse_id = p.id and n.notice = 'opened')`)
  for (const { id } of rows) await queuePulseOpened(deps, id)
}

// Queues the notices of a pulse in the outbox: that it is open, its one reminder, and that its
// results are shared. Every function here only writes rows; `deliverDue` sends them.
import { eq, sql } from 'drizzle-orm'
import { deliverySettings } from '../../schema'
import type { Db } from '../db'
import type { AppDeps } from '../deps'
import { releasedGroups } from '../pulses/report'
import { logHead } from '../log/store'
import { normalizeFingerprint } from '../privacy/fingerprint'
import {
  pulseOpenChat,
  pulseOpenEmail,
  reminderEmail,
  resultsChat,
  type Headline,
} from './messages'
import {
  commitNotice,
  loadNotice,
  noticeStatements,
  pulseRecipients,
  pulseUrl,
} from './pulse-notice'

const HOUR = 3600 * 1000

/** Queues "a pulse is open" (email to its joined members, and its chats) once per pulse. */
export async function queuePulseOpened(
  deps: AppDeps,
  pulseId: string,
  base?: string,
): Promise<void> {
  const n = await loadNotice(deps, pulseId, base)
  if (!n || n.pulse.status !== 'open') return
  const link = pulseUrl(n.base, pulseId)
  // Emails go to one person each (and through organizers in copy mode): no fingerprint. The
  // chat is a broadcast: the fingerprint and the log head, in its text and in its link.
  const email = pulseOpenEmail(n.community.name, n.survey.title, n.pulse.closesAt, link)
  const { fingerprint } = n.pulse
  const head = fingerprint ? await logHead(deps.db, n.community.id) : null
  const chatLink = fingerprint ? `${link}#fp=${normalizeFingerprint(fingerprint)}` : link
  const chat = pulseOpenChat(
    n.community.name,
    n.survey.title,
    n.pulse.closesAt,
    chatLink,
    fingerprint ? { fingerprint, logHead: head?.hash.slice(0, 16) } : undefined,
  )
  const recipients = await pulseRecipients(deps.db, pulseId)
  await commitNotice(
    deps.db,
    pulseId,
    'opened',
    await noticeStatements(deps, n, 'pulse-open', email, recipients, chat, chatLink),
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

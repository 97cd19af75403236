// A pulse's notice and the outbox rows that carry it: loading the pulse with its community and
// the site its links point to, who receives it, and statements committed with the notice's mark.
// Each message has a dedupe key and each notice is marked once in pulse_notices, so a tick that
// runs twice queues nothing twice.
import { and, eq, sql } from 'drizzle-orm'
import { chatWebhooks, communities, outbox, pulseNotices, pulses, surveys } from '../../schema'
import type { CommunityRow, PulseRow } from '../db/rows'
import { newId } from '../privacy/ids'
import { chunks, type Db } from '../db'
import type { AppDeps } from '../deps'

/** The member page of a pulse: the same link for every member, nothing per recipient. */
export const pulseUrl = (base: string, pulseId: string) =>
  `${base.replace(/\/+$/, '')}/m/pulses/${encodeURIComponent(pulseId)}`

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
export async function pulseRecipients(db: Db, pulseId: string): Promise<Recipient[]> {
  const rows = await db.all<{
    memberId: string
    email: string
  }>(sql`select m.id as memberId, m.email as email
    from pulse_members pm join members m on m.id = pm.member_id
    where pm.pulse_id = ${pulseId} and m.removed = 0 and m.unsubscribed = 0 and m.key_hash is not null`)
  return rows
}

export interface Notice {
  pulse: PulseRow
  community: CommunityRow
  survey: { title: string }
  base: string
}

/**
 * Statements queueing one email per recipient and one message per chat webhook, deduplicated.
 * Chat messages link to `chatLink` when given (the member page with the pulse's fingerprint).
 */
export async function noticeStatements(
  deps: AppDeps,
  n: Notice,
  kind: 'pulse-open' | 'reminder' | 'results',
  email: { subject: string; text: string } | null,
  recipients: Recipient[],
  chatText: string | null,
  chatLink?: string,
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
            link: chatLink ?? link,
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

/**
 * The pulse with its community and survey title, and the site its links point to (`base`, else
 * as `siteOf` finds it); none when the pulse is unknown or no site is known yet.
 */
export async function loadNotice(
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
export async function commitNotice(
  db: Db,
  pulseId: string,
  notice: 'opened' | 'reminded' | 'shared',
  statements: unknown[],
) {
  const mark = db.insert(pulseNotices).values({ pulseId, notice }).onConflictDoNothing()
  await db.batch([mark, ...(statements as (typeof mark)[])])
}

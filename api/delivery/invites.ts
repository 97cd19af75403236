// Queues invitations in the outbox: the invite key is kept only sealed, for the one member it
// belongs to, and a newer invite replaces any earlier one not yet sent. `deliverDue` sends them.
import { sql } from 'drizzle-orm'
import type { CommunityRow } from '../db/rows'
import { newId } from '../privacy/ids'
import { chunks } from '../db'
import type { AppDeps } from '../deps'
import { seal } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'
import { inviteEmail } from './messages'

/** The sealing context of a member's invite key: it opens for that member's row only. */
export const inviteContext = (memberId: string) => `invite:${memberId}`

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

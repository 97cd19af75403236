// Messages that no longer apply leave the waiting list: an invitation once its member has joined,
// "a pulse is open" and its reminder once the pulse has closed, any email to a member who was
// removed or unsubscribed. They become `skipped` with the reason and stay listed as history.
// Checked whenever the outbox is read or delivered, so every path that makes a message stale
// (joining, a move to another device, closing by hand or by schedule) is covered without each
// of them knowing about the outbox.
import { sql } from 'drizzle-orm'
import type { Db } from '../db'

/** The reasons a waiting message is retired with, as the outbox shows them. */
export const staleReasons = {
  joined: 'The member has joined: the invitation is no longer needed.',
  closed: 'The pulse is no longer open.',
  removed: 'The member was removed.',
  unsubscribed: 'The member unsubscribed from email.',
} as const

/**
 * Marks every waiting (queued or failed) message that no longer applies `skipped` with its
 * reason, in one community or, without `communityId`, everywhere. Sent, copied and skipped
 * messages are never touched; a retired message is never sent or handed over.
 */
export async function retireStale(db: Db, communityId?: string): Promise<void> {
  const where = communityId === undefined ? sql`` : sql`and o.community_id = ${communityId}`
  const retire = (reason: string, condition: ReturnType<typeof sql>) =>
    db.run(sql`update outbox as o set status = 'skipped', next_attempt_at = null, last_error = ${reason}
      where o.status in ('queued', 'failed') ${where} and ${condition}`)
  await db.batch([
    retire(
      staleReasons.removed,
      sql`o.channel = 'email' and (o.member_id is null
        or exists (select 1 from members m where m.id = o.member_id and m.removed = 1))`,
    ),
    retire(
      staleReasons.unsubscribed,
      sql`o.channel = 'email' and exists (select 1 from members m where m.id = o.member_id and m.unsubscribed = 1)`,
    ),
    retire(
      staleReasons.joined,
      sql`o.kind = 'invite' and exists (select 1 from members m where m.id = o.member_id and m.key_hash is not null)`,
    ),
    retire(
      staleReasons.closed,
      sql`o.kind in ('pulse-open', 'reminder')
        and exists (select 1 from pulses p where p.id = o.pulse_id and p.status <> 'open')`,
    ),
  ])
}

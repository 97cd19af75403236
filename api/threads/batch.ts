// Follow-ups are released in batches, once a day (docs/api.md, "Threads"): the first scheduler
// tick of each UTC day moves every follow-up waiting since the day before into its thread, in
// random order, and deletes the waiting rows in the same batch; the WAL is then checkpointed and
// truncated, and secure_delete has zeroed the deleted rows. What remains orders a thread's own
// posts (its positions) and nothing else: no time, no arrival order, no member.
import { eq, sql } from 'drizzle-orm'
import { comments, followUpBatches, pendingFollowUps, threadPosts } from '../../schema'
import type { AppDeps } from '../deps'
import { shuffled } from '../privacy/shuffle'

const MARKER = 'daily'

/** The UTC day of a time, `YYYY-MM-DD`. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Moves every waiting follow-up into its thread as its next post (a follow-up of a comment hidden
 * meanwhile is dropped), in random order, and deletes exactly the waiting rows it read, in one
 * atomic batch; with `day`, records that day's release in the same batch. Answers how many
 * follow-ups were moved.
 */
export async function releaseFollowUps(
  deps: Pick<AppDeps, 'db' | 'files'>,
  day?: string,
): Promise<number> {
  const { db } = deps
  const waiting = await db
    .select({
      pulseId: pendingFollowUps.pulseId,
      commentId: pendingFollowUps.commentId,
      text: pendingFollowUps.text,
      hiddenReason: comments.hiddenReason,
    })
    .from(pendingFollowUps)
    .leftJoin(
      comments,
      sql`${comments.pulseId} = ${pendingFollowUps.pulseId} and ${comments.id} = ${pendingFollowUps.commentId}`,
    )
  const moved = shuffled(waiting.filter((w) => w.hiddenReason === null))
  const keys = JSON.stringify(waiting.map((w) => [w.pulseId, w.commentId]))
  const marker = day
    ? [
        db
          .insert(followUpBatches)
          .values({ id: MARKER, day })
          .onConflictDoUpdate({ target: followUpBatches.id, set: { day } }),
      ]
    : []
  if (waiting.length === 0 && marker.length === 0) return 0
  await db.batch([
    // At most one waiting follow-up per comment, so each takes a place of its own.
    db.run(sql`insert into ${threadPosts} (pulse_id, comment_id, position, by, text)
      select json_extract(value, '$.pulseId'), json_extract(value, '$.commentId'),
        (select coalesce(max(p.position), 0) + 1 from ${threadPosts} p
          where p.pulse_id = json_extract(value, '$.pulseId') and p.comment_id = json_extract(value, '$.commentId')),
        'author', json_extract(value, '$.text')
      from json_each(${JSON.stringify(moved.map(({ pulseId, commentId, text }) => ({ pulseId, commentId, text })))})`),
    db.run(sql`delete from ${pendingFollowUps}
      where exists (select 1 from json_each(${keys}) k
        where json_extract(k.value, '$[0]') = ${pendingFollowUps.pulseId}
          and json_extract(k.value, '$[1]') = ${pendingFollowUps.commentId})`),
    ...marker,
  ])
  // What was deleted leaves the WAL too, not only the main file (DESIGN.md 7).
  if (waiting.length > 0) await deps.files?.checkpoint()
  return moved.length
}

/**
 * The daily batch, for the scheduler: on the first call of a UTC day, releases what waits
 * (releaseFollowUps) and records the day; later calls that day do nothing. The very first call
 * only records its day, so a follow-up never goes out in a batch of its own minutes after it
 * arrived. Answers how many follow-ups were moved.
 */
export async function releaseDailyFollowUps(deps: AppDeps): Promise<number> {
  const today = utcDay(deps.now())
  const [last] = await deps.db
    .select({ day: followUpBatches.day })
    .from(followUpBatches)
    .where(eq(followUpBatches.id, MARKER))
  if (last && last.day >= today) return 0
  if (!last) {
    await deps.db.insert(followUpBatches).values({ id: MARKER, day: today }).onConflictDoNothing()
    return 0
  }
  return releaseFollowUps(deps, today)
}

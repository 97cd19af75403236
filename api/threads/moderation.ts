// What organizers do to a thread: reply to a released comment, and hide a comment or a post that
// breaks the community's rules. Both answer the thread as it now stands.
import { and, eq, sql } from 'drizzle-orm'
import { comments, pendingFollowUps, threadPosts } from '../../schema'
import { isUniqueViolation } from '../db'
import type { PulseRow } from '../db/rows'
import type { AppDeps } from '../deps'
import { notFound, Problem } from '../http/problem'
import { communityRedactor } from './redaction'
import { threadsOf, threadsOpen, type Thread } from './view'

/** The comment `commentId` of a pulse whose comments are shown; 404 for anything else. */
async function releasedComment(deps: AppDeps, pulse: PulseRow, commentId: string) {
  if (!threadsOpen(pulse)) throw notFound('comment')
  const [row] = await deps.db
    .select({ hiddenReason: comments.hiddenReason })
    .from(comments)
    .where(and(eq(comments.pulseId, pulse.id), eq(comments.id, commentId)))
  if (!row) throw notFound('comment')
  return row
}

async function threadOf(deps: AppDeps, pulse: PulseRow, commentId: string): Promise<Thread> {
  return (await threadsOf(deps.db, pulse, { commentId })).threads[0]
}

/**
 * Adds the organizers' reply to a released comment, with known names and emails redacted, as the
 * thread's next post: 404 unless the comment is shown, 409 when it is hidden. Answers the thread.
 */
export async function addReply(
  deps: AppDeps,
  pulse: PulseRow,
  commentId: string,
  text: string,
): Promise<Thread> {
  const comment = await releasedComment(deps, pulse, commentId)
  if (comment.hiddenReason !== null)
    throw new Problem(409, 'This comment was hidden; it takes no replies.')
  const redacted = (await communityRedactor(deps.db, pulse.communityId))(text)
  const insert = () =>
    deps.db.run(sql`insert into ${threadPosts} (pulse_id, comment_id, position, by, text)
      select ${pulse.id}, ${commentId}, coalesce(max(position), 0) + 1, 'organizers', ${redacted}
      from ${threadPosts} where pulse_id = ${pulse.id} and comment_id = ${commentId}`)
  // Two posts taking the same place at once: the primary key refuses one, which goes again.
  await insert().catch((error) => {
    if (!isUniqueViolation(error)) throw error
    return insert()
  })
  return threadOf(deps, pulse, commentId)
}

/**
 * Hides a released comment (no `position`) or one post of its thread: its text is deleted and
 * the reason shown in its place; a follow-up waiting for a hidden comment is deleted too. Hiding
 * again replaces the reason. 404 for an unknown comment or post. Answers the thread.
 */
export async function hidePost(
  deps: AppDeps,
  pulse: PulseRow,
  commentId: string,
  reason: string,
  position?: number,
): Promise<Thread> {
  const { db } = deps
  await releasedComment(deps, pulse, commentId)
  if (position === undefined) {
    await db.batch([
      db
        .update(comments)
        .set({ text: '', hiddenReason: reason })
        .where(and(eq(comments.pulseId, pulse.id), eq(comments.id, commentId))),
      db
        .delete(pendingFollowUps)
        .where(
          and(eq(pendingFollowUps.pulseId, pulse.id), eq(pendingFollowUps.commentId, commentId)),
        ),
    ])
  } else {
    const [hidden] = await db
      .update(threadPosts)
      .set({ text: null, hiddenReason: reason })
      .where(
        and(
          eq(threadPosts.pulseId, pulse.id),
          eq(threadPosts.commentId, commentId),
          eq(threadPosts.position, position),
        ),
      )
      .returning({ position: threadPosts.position })
    if (!hidden) throw notFound('post')
  }
  // The hidden text leaves the WAL too (DESIGN.md 7; secure_delete clears the pages).
  await deps.files?.checkpoint()
  return threadOf(deps, pulse, commentId)
}

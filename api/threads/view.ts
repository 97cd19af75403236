// What is shown of a pulse's threads: its released comments, each with the organizers' replies and
// its author's follow-ups. Never a cohort, a time or who wrote what: a thread's author is "the
// author", and only their own device can tell that it is theirs (by the reply hash).
import { and, asc, eq } from 'drizzle-orm'
import { comments, threadPosts } from '../../schema'
import type { Db } from '../db'
import type { PulseRow } from '../db/rows'

/** A post shown in place of a hidden one: the organizers' reason, never the text. */
export type Hidden = { reason: string }

export interface ThreadPost {
  /** 1, 2, …: the thread's order. */
  position: number
  by: 'organizers' | 'author'
  text?: string
  hidden?: Hidden
}

export interface Thread {
  /** The comment's id: random, given at close. */
  id: string
  questionId: string
  text?: string
  hidden?: Hidden
  /** Members' view only: the hash of the author's reply secret, when one came with the comment. */
  replyHash?: string
  posts: ThreadPost[]
}

export interface Threads {
  /** False while the pulse is open, or when it closed with fewer than k_text respondents. */
  released: boolean
  threads: Thread[]
}

/** A hidden comment where only text can stand (`comments: string[]`): the reason in its place. */
export const hiddenComment = (reason: string) => `[hidden by the organizers: ${reason}]`

/** Whether a pulse's comments are shown (after close, and only with k_text respondents). */
export const threadsOpen = (pulse: Pick<PulseRow, 'status' | 'released' | 'commentsReleased'>) =>
  pulse.status === 'closed' && pulse.released && pulse.commentsReleased

function shown<T extends { text: string | null; hiddenReason: string | null }>(row: T) {
  return row.hiddenReason !== null
    ? { hidden: { reason: row.hiddenReason } }
    : { text: row.text ?? '' }
}

/**
 * A released pulse's threads, by comment id (random, so in no meaningful order, and stable from
 * one read to the next); optionally one comment's only. `forMembers` adds each comment's reply
 * hash: every member of the community gets the same answer, and each device finds its own
 * comments by hashing the secrets it holds.
 */
export async function threadsOf(
  db: Db,
  pulse: PulseRow,
  options: { forMembers?: boolean; commentId?: string } = {},
): Promise<Threads> {
  if (!threadsOpen(pulse)) return { released: false, threads: [] }
  const only = options.commentId
  const rows = await db
    .select()
    .from(comments)
    .where(and(eq(comments.pulseId, pulse.id), only ? eq(comments.id, only) : undefined))
    .orderBy(asc(comments.id))
  const posts = await db
    .select()
    .from(threadPosts)
    .where(
      and(eq(threadPosts.pulseId, pulse.id), only ? eq(threadPosts.commentId, only) : undefined),
    )
    .orderBy(asc(threadPosts.commentId), asc(threadPosts.position))
  const byComment = new Map<string, ThreadPost[]>()
  for (const p of posts) {
    const list = byComment.get(p.commentId) ?? []
    list.push({ position: p.position, by: p.by, ...shown(p) })
    byComment.set(p.commentId, list)
  }
  return {
    released: true,
    threads: rows.map((c) => ({
      id: c.id,
      questionId: c.questionId,
      ...shown(c),
      ...(options.forMembers && c.replyHash ? { replyHash: c.replyHash } : {}),
      posts: byComment.get(c.id) ?? [],
    })),
  }
}

// A comment's author answering back (docs/api.md, "Threads"). The request carries the reply
// secret and the text, and no credential of any kind: the secret's hash finds the comment, and
// nothing about the request is stored but the comment it belongs to and the redacted text. It
// waits, without a time, for the next batch release (batch.ts), so neither the moment it was
// sent nor the member's signed-in calls tie it to them.
import { eq } from 'drizzle-orm'
import { comments, pendingFollowUps, pulses } from '../../schema'
import { isUniqueViolation } from '../db'
import type { AppDeps } from '../deps'
import { Problem } from '../http/problem'
import { communityRedactor } from './redaction'
import { replyHashOf } from './reply-hash'
import { threadsOpen } from './view'

/**
 * Accepts a follow-up for the comment whose reply hash is the SHA-256 of `secret`, redacted at
 * once (the original is never stored). 403 when no shown comment holds that hash (a wrong
 * secret, or a comment never released); 409 when the comment was hidden, its pulse's results
 * are not shared, or a follow-up of it already waits for the next release.
 */
export async function acceptFollowUp(deps: AppDeps, secret: string, text: string): Promise<void> {
  const { db } = deps
  const hash = replyHashOf(secret)
  const found = hash
    ? await db
        .select({ comment: comments, pulse: pulses })
        .from(comments)
        .innerJoin(pulses, eq(pulses.id, comments.pulseId))
        .where(eq(comments.replyHash, hash))
    : []
  const shown = found.filter((f) => threadsOpen(f.pulse))
  if (shown.length !== 1)
    throw new Problem(403, 'This secret does not belong to any comment shown to members.')
  const [{ comment, pulse }] = shown
  if (comment.hiddenReason !== null)
    throw new Problem(409, 'This comment was hidden by the organizers; it takes no follow-ups.')
  if (!pulse.shared)
    throw new Problem(409, 'The results of this pulse are no longer shared with members.')
  const redacted = (await communityRedactor(db, pulse.communityId))(text)
  try {
    await db
      .insert(pendingFollowUps)
      .values({ pulseId: pulse.id, commentId: comment.id, text: redacted })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    throw new Problem(
      409,
      'A follow-up to this comment is already waiting for the next daily release; send another after it appears.',
    )
  }
}

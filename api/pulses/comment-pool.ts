// Comments are never written in the transaction of their response (DESIGN.md 7): a copy of the
// database files taken while a pulse is open keeps the order of writes, and a response, its spent
// token and its comment committed together would pair the comment with the response's cohort
// and answers. On Node the pool holds a pulse's comments in memory until they come from at least
// k responses, then writes them in one batch, in random order; a close takes what is held into
// its own batch. Only a crash loses what is held (at most the comments of k − 1 responses).
import { sql } from 'drizzle-orm'
import { comments, pulses } from '../../schema'
import type { Db } from '../db'
import { shuffled } from '../privacy/shuffle'

/** A comment of a response, under the random id it will be stored with. */
export interface PendingComment {
  id: string
  questionId: string
  text: string
  /** The hash of its author's reply secret (api/threads/reply-hash.ts): it travels with the comment. */
  replyHash?: string
}

export interface CommentPool {
  /** Holds the comments of one response; writes the pulse's held comments once k responses gave some. */
  add(pulseId: string, k: number, comments: PendingComment[]): Promise<void>
  /** Takes, and forgets, every comment held for a pulse (its close stores them itself). */
  take(pulseId: string): PendingComment[]
  /** Gives back what `take` returned, when the close that took it did not complete. */
  restore(pulseId: string, comments: PendingComment[]): void
  /** Writes everything held, however few: a clean stop. */
  flushAll(): Promise<void>
}

/**
 * A reply hash already taken (by a stored comment, or earlier in `held`) is dropped from the
 * later comment: a hash copied from a released thread must not let its copier's comment share
 * the author's follow-ups.
 */
function uniqueHashes(held: PendingComment[]): PendingComment[] {
  const seen = new Set<string>()
  return held.map(({ replyHash, ...c }) => {
    if (!replyHash || seen.has(replyHash)) return c
    seen.add(replyHash)
    return { ...c, replyHash }
  })
}

/**
 * Writes comments of a pulse whose close has not stored its view yet, in one statement, in random
 * order, each with its reply hash unless another comment holds it already; a close still under
 * way reads them or deletes them with the rest. Comments arriving after the view was stored are
 * dropped: nothing may be added to a released pulse.
 */
export async function writeComments(
  db: Db,
  pulseId: string,
  held: PendingComment[],
): Promise<void> {
  if (held.length === 0) return
  await db.run(sql`insert into ${comments} (pulse_id, id, question_id, text, reply_hash)
    select ${pulseId}, json_extract(value, '$.id'), json_extract(value, '$.questionId'), json_extract(value, '$.text'),
      case when not exists (select 1 from ${comments} c where c.reply_hash = json_extract(value, '$.replyHash'))
        then json_extract(value, '$.replyHash') end
    from json_each(${JSON.stringify(shuffled(uniqueHashes(held)))})
    where exists (select 1 from ${pulses} where id = ${pulseId} and released = 0)`)
}

/** The pool, per pulse in memory, writing through `db`. */
export function createCommentPool(db: Db): CommentPool {
  const held = new Map<string, { responses: number; comments: PendingComment[] }>()
  const flush = async (pulseId: string) => {
    const entry = held.get(pulseId)
    held.delete(pulseId)
    if (!entry) return
    try {
      await writeComments(db, pulseId, entry.comments)
    } catch (error) {
      // Nothing is lost to a failed write: held again, with whatever arrived meanwhile.
      const now = held.get(pulseId)
      held.set(pulseId, {
        responses: entry.responses + (now?.responses ?? 0),
        comments: [...entry.comments, ...(now?.comments ?? [])],
      })
      throw error
    }
  }
  return {
    async add(pulseId, k, comments) {
      if (comments.length === 0) return
      const entry = held.get(pulseId) ?? { responses: 0, comments: [] }
      entry.responses += 1
      entry.comments.push(...comments)
      held.set(pulseId, entry)
      if (entry.responses >= k) await flush(pulseId)
    },
    take(pulseId) {
      const entry = held.get(pulseId)
      held.delete(pulseId)
      return entry?.comments ?? []
    },
    restore(pulseId, comments) {
      if (comments.length === 0) return
      const entry = held.get(pulseId) ?? { responses: 0, comments: [] }
      entry.comments.push(...comments)
      held.set(pulseId, entry)
    },
    async flushAll() {
      for (const pulseId of [...held.keys()]) await flush(pulseId)
    },
  }
}

import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { pulses } from './surveys'

// Threads on released comments (api/threads/). The two tables below are WITHOUT ROWID (migration
// 0018, custom): rows are stored in key order, so storage says nothing about when a row was
// written. Neither holds a time, an address or a member reference; a thread's author is known
// only as "the holder of the secret whose hash came with the comment" (comments.reply_hash).

/**
 * What follows a released comment: organizers' replies and its author's follow-ups, numbered
 * from 1 in the order the thread shows them. A follow-up gets its number only when a batch
 * release moves it here, so numbers order the posts of one thread and nothing across threads.
 */
export const threadPosts = sqliteTable(
  'thread_posts',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').notNull(),
    position: integer('position').notNull(),
    by: text('by', { enum: ['organizers', 'author'] }).notNull(),
    /** Null once an organizer hid the post: its text is deleted, the reason shown instead. */
    text: text('text'),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.commentId, t.position] })],
)

/**
 * Follow-ups waiting for the next batch release, at most one per comment, already redacted. A
 * release moves them into their threads in random order and deletes these rows.
 */
export const pendingFollowUps = sqliteTable(
  'pending_follow_ups',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.commentId] })],
)

/** The UTC day (`YYYY-MM-DD`) of the last daily batch release check: one row, id `daily`. */
export const followUpBatches = sqliteTable('follow_up_batches', {
  id: text('id').primaryKey(),
  day: text('day').notNull(),
})

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { communities } from './organizers'

/**
 * A meeting whose balance of voices a facilitator tracked. Seats are numbered 1..seats with
 * facilitator-chosen labels (numbers, initials) and are never linked to members.
 */
export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    seats: integer('seats').notNull(),
    labels: text('labels', { mode: 'json' }).$type<string[]>().notNull(),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [index('meetings_community').on(t.communityId, t.startedAt)],
)

/**
 * One turn at speaking, keyed by the id the tracker gave it so a resent batch is not counted
 * twice. Times are ms from the meeting's start; an undone turn stays as a tombstone so a late
 * resend cannot bring it back.
 */
export const meetingTurns = sqliteTable(
  'meeting_turns',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    seat: integer('seat').notNull(),
    startMs: integer('start_ms').notNull(),
    endMs: integer('end_ms'),
    undone: integer('undone', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.id] })],
)

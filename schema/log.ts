import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { LogData } from '../api/privacy/log-chain'
import { communities } from './organizers'

/**
 * A community's transparency log (api/log/): append-only, each entry hashed with the one before
 * it (api/privacy/log-chain.ts). `seq` counts from 1 per community and is half the primary key,
 * so two appends racing for the same place cannot both be stored: the chain never forks.
 * Entries hold counts and settings only, never a member's name, email or attribute values.
 */
export const communityLog = sqliteTable(
  'community_log',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The UTC day, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    kind: text('kind', {
      enum: ['members', 'pulse-opened', 'pulse-closed', 'pulse-deleted', 'settings'],
    }).notNull(),
    data: text('data', { mode: 'json' }).$type<LogData['data']>().notNull(),
    /** The hash of the entry before; '' for the first. */
    prev: text('prev').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.seq] })],
)

/**
 * Changes among a community's members not yet in its log: counts per UTC day and per cohort label
 * of the community's previous pulse (`cohort`: the label as canonical JSON, `{}` before any
 * pulse). Sealed into `members` entries once the day is over, or when a pulse opens.
 */
export const communityLogPending = sqliteTable(
  'community_log_pending',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    cohort: text('cohort').notNull(),
    added: integer('added').notNull().default(0),
    joined: integer('joined').notNull().default(0),
    reinvited: integer('reinvited').notNull().default(0),
    removed: integer('removed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.day, t.cohort] })],
)

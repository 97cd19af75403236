import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { pulses } from './surveys'

/**
 * Per cohort and question of a pulse closed before gate version 2. Nothing writes it any more: the
 * re-release at start (api/db/upgrade.ts) reads it once, releases the pulse again and deletes it.
 */
export const cohortHistograms = sqliteTable(
  'cohort_histograms',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull(),
    questionId: text('question_id').notNull(),
    n: integer('n').notNull(),
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.keyId, t.questionId] })],
)

/**
 * The released view of a closed pulse for one cut ('' = everyone, else an attribute): the report
 * groups exactly as the disclosure gate let them out, noise included. Computed once at close;
 * every report, trend, CSV and member result reads these rows and nothing finer.
 */
export const releasedViews = sqliteTable(
  'released_views',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    cut: text('cut').notNull(),
    groups: text('groups', { mode: 'json' }).$type<unknown[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.cut] })],
)

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { communities } from './organizers'
import { surveys } from './surveys'

/**
 * What organizers do about what a survey's reports showed ("you said, we did"). Organizer
 * writes only, never anything of a member. Dates are UTC days (`YYYY-MM-DD`), no times:
 * `started_on` and `ended_on` follow the status (api/actions/status.ts) and mark trend charts.
 */
export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** The survey whose results it answers. */
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** The question or dimension it answers, either, both or neither. */
    questionId: text('question_id'),
    dimension: text('dimension'),
    /** A released group's label, `{ attribute: value }`, when it answers one group. */
    groupLabel: text('group_label', { mode: 'json' }).$type<Record<string, string>>(),
    title: text('title').notNull(),
    /** What will change. */
    plan: text('plan').notNull().default(''),
    status: text('status', { enum: ['planned', 'in progress', 'done', 'dropped'] }).notNull(),
    targetDate: text('target_date'),
    startedOn: text('started_on'),
    endedOn: text('ended_on'),
    /** A draft is not shown to members and carries no follow-up question. */
    draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
    createdOn: text('created_on').notNull(),
  },
  (t) => [
    index('actions_community').on(t.communityId, t.createdOn),
    index('actions_survey').on(t.surveyId),
  ],
)

/** Short dated notes on how an action is going, in the order they were added (`seq`). */
export const actionUpdates = sqliteTable(
  'action_updates',
  {
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    seq: integer('seq').notNull(),
    date: text('date').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.id] }),
    index('action_updates_seq').on(t.actionId, t.seq),
  ],
)

import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { FollowUp } from '../api/actions/follow-ups'
import type { Question } from '../api/surveys/questions'
import { communities } from './organizers'

export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    questions: text('questions', { mode: 'json' }).$type<Question[]>().notNull(),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('surveys_community').on(t.communityId)],
)

/**
 * One run of a survey. Thresholds, privacy mode, ε and the attribute order are copied from the
 * community when the pulse opens and never change afterwards.
 */
export const pulses = sqliteTable(
  'pulses',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['scheduled', 'open', 'closed', 'skipped'] }).notNull(),
    opensAt: integer('opens_at').notNull(),
    closesAt: integer('closes_at').notNull(),
    eligible: integer('eligible').notNull().default(0),
    /** Eligible members who held a working member key when its cohorts were formed; null before it was recorded. */
    joined: integer('joined'),
    /**
     * The overall group's released respondent count (noisy in noise mode), written when its view is
     * stored; null while open and when the overall group is suppressed.
     */
    responded: integer('responded'),
    /** Whether comments are released: decided once at close on the exact total (≥ k_text). */
    commentsReleased: integer('comments_released', { mode: 'boolean' }).notNull().default(false),
    /** The gate its released view was made by: 2 = cells (DESIGN.md 5); null for older views, released again at start. */
    gateVersion: integer('gate_version'),
    minGroupSize: integer('min_group_size').notNull(),
    minCommentGroupSize: integer('min_comment_group_size').notNull(),
    privacyMode: text('privacy_mode', { enum: ['threshold', 'noise'] }).notNull(),
    epsilon: real('epsilon').notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<string[]>().notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    /** Set once the closed pulse's released views are stored and its raw answers deleted. */
    released: integer('released', { mode: 'boolean' }).notNull().default(false),
    reason: text('reason'),
    /**
     * The pulse's fingerprint (api/privacy/fingerprint.ts), computed once its keys exist, from
     * exactly what members fetch; null before.
     */
    fingerprint: text('fingerprint'),
    /**
     * Follow-up questions about the survey's actions (api/actions/follow-ups.ts), frozen when the
     * pulse opens and asked after the survey's questions; null or empty when it carries none.
     */
    followUps: text('follow_ups', { mode: 'json' }).$type<FollowUp[]>(),
    /** Set by the schedule that made this pulse, so a tick never makes it twice. */
    scheduleSlot: text('schedule_slot').unique(),
  },
  (t) => [
    index('pulses_survey').on(t.surveyId, t.opensAt),
    index('pulses_due').on(t.status, t.opensAt),
    index('pulses_closing').on(t.status, t.closesAt),
  ],
)

export const schedules = sqliteTable('schedules', {
  surveyId: text('survey_id')
    .primaryKey()
    .references(() => surveys.id, { onDelete: 'cascade' }),
  cadence: text('cadence', { enum: ['weekly', 'biweekly', 'monthly'] }).notNull(),
  startsAt: integer('starts_at').notNull(),
  durationDays: integer('duration_days').notNull(),
  nextOpensAt: integer('next_opens_at').notNull(),
})

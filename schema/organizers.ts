import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** People who run communities: owners, organizers and viewers. */
export const organizers = sqliteTable('organizers', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  passwordHash: text('password_hash').notNull(),
})

/** Login sessions, keyed by a hash of the cookie value so a database reader cannot log in. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    organizerId: text('organizer_id')
      .notNull()
      .references(() => organizers.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_organizer').on(t.organizerId)],
)

/**
 * Password reset links, keyed by a hash of the link's token so a database reader cannot use one.
 * Single use (the row goes when it is used) and short-lived.
 */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    organizerId: text('organizer_id')
      .notNull()
      .references(() => organizers.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('password_resets_organizer').on(t.organizerId)],
)

/** Invitations to join a community's team, looked up by a hash of the link's token. */
export const teamInvites = sqliteTable('team_invites', {
  tokenHash: text('token_hash').primaryKey(),
  communityId: text('community_id')
    .notNull()
    .references(() => communities.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  role: text('role', { enum: ['owner', 'organizer', 'viewer'] }).notNull(),
  expiresAt: integer('expires_at').notNull(),
})

export const communities = sqliteTable('communities', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Priority order of the attributes used to form cohorts (JSON array of names). */
  attributes: text('attributes', { mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  minGroupSize: integer('min_group_size').notNull().default(5),
  minCommentGroupSize: integer('min_comment_group_size').notNull().default(10),
  privacyMode: text('privacy_mode', { enum: ['threshold', 'noise'] })
    .notNull()
    .default('threshold'),
  epsilon: real('epsilon').notNull().default(1),
})

/** Who may do what in a community. */
export const communityRoles = sqliteTable(
  'community_roles',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    organizerId: text('organizer_id')
      .notNull()
      .references(() => organizers.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'organizer', 'viewer'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.organizerId] }),
    index('community_roles_organizer').on(t.organizerId),
  ],
)

import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { communities } from './organizers'

/**
 * Members of a community. A member's credential is a key their browser drew itself; only its
 * hash is stored, as is the hash of their single-use invite key.
 */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    attributes: text('attributes', { mode: 'json' })
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'`),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    inviteHash: text('invite_hash'),
    keyHash: text('key_hash'),
    /**
     * The hash of the member key an organizer's re-invite (or, later, a move to another device)
     * revoked, so that device is told its access was reset rather than that it is unknown.
     */
    revokedKeyHash: text('revoked_key_hash'),
    revokedBy: text('revoked_by', { enum: ['reinvite', 'move'] }),
    /** Set by the member's unsubscribe link: no more email to this member. */
    unsubscribed: integer('unsubscribed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('members_community_email').on(t.communityId, t.email),
    uniqueIndex('members_invite_hash').on(t.inviteHash),
    uniqueIndex('members_key_hash').on(t.keyHash),
    // Looked up only for a key that matches no member, which anyone can send: never a scan.
    index('members_revoked_key_hash')
      .on(t.revokedKeyHash)
      .where(sql`${t.revokedKeyHash} is not null`),
    index('members_community_id').on(t.communityId, t.id),
  ],
)

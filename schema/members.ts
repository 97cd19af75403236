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
    /** The name an import gave, shown to organizers only; it is also redacted from comments. */
    name: text('name'),
    attributes: text('attributes', { mode: 'json' })
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'`),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    inviteHash: text('invite_hash'),
    keyHash: text('key_hash'),
    /**
     * The hash of the member key an organizer's re-invite (or a move to another device)
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

/**
 * A member's move to another device, while it may be completed: the hash of the single-use move
 * key their device asked for, the hash of the member key that asked (the move works only while
 * the member still holds it), and when it expires. One per member; a re-invite deletes it. Once
 * used it holds the hash of the key it was exchanged for, so the same pair is accepted again
 * (a lost reply) until it expires.
 */
export const memberMoves = sqliteTable(
  'member_moves',
  {
    memberId: text('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    fromKeyHash: text('from_key_hash').notNull(),
    /** Milliseconds since the epoch. */
    expiresAt: integer('expires_at').notNull(),
    usedBy: text('used_by'),
  },
  (t) => [uniqueIndex('member_moves_key_hash').on(t.keyHash)],
)

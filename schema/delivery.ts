import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { members } from './members'
import { communities } from './organizers'
import { pulses } from './surveys'

/**
 * The outbox: every message to members (email) or to a community's chat (Slack, Teams), kept
 * until the community is deleted, so nothing is lost while a server or provider is down. Times
 * here are about messages to members, never about answering. An invite's link is not stored in
 * its message: it is rendered at send time from the sealed invite below.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'slack', 'teams'] }).notNull(),
    kind: text('kind', { enum: ['invite', 'pulse-open', 'reminder', 'results'] }).notNull(),
    /** Email messages: the member written to (null once the member is deleted). */
    memberId: text('member_id').references(() => members.id, { onDelete: 'set null' }),
    pulseId: text('pulse_id').references(() => pulses.id, { onDelete: 'cascade' }),
    /** An email address, or the masked webhook address of a chat. */
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    /** Plain text; an invite's holds `{{inviteUrl}}` where its link goes. */
    text: text('text').notNull(),
    /** Where the message links (the member page, or an invite's /join without its key). */
    link: text('link'),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'copied', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt may run (queued and failed messages). */
    nextAttemptAt: integer('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    /** Makes queueing idempotent: one pulse-open, reminder or results message per recipient. */
    dedupeKey: text('dedupe_key').unique(),
  },
  (t) => [
    index('outbox_community').on(t.communityId, t.createdAt),
    index('outbox_due').on(t.status, t.nextAttemptAt),
  ],
)

/**
 * An unused invite key, sealed under the server secret, kept only so it can be delivered: it is
 * deleted once the invite is sent, copied or used, and replaced by a re-invite.
 */
export const sealedInvites = sqliteTable('sealed_invites', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  sealed: text('sealed').notNull(),
})

/** A community's incoming chat webhooks; the address is sealed and shown only masked. */
export const chatWebhooks = sqliteTable(
  'chat_webhooks',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['slack', 'teams'] }).notNull(),
    sealedUrl: text('sealed_url').notNull(),
    masked: text('masked').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.kind] })],
)

/**
 * How a community reaches its members: the reminder's audience and lead time. A reminder goes to
 * every member of the pulse or to no one (DESIGN.md 9): never chosen by who fetched a token.
 */
export const deliverySettings = sqliteTable('delivery_settings', {
  communityId: text('community_id')
    .primaryKey()
    .references(() => communities.id, { onDelete: 'cascade' }),
  reminderAudience: text('reminder_audience', { enum: ['everyone', 'none'] })
    .notNull()
    .default('everyone'),
  reminderLeadHours: integer('reminder_lead_hours').notNull().default(24),
})

/** Which notices a pulse has had queued (`opened`, `reminded`, `shared`): each exactly once. */
export const pulseNotices = sqliteTable(
  'pulse_notices',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    notice: text('notice', { enum: ['opened', 'reminded', 'shared'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.notice] })],
)

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { members } from './members'
import { pulses } from './surveys'

/**
 * The pulse's eligible members, snapshotted when it opens, each with their cohort's key.
 * This links members to cohorts (which members are shown anyway), never to answers.
 */
export const pulseMembers = sqliteTable(
  'pulse_members',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull(),
    /**
     * The member's attributes when the pulse opened, so their device can check it was given the
     * key of the cohort the rule puts them in, even after an import changed them. Null for
     * pulses opened before it was recorded.
     */
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.memberId] })],
)

/**
 * One signing key per cohort of a pulse. The private key is encrypted under the server secret
 * and deleted when the pulse closes; `publicKey` is null while the key is still being made.
 */
export const pulseKeys = sqliteTable(
  'pulse_keys',
  {
    id: text('id').primaryKey(),
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    cohort: text('cohort', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    eligible: integer('eligible').notNull(),
    /** Of `eligible`, those who held a working member key when the cohort was formed; null before it was recorded. */
    joined: integer('joined'),
    publicKey: text('public_key'),
    privateKey: text('private_key'),
    /** Written by closes before gate version 2; read once by the re-release at start, then cleared. */
    respondents: integer('respondents'),
  },
  (t) => [index('pulse_keys_pulse').on(t.pulseId)],
)

// The four tables below are WITHOUT ROWID (migrations 0001 and 0003): storage order says nothing about
// when a row was written. None holds a time, an address or a member reference.

/** That a member was issued a token for a pulse: an HMAC of both, and a hash of what was signed. */
export const tokenIssuances = sqliteTable(
  'token_issuances',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    memberMac: text('member_mac').notNull(),
    blindedHash: text('blinded_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.memberMac] })],
)

/** Tokens already used, by a hash distinct from the receipt the member holds. */
export const spentTokens = sqliteTable(
  'spent_tokens',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.tokenHash] })],
)

/**
 * A response: random id, its pulse, the cohort key whose signature it carried, and its non-text
 * answers as one JSON object of question id → the answer's value as JSON text.
 */
export const responses = sqliteTable(
  'responses',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    keyId: text('key_id').notNull(),
    answers: text('answers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.id] })],
)

/** Free-text answers, apart from any response: a random id orders them, nothing links them. */
export const comments = sqliteTable(
  'comments',
  {
    pulseId: text('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    questionId: text('question_id').notNull(),
    /** '' once an organizer hid the comment (`hidden_reason`): its text is deleted. */
    text: text('text').notNull(),
    /**
     * SHA-256 of a secret only the author's device holds (api/threads/): whoever shows the secret
     * may add follow-ups to this comment's thread. Null when none came with the comment.
     */
    replyHash: text('reply_hash'),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [primaryKey({ columns: [t.pulseId, t.id] }), index('comments_reply_hash').on(t.replyHash)],
)

import { and, eq, gt, lte, sql } from 'drizzle-orm'
import { organizers, passwordResets, sessions } from '../../schema'
import type { Db } from '../db'
import type { Organizer } from '../deps'
import { randomToken, sha256 } from '../privacy/ids'

/** How long an emailed reset link works. */
export const RESET_TTL_MS = 30 * 60 * 1000

export interface IssuedReset {
  /** The link's token; only its hash is stored. */
  token: string
  email: string
  expiresAt: number
}

/**
 * Makes a single-use reset token for the account with this email, or nothing when there is none.
 * Both cases run the same two statements (the lookup is inside the insert), so neither the work
 * done nor its time says whether the account exists. Expired tokens of every account go first.
 */
export async function issuePasswordReset(
  db: Db,
  now: number,
  email: string,
  ttlMs = RESET_TTL_MS,
): Promise<IssuedReset | undefined> {
  const token = randomToken(32)
  const expiresAt = now + ttlMs
  await db.delete(passwordResets).where(lte(passwordResets.expiresAt, now))
  const made = await db.all<{ organizer_id: string }>(sql`
    insert into ${passwordResets} (token_hash, organizer_id, expires_at)
    select ${sha256(token)}, id, ${expiresAt} from ${organizers} where email = ${email}
    returning organizer_id`)
  return made.length > 0 ? { token, email, expiresAt } : undefined
}

/**
 * Uses up a reset token: the organizer it was made for, when it is known and unexpired, else
 * undefined. Deleting and reading are one statement, so of two requests with one token only the
 * first gets the organizer.
 */
export async function spendPasswordReset(
  db: Db,
  now: number,
  token: string,
): Promise<string | undefined> {
  const [row] = await db
    .delete(passwordResets)
    .where(and(eq(passwordResets.tokenHash, sha256(token)), gt(passwordResets.expiresAt, now)))
    .returning({ organizerId: passwordResets.organizerId })
  return row?.organizerId
}

/**
 * Sets an organizer's password hash and ends every session they have and every other reset link
 * made for them, in one batch: whoever held the old password or a cookie is signed out.
 */
export async function replacePassword(
  db: Db,
  organizerId: string,
  passwordHash: string,
): Promise<Organizer> {
  const [[organizer]] = await db.batch([
    db
      .update(organizers)
      .set({ passwordHash })
      .where(eq(organizers.id, organizerId))
      .returning({ id: organizers.id, email: organizers.email, name: organizers.name }),
    db.delete(sessions).where(eq(sessions.organizerId, organizerId)),
    db.delete(passwordResets).where(eq(passwordResets.organizerId, organizerId)),
  ])
  return organizer
}

import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm'
import { communities, memberMoves, members } from '../../schema'
import { isUniqueViolation, type Db } from '../db'
import { Problem } from '../http/problem'
import { randomToken, sha256 } from '../privacy/ids'

// Moving a membership to another device (DESIGN.md, "Members hold their own credential"). The
// device holding the member key asks for a single-use move key and hands it over in a link's
// fragment; the other device exchanges it for a key it drew itself. That replaces the member's
// key (the first device is then told its membership moved) and uses up the move key. Like an
// invite, the move key is stored only as a hash, so neither the database nor its backups can
// complete a move.

/** How long a move key works: enough to reach the other device, short for a forgotten link. */
export const moveKeyLifetime = 60 * 60 * 1000

/**
 * A new move key for the member, returned once and stored only as its hash. It replaces any
 * move key the member asked for before, works once until `expiresAt`, and only while the member
 * still holds the key they hold now (a re-invite, a removal or another move ends it).
 */
export async function startMove(
  db: Db,
  now: number,
  memberId: string,
): Promise<{ moveKey: string; expiresAt: string }> {
  const moveKey = randomToken(32)
  const move = {
    keyHash: sha256(moveKey),
    fromKeyHash: sql`(select key_hash from members where id = ${memberId})`,
    expiresAt: now + moveKeyLifetime,
    usedBy: null,
  }
  await db.batch([
    // Expired moves are of no use to anyone: they go whenever a move starts.
    db.delete(memberMoves).where(lte(memberMoves.expiresAt, now)),
    db
      .insert(memberMoves)
      .values({ memberId, ...move })
      .onConflictDoUpdate({ target: memberMoves.memberId, set: move }),
  ])
  return { moveKey, expiresAt: new Date(move.expiresAt).toISOString() }
}

/**
 * Exchanges a move key for `memberKey` (drawn by the device the member moves to): the member's
 * key becomes `memberKey`, the replaced key is recorded as revoked by a move (so the device
 * that held it is told "moved"), and the move key is used up. Sending the same pair again
 * succeeds until the move key expires, so a lost reply can be retried. Answers the member's
 * community; 401 for an unknown, used, expired or cancelled move key, 409 when `memberKey` is
 * already another member's key. Nothing is written unless the whole exchange succeeds.
 */
export async function completeMove(
  db: Db,
  now: number,
  moveKey: string,
  memberKey: string,
): Promise<{ id: string; name: string }> {
  const [moveHash, keyHash] = [sha256(moveKey), sha256(memberKey)]
  const usable = and(
    eq(memberMoves.keyHash, moveHash),
    isNull(memberMoves.usedBy),
    gt(memberMoves.expiresAt, now),
  )
  let found: { id: string; name: string }[]
  try {
    ;[, , found] = await db.batch([
      // SQLite reads key_hash before this statement sets it: the replaced key is what is revoked.
      db
        .update(members)
        .set({ keyHash, revokedKeyHash: sql`key_hash`, revokedBy: 'move' })
        .where(
          and(
            eq(members.removed, false),
            sql`exists (select 1 from member_moves where member_moves.member_id = members.id
              and member_moves.from_key_hash = members.key_hash and member_moves.key_hash = ${moveHash}
              and member_moves.used_by is null and member_moves.expires_at > ${now})`,
          ),
        ),
      db
        .update(memberMoves)
        .set({ usedBy: keyHash })
        .where(
          and(
            usable,
            sql`exists (select 1 from members where members.id = member_moves.member_id
              and members.key_hash = ${keyHash})`,
          ),
        ),
      db
        .select({ id: communities.id, name: communities.name })
        .from(memberMoves)
        .innerJoin(members, eq(members.id, memberMoves.memberId))
        .innerJoin(communities, eq(communities.id, members.communityId))
        .where(
          and(
            eq(memberMoves.keyHash, moveHash),
            eq(memberMoves.usedBy, keyHash),
            gt(memberMoves.expiresAt, now),
            eq(members.keyHash, keyHash),
            eq(members.removed, false),
          ),
        ),
    ])
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Problem(409, 'This member key is already in use. Draw a new one and try again.')
    throw error
  }
  if (!found[0]) {
    throw new Problem(
      401,
      'This move link was already used, has expired, or was cancelled by a new invitation. Make a new one on the device you are moving from.',
    )
  }
  return found[0]
}

/** The statement that cancels the member's move, if any (a re-invite or removal runs it). */
export const cancelMove = (db: Db, memberId: string) =>
  db.delete(memberMoves).where(eq(memberMoves.memberId, memberId))

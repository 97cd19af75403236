import { and, eq, sql } from 'drizzle-orm'
import type { Context, MiddlewareHandler } from 'hono'
import { members } from '../../schema'
import { sha256 } from '../privacy/ids'
import { perDatabase } from '../db'
import type { AppEnv, AuthedMember } from '../deps'
import { Problem } from '../http/problem'

const memberByKeyHash = perDatabase((db) =>
  db
    .select({
      id: members.id,
      communityId: members.communityId,
      email: members.email,
      attributes: members.attributes,
    })
    .from(members)
    .where(and(eq(members.keyHash, sql.placeholder('keyHash')), eq(members.removed, false)))
    .prepare(),
)

/** Why a revoked key stopped working; asked only for a key no member holds. */
const revokedKey = perDatabase((db) =>
  db
    .select({ revokedBy: members.revokedBy })
    .from(members)
    .where(and(eq(members.revokedKeyHash, sql.placeholder('keyHash')), eq(members.removed, false)))
    .limit(1)
    .prepare(),
)

/** The hash of the key in the `Authorization: Bearer` header, if it has a member key's form. */
function bearerKeyHash(c: Context<AppEnv>): string | undefined {
  // The scheme is case-insensitive (RFC 9110 §11.1); the key is exactly as the browser drew it.
  const match = /^bearer +([A-Za-z0-9_-]{20,100})$/i.exec(c.req.header('authorization') ?? '')
  return match ? sha256(match[1]) : undefined
}

/** The member whose key is in the `Authorization: Bearer` header, if any and not removed. */
export async function bearerMember(c: Context<AppEnv>): Promise<AuthedMember | undefined> {
  const keyHash = bearerKeyHash(c)
  if (!keyHash) return undefined
  const [row] = await memberByKeyHash(c.var.deps.db).execute({ keyHash })
  return row
}

const signedOut =
  'This device is not signed in as a member. Open your invite link again or ask your organizer for a new one.'

/** What a member's device is told when its key was revoked, by why (API.md's 401 plus `reason`). */
const resets = {
  reinvite: {
    reason: 'access-reset',
    detail:
      'An organizer sent you a new invite link, which reset your access on this device. Open the new link to go on.',
  },
  move: {
    reason: 'moved',
    detail:
      'Your membership was moved to another device with a move link, which ended access on this one. Go on there. Answers for pulses this device still holds a token for can still be sent from here.',
  },
} as const

/**
 * The 401 for a bearer key that opens no member. A key an organizer's re-invite (or a move)
 * revoked gets `reason` ("access-reset", "moved") and a detail saying what happened; any other
 * key, or none, the plain 401. Costs a query only when a key was sent and matched no member.
 */
export async function memberRefusal(c: Context<AppEnv>): Promise<Problem> {
  const keyHash = bearerKeyHash(c)
  const [revoked] = keyHash ? await revokedKey(c.var.deps.db).execute({ keyHash }) : []
  const reset = revoked?.revokedBy ? resets[revoked.revokedBy] : undefined
  return reset
    ? new Problem(401, reset.detail, { reason: reset.reason })
    : new Problem(401, signedOut)
}

/** Requires a member key: sets `member`, else 401 (with `reason` when the key was revoked). */
export const requireMember: MiddlewareHandler<AppEnv> = async function requireMember(c, next) {
  const member = await bearerMember(c)
  if (!member) throw await memberRefusal(c)
  c.set('member', member)
  await next()
}

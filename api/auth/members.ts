import { and, eq, sql } from 'drizzle-orm'
import type { Context, MiddlewareHandler } from 'hono'
import { members } from '../../schema'
import { sha256 } from '../crypto'
import { perDatabase } from '../db'
import type { AppEnv, AuthedMember } from '../deps'
import { Problem } from '../http/problem'

const memberByKeyHash = perDatabase((db) =>
  db
    .select({ id: members.id, communityId: members.communityId, email: members.email, attributes: members.attributes })
    .from(members)
    .where(and(eq(members.keyHash, sql.placeholder('keyHash')), eq(members.removed, false)))
    .prepare(),
)

/** The member whose key is in the `Authorization: Bearer` header, if any and not removed. */
export async function bearerMember(c: Context<AppEnv>): Promise<AuthedMember | undefined> {
  // The scheme is case-insensitive (RFC 9110 §11.1); the key is exactly as the browser drew it.
  const match = /^bearer +([A-Za-z0-9_-]{20,100})$/i.exec(c.req.header('authorization') ?? '')
  if (!match) return undefined
  const [row] = await memberByKeyHash(c.var.deps.db).execute({ keyHash: sha256(match[1]) })
  return row
}

/** Requires a member key: sets `member`, else 401. */
export const requireMember: MiddlewareHandler<AppEnv> = async function requireMember(c, next) {
  const member = await bearerMember(c)
  if (!member) throw new Problem(401, 'This device is not signed in as a member. Open your invite link again or ask your organizer for a new one.')
  c.set('member', member)
  await next()
}

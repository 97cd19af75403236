import { eq } from 'drizzle-orm'
import { communities, members } from '../../schema'
import type { Db } from '../db'
import type { AppDeps } from '../deps'
import { mac } from '../privacy/sealed'
import { serverKeys } from '../privacy/server-keys'

/**
 * A member's unsubscribe token: their id and an HMAC of it under the server secret, so the link
 * works without credentials and cannot be made for another member. It says nothing else.
 */
export async function unsubscribeToken(
  deps: Pick<AppDeps, 'secret'>,
  memberId: string,
): Promise<string> {
  return `${memberId}.${await mac((await serverKeys(deps)).macKey, 'unsubscribe', memberId)}`
}

/** The member id a token was made for, or null for anything else. */
export async function unsubscribeMember(
  deps: Pick<AppDeps, 'secret'>,
  token: string,
): Promise<string | null> {
  const dot = token.indexOf('.')
  if (dot < 1 || token.length > 200) return null
  const memberId = token.slice(0, dot)
  const expected = await unsubscribeToken(deps, memberId)
  // Compared as whole strings of equal length; the MAC is what makes a guess fail.
  return expected.length === token.length && timingSafeEqualText(expected, token) ? memberId : null
}

function timingSafeEqualText(a: string, b: string): boolean {
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** The absolute unsubscribe link of a member, on the same site as `base`. */
export async function unsubscribeUrl(
  deps: Pick<AppDeps, 'secret'>,
  base: string,
  memberId: string,
): Promise<string> {
  return `${new URL(base).origin}/api/unsubscribe/${await unsubscribeToken(deps, memberId)}`
}

/** The name of the community a member belongs to, for the unsubscribe pages; none once deleted. */
export async function communityNameOf(db: Db, memberId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: communities.name })
    .from(members)
    .innerJoin(communities, eq(communities.id, members.communityId))
    .where(eq(members.id, memberId))
  return row?.name
}

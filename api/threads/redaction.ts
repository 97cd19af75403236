import { eq, inArray } from 'drizzle-orm'
import { communityRoles, members, organizers } from '../../schema'
import type { Db } from '../db'
import { knownNames, redactor } from '../reports/redact'

/**
 * A redactor for text shown in a community (comments, replies, follow-ups): every email address,
 * and the names and email name-parts of the community's members and team, replaced
 * (api/reports/redact.ts). Read once per call; make one per batch of texts.
 */
export async function communityRedactor(
  db: Db,
  communityId: string,
): Promise<(text: string) => string> {
  const known = await db
    .select({ email: members.email, name: members.name })
    .from(members)
    .where(eq(members.communityId, communityId))
  const team = await db
    .select({ email: organizers.email, name: organizers.name })
    .from(organizers)
    .where(
      inArray(
        organizers.id,
        db
          .select({ id: communityRoles.organizerId })
          .from(communityRoles)
          .where(eq(communityRoles.communityId, communityId)),
      ),
    )
  const everyone = [...known, ...team]
  return redactor(
    knownNames(
      everyone.map((m) => m.email),
      everyone.flatMap((m) => (m.name ? [m.name] : [])),
    ),
  )
}

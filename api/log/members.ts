// Changes among a community's members, as its transparency log counts them: per UTC day and per
// cohort label of the community's previous pulse, a member counting under the deepest label of
// that pulse's key list they match (api/privacy/key-list.ts `cohortOf`); `{}` before any pulse.
// Counts only: the log never holds who changed, nor anyone's attribute values.
import canonicalize from 'canonicalize'
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import { communityLog, communityLogPending } from '../../schema'
import { chunks, type Db } from '../db'
import type { AppDeps } from '../deps'
import { cohortOf } from '../privacy/key-list'
import type { PulseOpened } from '../privacy/log-chain'
import { utcDay, type Statement } from './store'

export type MemberChange = 'added' | 'joined' | 'reinvited' | 'removed'

/** A member whose change is counted: its id (to guard the count) and its attributes (its label). */
export interface CountedMember {
  id: string
  attributes: Record<string, string>
}

/** The cohort labels of the community's last pulse the log recorded opening; none before. */
export async function previousLabels(db: Db, communityId: string) {
  const [row] = await db
    .select({ data: communityLog.data })
    .from(communityLog)
    .where(and(eq(communityLog.communityId, communityId), eq(communityLog.kind, 'pulse-opened')))
    .orderBy(desc(communityLog.seq))
    .limit(1)
  return row ? (row.data as PulseOpened).cohorts.map((c) => c.cohort) : []
}

/** The label a member with `attributes` counts under: the deepest of `labels` they match, else `{}`. */
export const labelOf = (labels: Record<string, string>[], attributes: Record<string, string>) =>
  cohortOf(labels, attributes) ?? {}

// The column of each kind of change: a fixed name, never input.
const columns = {
  added: sql.raw('added'),
  joined: sql.raw('joined'),
  reinvited: sql.raw('reinvited'),
  removed: sql.raw('removed'),
}

/**
 * The statements adding a `kind` change of each of `members` to today's pending counts of the
 * community, each member counted only where `guard(its id)` holds when the statement runs in its
 * batch: put them before the change they count, guarded by the state the change starts from, so
 * a change that does not happen counts nothing. Empty when there is nothing to count.
 *
 * The labels are read now: a pulse opening between this read and the batch leaves these counts
 * under the labels of the pulse before it (sealed after its entry), never lost or counted twice.
 */
export async function countChanges(
  deps: AppDeps,
  communityId: string,
  kind: MemberChange,
  members: CountedMember[],
  guard?: (memberId: SQL) => SQL,
): Promise<Statement[]> {
  if (members.length === 0) return []
  const labels = await previousLabels(deps.db, communityId)
  const column = columns[kind]
  const day = utcDay(deps.now())
  const where = guard ? guard(sql`json_extract(value, '$[0]')`) : sql`1`
  // One JSON parameter per statement (D1 binds at most 100); `where` before `on conflict`:
  // SQLite's upsert after a select needs one.
  return chunks(members, 1000).map((part) => {
    const input = JSON.stringify(
      part.map((m) => [m.id, canonicalize(labelOf(labels, m.attributes))]),
    )
    return deps.db.run(sql`insert into ${communityLogPending} (community_id, day, cohort, ${column})
      select ${communityId}, ${day}, json_extract(value, '$[1]'), count(*)
      from json_each(${input}) where ${where} group by json_extract(value, '$[1]')
      on conflict (community_id, day, cohort) do update set ${column} = ${column} + excluded.${column}`)
  })
}

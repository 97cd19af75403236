// The pulses that carried follow-up questions, with what their released views say of them. Only
// stored released views are read (the same rows every report reads): an action's results are
// exactly the numbers the pulse's report shows for its follow-up question, nothing finer.
import { and, asc, eq, sql } from 'drizzle-orm'
import { pulses, releasedViews } from '../../schema'
import type { Db } from '../db'
import { inJson } from '../db'
import type { ReportGroup } from '../reports/released-view'
import type { CarryingPulse } from './view'

/** Who reads: organizers and viewers see every pulse, members only closed, shared ones. */
export type Reader = 'team' | 'member'

/** The community's pulses that carried follow-up questions, in the order they opened. */
export async function carryingPulses(
  db: Db,
  communityId: string,
  reader: Reader,
): Promise<CarryingPulse[]> {
  const rows = await db
    .select()
    .from(pulses)
    .where(
      and(
        eq(pulses.communityId, communityId),
        sql`json_array_length(coalesce(${pulses.followUps}, '[]')) > 0`,
        reader === 'member' ? and(eq(pulses.status, 'closed'), eq(pulses.shared, true)) : undefined,
      ),
    )
    .orderBy(asc(pulses.opensAt), asc(pulses.id))
  const released = rows.filter((p) => p.status === 'closed' && p.released).map((p) => p.id)
  const views = released.length
    ? await db
        .select({ pulseId: releasedViews.pulseId, groups: releasedViews.groups })
        .from(releasedViews)
        .where(and(inJson(releasedViews.pulseId, released), eq(releasedViews.cut, '')))
    : []
  const overall = new Map(views.map((v) => [v.pulseId, (v.groups as ReportGroup[])[0]]))
  return rows.map((p) => ({
    id: p.id,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
    status: p.status,
    shared: p.shared,
    actionIds: (p.followUps ?? []).map((f) => f.actionId),
    overall: overall.get(p.id),
  }))
}

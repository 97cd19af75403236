// Two open or scheduled pulses of one survey never overlap (API.md's 409): checked before a
// pulse is written, and refused by the database itself (migration 0007) whatever path writes it.
import { sql } from 'drizzle-orm'
import { pulses } from '../../schema'
import type { PulseRow } from '../db/rows'
import type { AppDeps } from '../deps'

export const OVERLAP_REASON = 'Another open or scheduled pulse of this survey covers this time.'

/** Another open or scheduled pulse of the survey overlaps the window (409 on request, `skipped` when scheduled). */
export class OverlapError extends Error {
  override name = 'OverlapError'
  constructor() {
    super(OVERLAP_REASON)
  }
}

/** True where another open or scheduled pulse of the survey overlaps [opensAt, closesAt). */
export function overlapsAnother(pulse: Pick<PulseRow, 'id' | 'surveyId' | 'opensAt' | 'closesAt'>) {
  return sql`exists (select 1 from ${pulses} p where p.survey_id = ${pulse.surveyId} and p.id <> ${pulse.id}
    and p.status in ('open', 'scheduled') and p.opens_at < ${pulse.closesAt} and ${pulse.opensAt} < p.closes_at)`
}

/** The database's own refusal of an overlap (migration 0007), from libSQL or D1. */
export function isOverlapRefusal(error: unknown): boolean {
  const messages = [error, (error as { cause?: unknown })?.cause].map((e) =>
    String((e as Error)?.message ?? ''),
  )
  return messages.some((m) => m.includes('pulse overlap'))
}

/** Throws OverlapError when another open or scheduled pulse of the survey overlaps this one's window. */
export async function assertNoOverlap(
  deps: AppDeps,
  pulse: Pick<PulseRow, 'id' | 'surveyId' | 'opensAt' | 'closesAt'>,
) {
  const [row] = await deps.db.all<{ overlaps: number }>(
    sql`select ${overlapsAnother(pulse)} as overlaps`,
  )
  if (Number(row.overlaps)) throw new OverlapError()
}

// A pulse as the API shows it (API.md `pulse`), and the preview of one about to open: every count
// of an open pulse is rounded down to a multiple of k; a closed pulse's comes from its released view.
import { count, eq } from 'drizzle-orm'
import { responses } from '../../schema'
import type { Db } from '../db'
import type { PulseRow } from '../db/rows'
import { iso } from '../http/fields'
import type { cohortsNow } from './lifecycle'

/**
 * The pulse as API.md fixes it. While open, `responded` is rounded down to a multiple of k so
 * that watching it does not date individual responses; once closed it is the overall group's
 * released count (noisy in noise mode), or null when that group is suppressed.
 */
export function pulseView(row: PulseRow, liveCount?: number) {
  const k = row.minGroupSize
  const responded = row.status === 'closed' ? row.responded : Math.floor((liveCount ?? 0) / k) * k
  return {
    id: row.id,
    surveyId: row.surveyId,
    status: row.status,
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    eligible: row.eligible,
    joined: row.joined,
    responded,
    minGroupSize: row.minGroupSize,
    minCommentGroupSize: row.minCommentGroupSize,
    privacyMode: row.privacyMode,
    epsilon: row.epsilon,
    shared: row.shared,
    /** api/privacy/fingerprint.ts over what members fetch; null until its keys exist. */
    fingerprint: row.fingerprint,
    ...(row.reason ? { reason: row.reason } : {}),
    // The follow-up questions it carries (issue 19), asked after its survey's questions.
    ...(row.followUps?.length ? { followUps: row.followUps } : {}),
  }
}
export type Pulse = ReturnType<typeof pulseView>

/**
 * The preview of a pulse opened now: its eligible and joined members, its cohorts (each with its
 * own counts, in `formCohorts` order) and `cutBy`, the attributes (in priority order) that at
 * least one cohort keeps: the only ones its reports could be cut by. Empty for a lone root.
 */
export function pulsePreview(
  attributes: string[],
  { eligible, cohorts }: Awaited<ReturnType<typeof cohortsNow>>,
) {
  const kept = new Set(cohorts.flatMap((c) => Object.keys(c.cohort)))
  return {
    eligible: eligible.length,
    joined: eligible.filter((m) => m.joined).length,
    attributes,
    cohorts: cohorts.map((c) => ({
      cohort: c.cohort,
      eligible: c.memberIds.length,
      joined: c.joined,
    })),
    cutBy: attributes.filter((a) => kept.has(a)),
  }
}
export type PulsePreview = ReturnType<typeof pulsePreview>

/** Responses stored so far for an open pulse (shown only rounded); closed pulses keep their count. */
export async function liveCount(db: Db, pulse: PulseRow): Promise<number | undefined> {
  if (pulse.status !== 'open') return undefined
  const [row] = await db
    .select({ n: count() })
    .from(responses)
    .where(eq(responses.pulseId, pulse.id))
  return row.n
}

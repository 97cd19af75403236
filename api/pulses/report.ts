import { and, desc, eq, lt } from 'drizzle-orm'
import { pulseKeys, pulses, releasedViews } from '../../schema'
import type { PulseRow } from '../db/rows'
import type { Db } from '../db'
import { pulseView } from './view'
import type { ReportGroup } from '../reports/released-view'
import { questionChange, type QuestionChange, type QuestionStats } from '../reports/statistics'

/** A released question as a report shows it: with its change since the previous pulse, if any. */
export type ReportStats = QuestionStats & { change?: QuestionChange }

/** The stored released groups of a closed pulse for a cut ('' = everyone), if it has that cut. */
export async function releasedGroups(
  db: Db,
  pulseId: string,
  cut: string,
): Promise<ReportGroup[] | undefined> {
  const [row] = await db
    .select({ groups: releasedViews.groups })
    .from(releasedViews)
    .where(and(eq(releasedViews.pulseId, pulseId), eq(releasedViews.cut, cut)))
  return row?.groups as ReportGroup[] | undefined
}

const labelOf = (cohort: Record<string, string>) => JSON.stringify(Object.entries(cohort).sort())

/** Who reads a report: organizers and viewers see every closed pulse, members only shared ones. */
export type Reader = 'team' | 'member'

/** The labels of the cohorts a released group counts, as one comparable string. */
async function countedLabels(
  db: Db,
  pulseId: string,
): Promise<(group: ReportGroup) => string | undefined> {
  const keys = await db
    .select({ id: pulseKeys.id, cohort: pulseKeys.cohort })
    .from(pulseKeys)
    .where(eq(pulseKeys.pulseId, pulseId))
  const labels = new Map(keys.map((k) => [k.id, labelOf(k.cohort)]))
  return (group) =>
    group.suppressed ? undefined : JSON.stringify(group.keyIds.map((id) => labels.get(id)).sort())
}

/**
 * Adds `change` to each released question of `groups`: the difference from the same group and
 * question of the survey's previous pulse the reader may see (members: the previous shared one),
 * flagged `significant` only beyond its uncertainty. Only where both groups count cohorts with the
 * same labels, so a group merged differently is never compared. Reads only released views.
 */
async function withChanges(
  db: Db,
  pulse: PulseRow,
  cut: string,
  groups: ReportGroup[],
  reader: Reader,
): Promise<ReportGroup<ReportStats>[]> {
  const visible = and(
    eq(pulses.surveyId, pulse.surveyId),
    eq(pulses.status, 'closed'),
    eq(pulses.released, true),
    lt(pulses.closesAt, pulse.closesAt),
    ...(reader === 'member' ? [eq(pulses.shared, true)] : []),
  )
  const [previous] = await db
    .select({ id: pulses.id })
    .from(pulses)
    .where(visible)
    .orderBy(desc(pulses.closesAt))
    .limit(1)
  const before = previous && (await releasedGroups(db, previous.id, cut))
  if (!before) return groups
  const [labelsNow, labelsBefore] = await Promise.all([
    countedLabels(db, pulse.id),
    countedLabels(db, previous.id),
  ])
  return groups.map((group) => {
    const old = before.find((g) => labelOf(g.cohort) === labelOf(group.cohort))
    if (group.suppressed || !old || old.suppressed || labelsNow(group) !== labelsBefore(old))
      return group
    return {
      ...group,
      questions: group.questions.map((q) => {
        const prev = old.questions.find((p) => p.questionId === q.questionId)
        if (q.suppressed || !prev || prev.suppressed) return q
        const change = questionChange(prev, q)
        return Object.keys(change).length ? { ...q, change } : q
      }),
    }
  })
}

/**
 * A pulse's report (API.md `report`) for a cut: participation, and once the pulse is closed the
 * groups its released view holds. Nothing is computed from answers here: after close every count
 * comes from the released view (`responded` is the overall group's, null when it is suppressed).
 */
export async function pulseReport(
  db: Db,
  pulse: PulseRow,
  by: string | undefined,
  liveCount: number,
  reader: Reader = 'team',
) {
  const view = pulseView(pulse, liveCount)
  const { responded } = view
  const rate = responded === null ? null : pulse.eligible > 0 ? responded / pulse.eligible : 0
  const participation = { eligible: pulse.eligible, responded, rate }
  if (pulse.status !== 'closed' || !pulse.released)
    return { pulse: view, participation, released: false, groups: [] }
  const cut = by ?? ''
  const groups = (await releasedGroups(db, pulse.id, cut)) ?? []
  return {
    pulse: view,
    participation,
    released: true,
    groups: await withChanges(db, pulse, cut, groups, reader),
  }
}
export type Report = Awaited<ReturnType<typeof pulseReport>>

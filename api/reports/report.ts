import { and, desc, eq, lt } from 'drizzle-orm'
import { pulses, releasedViews } from '../../schema'
import type { PulseRow } from '../access'
import type { Db } from '../db'
import { pulseView } from '../routes/pulses'
import type { ReportGroup } from './released-groups'
import { questionChange } from './statistics'

/** The stored released groups of a closed pulse for a cut ('' = everyone), if it has that cut. */
export async function releasedGroups(db: Db, pulseId: string, cut: string): Promise<ReportGroup[] | undefined> {
  const [row] = await db
    .select({ groups: releasedViews.groups })
    .from(releasedViews)
    .where(and(eq(releasedViews.pulseId, pulseId), eq(releasedViews.cut, cut)))
  return row?.groups as ReportGroup[] | undefined
}

const sameCohort = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())

/**
 * Adds `change` to each released question of `groups`: the difference from the same group and
 * question of the survey's previous closed pulse, flagged `significant` only beyond its
 * uncertainty. Reads only released views.
 */
async function withChanges(db: Db, pulse: PulseRow, cut: string, groups: ReportGroup[]) {
  const [previous] = await db
    .select({ id: pulses.id })
    .from(pulses)
    .where(and(eq(pulses.surveyId, pulse.surveyId), eq(pulses.status, 'closed'), eq(pulses.released, true), lt(pulses.closesAt, pulse.closesAt)))
    .orderBy(desc(pulses.closesAt))
    .limit(1)
  const before = previous && (await releasedGroups(db, previous.id, cut))
  if (!before) return groups
  return groups.map((group) => {
    const old = before.find((g) => sameCohort(g.cohort, group.cohort))
    if (group.suppressed || !old || old.suppressed) return group
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
 * groups its released view holds. Nothing is computed from answers here.
 */
export async function pulseReport(db: Db, pulse: PulseRow, by: string | undefined, liveCount: number) {
  const view = pulseView(pulse, liveCount)
  const participation = {
    eligible: pulse.eligible,
    responded: view.responded,
    rate: pulse.eligible > 0 ? view.responded / pulse.eligible : 0,
  }
  if (pulse.status !== 'closed') return { pulse: view, participation, released: false, groups: [] }
  const cut = by ?? ''
  const groups = (await releasedGroups(db, pulse.id, cut)) ?? []
  return { pulse: view, participation, released: true, groups: await withChanges(db, pulse, cut, groups) }
}

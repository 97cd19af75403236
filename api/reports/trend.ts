import type { GroupNumbers, ReportGroup } from './released-view'
import { csvCell } from './csv'

export interface TrendPulse {
  id: string
  closesAt: string
  /** The pulse's released groups for the cut, or undefined when it has no such cut. */
  groups: ReportGroup[] | undefined
}

/** A group's numbers at one pulse of a trend; suppressed where that pulse showed nothing for it. */
export type TrendPoint = { pulseId: string } & GroupNumbers

const cohortKey = (cohort: Record<string, string>) => JSON.stringify(Object.entries(cohort).sort())

/**
 * A survey's trend for one cut, from the released views of its closed pulses only: one group per
 * cohort that any pulse released or suppressed (ordered by value, `{}` last), each with one
 * point per pulse in order; a point is suppressed where that pulse showed nothing for the group,
 * and a group is suppressed when all its points are.
 */
export function buildTrend(pulses: TrendPulse[]) {
  const cohorts = new Map<string, Record<string, string>>()
  for (const p of pulses) for (const g of p.groups ?? []) cohorts.set(cohortKey(g.cohort), g.cohort)
  const ordered = [...cohorts.values()].sort((a, b) => {
    const [va, vb] = [Object.values(a)[0], Object.values(b)[0]]
    if (va === undefined || vb === undefined) return va === vb ? 0 : va === undefined ? 1 : -1
    return va < vb ? -1 : va > vb ? 1 : 0
  })
  const groups = ordered.map((cohort) => {
    const key = cohortKey(cohort)
    const series: TrendPoint[] = pulses.map((p) => {
      const group = p.groups?.find((g) => cohortKey(g.cohort) === key)
      if (!group || group.suppressed) return { pulseId: p.id, suppressed: true }
      const { cohort: _, ...numbers } = group
      return { pulseId: p.id, ...numbers }
    })
    return { cohort, suppressed: series.every((s) => s.suppressed), series }
  })
  return { pulses: pulses.map((p) => ({ id: p.id, closesAt: p.closesAt })), groups }
}
export type Trend = ReturnType<typeof buildTrend>
export type TrendGroup = Trend['groups'][number]

const header = [
  'cohort',
  'pulse_id',
  'closes_at',
  'question_id',
  'respondents',
  'n',
  'mean',
  'favorable',
  'nps',
  'yes',
  'question',
  'dimension',
]

/** What the CSV names of a question besides its id. */
export interface CsvQuestion {
  id: string
  prompt: string
  dimension?: string
  /** Only these pulses asked it (a follow-up question); absent: every pulse of the survey. */
  pulseIds?: string[]
}

/**
 * The follow-up questions the pulses carried (pulses.follow_ups), as CSV questions, each once
 * in the order first asked, with the pulses that asked it.
 */
export function followUpColumns(
  pulses: { id: string; followUps: { question: CsvQuestion }[] | null }[],
): CsvQuestion[] {
  const byId = new Map<string, CsvQuestion & { pulseIds: string[] }>()
  for (const p of pulses)
    for (const { question } of p.followUps ?? []) {
      const known = byId.get(question.id)
      if (known) known.pulseIds.push(p.id)
      else byId.set(question.id, { id: question.id, prompt: question.prompt, pulseIds: [p.id] })
    }
  return [...byId.values()]
}

/**
 * The trend as CSV (API.md's header): one row per group, pulse and non-text question (a
 * follow-up question only for the pulses that asked it); suppressed cells empty. `cohort` is `attribute=value`, `attribute=` for the cut's `{}` group, or `all`.
 */
export function trendCsv(trend: Trend, questions: CsvQuestion[], by?: string): string {
  const lines = [header.join(',')]
  for (const group of trend.groups) {
    const entries = Object.entries(group.cohort)
    const cohort = entries.length
      ? entries.map(([k, v]) => `${k}=${v}`).join(';')
      : by
        ? `${by}=`
        : 'all'
    group.series.forEach((point, i) => {
      const pulse = trend.pulses[i]
      for (const question of questions) {
        if (question.pulseIds && !question.pulseIds.includes(pulse.id)) continue
        const q = point.suppressed
          ? undefined
          : point.questions.find((x) => x.questionId === question.id)
        const stats = q && !q.suppressed ? q : undefined
        const numbers = [
          point.suppressed ? undefined : point.respondents,
          stats?.n,
          stats?.mean,
          stats?.favorable,
          stats?.nps,
          stats?.yes,
        ]
        const row = [
          cohort,
          pulse.id,
          pulse.closesAt,
          question.id,
          ...numbers,
          question.prompt,
          question.dimension,
        ]
        lines.push(row.map(csvCell).join(','))
      }
    })
  }
  return lines.join('\r\n') + '\r\n'
}

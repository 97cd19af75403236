// A pulse's released numbers arranged for reading: a question's bars and facts, and a cut's
// groups as a heatmap. Pure functions of API data.
import type { GroupNumbers, Question, QuestionStats, ReportGroup } from '../api-types'
import {
  changePhrase,
  cohortLabel,
  formatCi,
  formatMean,
  formatNps,
  formatShare,
  heatBin,
  position,
} from './report-format'

export type Tone = 'fav' | 'neutral' | 'unfav' | 'plain'

export interface Bar {
  label: string
  count: number
  /** Of the question's n (for `multi`, of the people who answered it). */
  share: number
  tone: Tone
}

const likertLabels = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree']

function valueLabel(question: Question, value: string): string {
  if (question.kind === 'likert5') return `${value} ${likertLabels[Number(value) - 1] ?? ''}`.trim()
  if (question.kind === 'yesno') return value === 'true' ? 'Yes' : 'No'
  return value
}

function tone(question: Question, value: string): Tone {
  const v = Number(value)
  if (question.kind === 'likert5') return v >= 4 ? 'fav' : v === 3 ? 'neutral' : 'unfav'
  // eNPS: promoters 9–10, passives 7–8, detractors 0–6.
  if (question.kind === 'scale10') return v >= 9 ? 'fav' : v >= 7 ? 'neutral' : 'unfav'
  return 'plain'
}

/** One bar per possible value, in the question's own order (1…5, 0…10, yes/no, options). */
export function distributionBars(question: Question, stats: QuestionStats): Bar[] {
  const values =
    question.kind === 'yesno'
      ? ['true', 'false']
      : (question.options ?? Object.keys(stats.distribution))
  return values.map((value) => {
    const count = stats.distribution[value] ?? 0
    return {
      label: valueLabel(question, value),
      count,
      share: stats.n > 0 ? count / stats.n : 0,
      tone: tone(question, value),
    }
  })
}

export interface Fact {
  label: string
  value: string
  /** A change since the previous pulse in words, when the API compared one. */
  change?: string
}

/** The headline numbers of a released question, each with its change since the last pulse. */
export function questionFacts(stats: QuestionStats): Fact[] {
  const c = stats.change
  const facts: Fact[] = [{ label: 'Answers', value: String(stats.n) }]
  if (stats.mean !== undefined) {
    const ci = stats.ci95 ? ` (95% CI ${formatCi(stats.ci95)})` : ''
    facts.push({
      label: 'Mean',
      value: `${formatMean(stats.mean)}${ci}`,
      change: changePhrase('mean', c?.mean),
    })
  }
  if (stats.favorable !== undefined) {
    facts.push({
      label: 'Favorable',
      value: formatShare(stats.favorable),
      change: changePhrase('favorable', c?.favorable),
    })
    facts.push({ label: 'Neutral', value: formatShare(stats.neutral ?? 0) })
    facts.push({ label: 'Unfavorable', value: formatShare(stats.unfavorable ?? 0) })
  }
  if (stats.nps !== undefined) {
    facts.push({ label: 'eNPS', value: formatNps(stats.nps), change: changePhrase('nps', c?.nps) })
  }
  if (stats.yes !== undefined) {
    facts.push({ label: 'Yes', value: formatShare(stats.yes), change: changePhrase('yes', c?.yes) })
  }
  return facts
}

/** The released stats of a question in a group, or undefined when the group or question is hidden. */
export function statsOf(group: GroupNumbers | undefined, questionId: string) {
  const q = group?.questions?.find((x) => x.questionId === questionId)
  return q && !q.suppressed ? q : undefined
}

export type HeatColumns = 'dimensions' | 'questions'
export type HeatMetric = 'mean' | 'favorable'

export interface HeatColumn {
  key: string
  /** Short enough for a column head ("Q3", "voice"). */
  short: string
  full: string
}

export type HeatCell = { hidden: true } | { hidden: false; text: string; bin: number } | undefined

export interface HeatRow {
  label: string
  respondents?: number
  cells: HeatCell[]
}

/** The heatmap's columns: the dimensions, or the likert questions numbered as the survey does. */
export function heatColumns(questions: Question[], columns: HeatColumns): HeatColumn[] {
  if (columns === 'dimensions') {
    const names = [
      ...new Set(
        questions
          .filter(isLikert)
          .map((q) => q.dimension!)
          .filter(Boolean),
      ),
    ]
    return names.map((name) => ({ key: name, short: name, full: name }))
  }
  return questions
    .map((q, i) => ({ q, short: `Q${i + 1}` }))
    .filter(({ q }) => q.kind === 'likert5')
    .map(({ q, short }) => ({ key: q.id, short, full: q.prompt }))
}

const isLikert = (q: Question) => q.kind === 'likert5'

/**
 * Rows = groups, columns = dimensions or likert questions; a cell holds the mean or favorable
 * share with its colour step, "hidden" for a suppressed group or question, or nothing when the
 * group simply has no answers there.
 */
export function heatRows(
  groups: ReportGroup[],
  columns: HeatColumn[],
  kind: HeatColumns,
  metric: HeatMetric,
  by?: string,
  /** The name of the cut's `{}` group when its cohorts are known (merged-groups.ts). */
  otherLabel?: string,
): HeatRow[] {
  return groups.map((group) => {
    const cells = columns.map((column): HeatCell => {
      if (group.suppressed) return { hidden: true }
      const source =
        kind === 'dimensions'
          ? group.dimensions?.find((d) => d.dimension === column.key)
          : group.questions?.find((q) => q.questionId === column.key)
      if (!source) return undefined
      if ('suppressed' in source && source.suppressed) return { hidden: true }
      const value = metric === 'mean' ? source.mean : source.favorable
      if (value === undefined) return undefined
      const text = metric === 'mean' ? formatMean(value) : formatShare(value)
      return { hidden: false, text, bin: heatBin(position(metric, value)) }
    })
    const other = otherLabel !== undefined && Object.keys(group.cohort).length === 0
    const label = other ? otherLabel : cohortLabel(group.cohort, by)
    return { label, respondents: group.respondents, cells }
  })
}

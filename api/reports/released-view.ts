// The release of a closed pulse, as one pure function from per-cohort counts to the view every
// report, trend, CSV, member result and message reads: the gate's groups (privacy/gate.ts), noise
// in noise mode (privacy/noise.ts), then the statistics. The close path and the bench call it.
import {
  decideRelease,
  planRelease,
  type Cell,
  type GateRules,
  type KeyEntry,
} from '../privacy/gate'
import {
  countEpsilon,
  cryptoUniform,
  noisyCount,
  noisyHistogram,
  type Rational,
  type UniformBelow,
} from '../privacy/noise'
import type { Question } from '../surveys/question'
import { sumHistograms, type Histogram } from './histograms'
import {
  dimensionStats,
  emptyCounts,
  questionStats,
  type DimensionStats,
  type QuestionStats,
} from './statistics'

/**
 * One non-text question in a released group: its numbers, or only that it is suppressed there.
 * `Stats` is what a released question carries: a report adds `change` (pulses/report.ts).
 */
export type QuestionResult<Stats = QuestionStats> =
  { questionId: string; suppressed: true } | ({ questionId: string; suppressed: false } & Stats)

/** A group's numbers as API.md fixes them; a suppressed group carries none of them. */
export type GroupNumbers<Stats = QuestionStats> =
  | { suppressed: true; keyIds?: never; respondents?: never; questions?: never; dimensions?: never }
  | {
      suppressed: false
      /** Every cohort the group counts, in key-list order. */
      keyIds: string[]
      respondents: number
      questions: QuestionResult<Stats>[]
      dimensions: DimensionStats[]
    }

/** A group of a report: the attributes its cohorts keep, and its numbers. */
export type ReportGroup<Stats = QuestionStats> = {
  cohort: Record<string, string>
} & GroupNumbers<Stats>

/** One cohort's exact counts: respondents, and per non-text question its histogram. */
export interface CohortCounts {
  respondents: number
  histograms: ReadonlyMap<string, Histogram>
}

export interface ReleaseInput {
  /** The pulse's key list, with `joined` (or `eligible` where joined was not recorded). */
  keys: readonly KeyEntry[]
  attributes: readonly string[]
  /** The pulse's minGroupSize. */
  k: number
  /** The survey's non-text questions, in order. */
  questions: readonly Question[]
  /** Per key id; a cohort nobody answered in may be missing. */
  counts: ReadonlyMap<string, CohortCounts>
  /** Noise mode's ε; undefined in threshold mode. */
  epsilon?: number
}

export interface ReleasedView {
  /** Per cut ('' for everyone, else an attribute): the groups as reports show them. */
  cuts: Record<string, ReportGroup[]>
  /** The overall group's released respondents, or null when it is suppressed. */
  responded: number | null
  /** The cells of the respondents (null: nothing released), for logs and tests. */
  cells: Cell[] | null
}

/** A group's counts as released: exact in threshold mode, with noise in noise mode. */
interface GroupCounts {
  respondents: number
  histograms: Map<string, Histogram>
}

/**
 * The released view of a closed pulse. Groups are unions of the gate's cells; in noise mode each
 * group's counts get discrete Laplace noise at ε / (the release's sensitivity), sampled here once
 * (the caller stores the result), and the thresholds read the noisy counts. Throws ReleaseRefused
 * when the atom check fails. `options` are for tests and the bench: the random source, and rule
 * switches that must never be set in the product.
 */
export function releaseView(
  input: ReleaseInput,
  options: { uniform?: UniformBelow; rules?: GateRules } = {},
): ReleasedView {
  const { keys, attributes, k, questions, counts, epsilon } = input
  const respondents = new Map(keys.map((key) => [key.id, counts.get(key.id)?.respondents ?? 0]))
  // Every question is a measure of its own; a required one's answerers are its respondents.
  const answered = new Map(
    questions.map((q) => [
      q.id,
      new Map(keys.map((key) => [key.id, counts.get(key.id)?.histograms.get(q.id)?.n ?? 0])),
    ]),
  )
  const exact = { respondents, answered }
  const plan = planRelease(keys, attributes, k, exact, options.rules)
  const eps = epsilon === undefined ? undefined : countEpsilon(epsilon, questions)
  const released: Record<string, GroupCounts[]> = Object.fromEntries(
    Object.entries(plan.cuts).map(([cut, groups]) => [
      cut,
      groups.map((g) =>
        groupCounts(g.keyIds, counts, questions, eps, options.uniform ?? cryptoUniform),
      ),
    ]),
  )
  const decisions = decideRelease(
    plan,
    keys,
    k,
    exact,
    (cut, i) => {
      const group = released[cut][i]
      return {
        respondents: group.respondents,
        answered: Object.fromEntries(questions.map((q) => [q.id, group.histograms.get(q.id)!.n])),
      }
    },
    options.rules,
  )
  const cuts = Object.fromEntries(
    Object.entries(plan.cuts).map(([cut, groups]) => [
      cut,
      groups.map((group, i): ReportGroup => {
        const decision = decisions[cut][i]
        if (decision.suppressed) return { cohort: group.cohort, suppressed: true }
        return shownGroup(
          group.cohort,
          group.keyIds,
          released[cut][i],
          questions,
          decision.suppressedQuestions,
        )
      }),
    ]),
  )
  const overall = cuts[''][0]
  return { cuts, responded: overall.suppressed ? null : overall.respondents, cells: plan.cells }
}

/** The counts of a union of cohorts, every possible value present; with noise when `eps` is set. */
function groupCounts(
  keyIds: string[],
  counts: ReadonlyMap<string, CohortCounts>,
  questions: readonly Question[],
  eps: Rational | undefined,
  uniform: UniformBelow,
): GroupCounts {
  const respondents = keyIds.reduce((sum, id) => sum + (counts.get(id)?.respondents ?? 0), 0)
  const histograms = new Map<string, Histogram>()
  for (const q of questions) {
    const exact = sumHistograms(keyIds.map((id) => counts.get(id)?.histograms.get(q.id)))
    const all = { ...emptyCounts(q), ...exact.counts }
    if (!eps) histograms.set(q.id, { n: exact.n, counts: all })
    else {
      const noisy = noisyHistogram(all, eps, uniform)
      // A multi question's n is a count of its own; a single answer's is the sum of its bins.
      const n =
        q.kind === 'multi'
          ? noisyCount(exact.n, eps, uniform)
          : Object.values(noisy).reduce((a, b) => a + b, 0)
      histograms.set(q.id, { n, counts: noisy })
    }
  }
  return { respondents: eps ? noisyCount(respondents, eps, uniform) : respondents, histograms }
}

/** A released group: its numbers, with the questions it must not show marked suppressed. */
function shownGroup(
  cohort: Record<string, string>,
  keyIds: string[],
  counts: GroupCounts,
  questions: readonly Question[],
  suppressedQuestions: string[],
): ReportGroup {
  const hidden = new Set(suppressedQuestions)
  const shown = questions.filter((q) => !hidden.has(q.id))
  const pooled = (d: string) => shown.filter((q) => q.kind === 'likert5' && q.dimension === d)
  const dimensions = [
    ...new Set(shown.filter((q) => q.kind === 'likert5' && q.dimension).map((q) => q.dimension!)),
  ]
    .map((d) =>
      dimensionStats(
        d,
        pooled(d).map((q) => counts.histograms.get(q.id)!),
      ),
    )
    .filter((d) => d !== undefined)
  return {
    cohort,
    suppressed: false,
    keyIds,
    respondents: counts.respondents,
    questions: questions.map((q) =>
      hidden.has(q.id)
        ? { questionId: q.id, suppressed: true as const }
        : {
            questionId: q.id,
            suppressed: false as const,
            ...questionStats(q, counts.histograms.get(q.id)!),
          },
    ),
    dimensions,
  }
}

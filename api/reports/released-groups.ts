import type { DisclosedGroup } from '../privacy/disclosure'
import { histogramEpsilon, noisyCount, noisyHistogram, type Rational } from '../privacy/noise'
import type { Question } from '../questions'
import { sumHistograms, type Histogram } from './histograms'
import { dimensionStats, emptyCounts, questionStats } from './statistics'

/** A group of a report as API.md fixes it; a suppressed group carries nothing else. */
export type ReportGroup =
  | { cohort: Record<string, string>; suppressed: true }
  | {
      cohort: Record<string, string>
      suppressed: false
      respondents: number
      questions: ({ questionId: string; suppressed: true } | ({ questionId: string; suppressed: false } & ReturnType<typeof questionStats>))[]
      dimensions: NonNullable<ReturnType<typeof dimensionStats>>[]
    }

/** A group's released counts before the gate: what the report will show if it lets them out. */
export interface GroupCounts {
  respondents: number
  histograms: Map<string, Histogram>
}

/**
 * The counts of a union of cohorts, every possible value present. In noise mode each histogram
 * and the respondent count get independent discrete Laplace noise, sampled here once (the caller
 * stores the result): the cut's ε is split over the respondent count and one release per
 * question (`histogramEpsilon`); a `multi` question's two releases (its option counts and its n)
 * share its part.
 */
export function groupCounts(
  cohortIds: string[],
  respondents: Map<string, number>,
  perCohort: Map<string, Map<string, Histogram>>,
  questions: Question[],
  epsilon?: number,
): GroupCounts {
  const exactRespondents = cohortIds.reduce((sum, id) => sum + (respondents.get(id) ?? 0), 0)
  const eps: Rational | undefined = epsilon === undefined ? undefined : histogramEpsilon(epsilon, questions.length)
  const histograms = new Map<string, Histogram>()
  for (const q of questions) {
    const exact = sumHistograms(cohortIds.map((id) => perCohort.get(id)?.get(q.id)))
    const counts = { ...emptyCounts(q), ...exact.counts }
    if (!eps) histograms.set(q.id, { n: exact.n, counts })
    else if (q.kind === 'multi') {
      const half = { num: eps.num, den: eps.den * 2n }
      const noisy = noisyHistogram(counts, half, { sensitivity: q.options!.length })
      histograms.set(q.id, { n: noisyCount(exact.n, half), counts: noisy })
    } else {
      const noisy = noisyHistogram(counts, eps)
      histograms.set(q.id, { n: Object.values(noisy).reduce((a, b) => a + b, 0), counts: noisy })
    }
  }
  return { respondents: eps ? noisyCount(exactRespondents, eps) : exactRespondents, histograms }
}

/** What a report shows of a group the gate has decided on: nothing if suppressed, else its numbers. */
export function reportGroup(decision: DisclosedGroup, counts: GroupCounts, questions: Question[]): ReportGroup {
  if (decision.suppressed) return { cohort: decision.cohort, suppressed: true }
  const hidden = new Set(decision.suppressedQuestions)
  const shown = questions.filter((q) => !hidden.has(q.id))
  const dimensions = [...new Set(shown.filter((q) => q.kind === 'likert5' && q.dimension).map((q) => q.dimension!))]
    .map((d) => dimensionStats(d, shown.filter((q) => q.kind === 'likert5' && q.dimension === d).map((q) => counts.histograms.get(q.id)!)))
    .filter((d) => d !== undefined)
  return {
    cohort: decision.cohort,
    suppressed: false,
    respondents: counts.respondents,
    questions: questions.map((q) =>
      hidden.has(q.id)
        ? { questionId: q.id, suppressed: true as const }
        : { questionId: q.id, suppressed: false as const, ...questionStats(q, counts.histograms.get(q.id)!) },
    ),
    dimensions,
  }
}

// Statistics over released histograms (API.md "Reports", DESIGN.md "Reports"). Only histograms
// that already passed the disclosure gate (and got their noise) come in, never raw answers, so
// nothing computed here can say more about one member than the released counts already do.
import type { Question } from '../surveys/question'

/** The released answers to one question in one group. */
export interface Histogram {
  /** How many people answered; for `multi` this is not the sum of the counts. */
  n: number
  /** Value as API.md writes it (`"1"`, `"true"`, option text) → count; missing values count 0. */
  counts: Record<string, number>
}

/** What the statistics need to know of a question. */
export type StatsQuestion = Pick<Question, 'kind' | 'options'>

/** The numbers of one released question, exactly API.md's fields (without id and `suppressed`). */
export interface QuestionStats {
  n: number
  distribution: Record<string, number>
  mean?: number
  ci95?: [number, number]
  favorable?: number
  neutral?: number
  unfavorable?: number
  nps?: number
  yes?: number
}

export interface DimensionStats {
  dimension: string
  mean: number
  favorable: number
}

export interface MeanSample {
  mean: number
  sd: number
  n: number
}

export interface ShareSample {
  share: number
  n: number
}

export interface Change {
  delta: number
  /** True only when |delta| lies beyond 1.96 standard errors of the difference. */
  significant: boolean
}

export interface QuestionChange {
  mean?: Change
  favorable?: Change
  nps?: Change
  yes?: Change
}

const z95 = 1.96
const likert5: StatsQuestion = { kind: 'likert5' }

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

/** Every value the question can take, as API.md writes it, in display order; throws for text. */
export function possibleValues(question: StatsQuestion): string[] {
  switch (question.kind) {
    case 'likert5':
      return range(1, 5)
    case 'scale10':
      return range(0, 10)
    case 'yesno':
      return ['true', 'false']
    case 'choice':
    case 'multi':
      return [...(question.options ?? [])]
    case 'text':
      throw new RangeError('a text question has no histogram')
  }
}

/** Every possible value mapped to 0, as own properties (an option may be `__proto__`). */
export function emptyCounts(question: StatsQuestion): Record<string, number> {
  return Object.fromEntries(possibleValues(question).map((value) => [value, 0]))
}

/**
 * Sample standard deviation (n − 1) of counts keyed by numbers (`"1"`, `"-100"`); undefined
 * below two answers.
 */
export function sampleSd(counts: Record<string, number>): number | undefined {
  return summarize(counts).sd
}

/**
 * The numbers API.md fixes for one question in one group. `distribution` lists every possible
 * value; `mean` and `ci95` for likert5 and scale10 (`ci95` only from n = 2); favorable / neutral /
 * unfavorable for likert5, `nps` for scale10, `yes` for yesno; with n = 0 none of these, so never
 * NaN. Throws a RangeError for a value the question cannot take or a count that is not a
 * non-negative integer.
 */
export function questionStats(question: StatsQuestion, histogram: Histogram): QuestionStats {
  const distribution = distributionOf(question, histogram.counts)
  // A single-answer n is the sum of the (possibly noisy) counts, whatever `histogram.n` says: in
  // noise mode an exact n next to noisy counts would undo the noise.
  const n = question.kind === 'multi' ? checkedCount(histogram.n) : total(distribution)
  const stats: QuestionStats = { n, distribution }
  if (n === 0) return stats
  const tally = (values: string[]) => values.reduce((sum, value) => sum + distribution[value], 0)
  switch (question.kind) {
    case 'likert5':
    case 'scale10': {
      const { mean, sd } = summarize(distribution)
      stats.mean = mean!
      if (sd !== undefined) {
        const half = (z95 * sd) / Math.sqrt(n)
        stats.ci95 = [mean! - half, mean! + half]
      }
      if (question.kind === 'likert5') {
        stats.favorable = tally(['4', '5']) / n
        stats.neutral = tally(['3']) / n
        stats.unfavorable = tally(['1', '2']) / n
      } else {
        stats.nps = ((tally(range(9, 10)) - tally(range(0, 6))) * 100) / n
      }
      break
    }
    case 'yesno':
      stats.yes = distribution.true / n
      break
  }
  return stats
}

/** The sum of histograms of questions of one kind: counts per value and n added up. */
export function pooledHistogram(histograms: Histogram[]): Histogram {
  const counts = new Map<string, number>()
  let n = 0
  for (const histogram of histograms) {
    n += histogram.n
    for (const [value, count] of Object.entries(histogram.counts)) {
      counts.set(value, (counts.get(value) ?? 0) + count)
    }
  }
  return { n, counts: Object.fromEntries(counts) }
}

/**
 * A dimension's score in one group: mean and favorable share over all answers to its likert5
 * questions pooled (so a question with more answers weighs more); undefined when there are none.
 * Pass only the histograms of questions released in that group: pooling a suppressed one in
 * would release it.
 */
export function dimensionStats(
  dimension: string,
  histograms: Histogram[],
): DimensionStats | undefined {
  const stats = questionStats(likert5, pooledHistogram(histograms))
  if (stats.mean === undefined) return undefined
  return { dimension, mean: stats.mean, favorable: stats.favorable! }
}

/**
 * Change of a mean since the previous pulse, from samples or from two `questionStats` results.
 * Flagged `significant` only when |delta| > 1.96 · √(sd₁²/n₁ + sd₂²/n₂) (Welch), and never when
 * either side has fewer than two answers; undefined when either side has no mean.
 */
export function changeSince(
  previous: MeanSample | QuestionStats,
  current: MeanSample | QuestionStats,
): Change | undefined {
  const a = meanSample(previous)
  const b = meanSample(current)
  if (!a || !b) return undefined
  const delta = b.mean - a.mean
  if (a.n < 2 || b.n < 2) return { delta, significant: false }
  const se = Math.sqrt(a.sd ** 2 / a.n + b.sd ** 2 / b.n)
  return { delta, significant: Math.abs(delta) > z95 * se }
}

/**
 * Change of a share (favorable, yes) since the previous pulse. Flagged `significant` only when
 * |delta| > 1.96 · √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ the share over both pulses together (the pooled
 * two-proportion test); undefined when either side has no answers.
 */
export function shareChangeSince(previous: ShareSample, current: ShareSample): Change | undefined {
  if (previous.n === 0 || current.n === 0) return undefined
  const delta = current.share - previous.share
  // Pooled rather than per-side variances: with a share of 0 or 1 on both sides the per-side
  // error is 0, and one answer moving from no to yes would be flagged.
  const p = (previous.share * previous.n + current.share * current.n) / (previous.n + current.n)
  const se = Math.sqrt(p * (1 - p) * (1 / previous.n + 1 / current.n))
  return { delta, significant: Math.abs(delta) > z95 * se }
}

/**
 * Every change between two pulses' stats of one question that both carry: `mean` (Welch, as
 * `changeSince`), `favorable` and `yes` (as `shareChangeSince`), `nps` (Welch over per-person
 * scores +100 promoter / 0 passive / −100 detractor, whose mean is the eNPS).
 */
export function questionChange(previous: QuestionStats, current: QuestionStats): QuestionChange {
  const change: QuestionChange = {}
  const mean = changeSince(previous, current)
  if (mean) change.mean = mean
  for (const key of ['favorable', 'yes'] as const) {
    const a = previous[key]
    const b = current[key]
    if (a === undefined || b === undefined) continue
    const shares = shareChangeSince({ share: a, n: previous.n }, { share: b, n: current.n })
    if (shares) change[key] = shares
  }
  if (previous.nps !== undefined && current.nps !== undefined) {
    const nps = changeSince(npsSample(previous), npsSample(current))
    if (nps) change.nps = nps
  }
  return change
}

function distributionOf(question: StatsQuestion, counts: Record<string, number>) {
  const distribution = emptyCounts(question)
  for (const [value, count] of Object.entries(counts)) {
    if (!Object.hasOwn(distribution, value)) {
      throw new RangeError(`${JSON.stringify(value)} is not a value of a ${question.kind} question`)
    }
    distribution[value] = checkedCount(count)
  }
  return distribution
}

function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${count} is not a count`)
  return count
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}

/** n, mean (from n = 1) and sample SD (from n = 2) of numeric-keyed counts. */
function summarize(counts: Record<string, number>): { n: number; mean?: number; sd?: number } {
  const entries = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([value, count]) => [Number(value), count] as const)
  const n = entries.reduce((sum, [, count]) => sum + count, 0)
  if (n === 0) return { n }
  const mean = entries.reduce((sum, [value, count]) => sum + value * count, 0) / n
  if (n < 2) return { n, mean }
  const squares = entries.reduce((sum, [value, count]) => sum + count * (value - mean) ** 2, 0)
  return { n, mean, sd: Math.sqrt(squares / (n - 1)) }
}

function meanSample(source: MeanSample | QuestionStats): MeanSample | undefined {
  if ('sd' in source) return source.n > 0 ? source : undefined
  if (source.mean === undefined) return undefined
  return { mean: source.mean, sd: sampleSd(source.distribution) ?? 0, n: source.n }
}

function npsSample(stats: QuestionStats): MeanSample {
  const tally = (from: number, to: number) =>
    range(from, to).reduce((sum, value) => sum + (stats.distribution[value] ?? 0), 0)
  const scores = { '100': tally(9, 10), '0': tally(7, 8), '-100': tally(0, 6) }
  return { mean: stats.nps!, sd: sampleSd(scores) ?? 0, n: stats.n }
}

import type { Question } from '../surveys/question'

/** How many answered a question, and how often each value was given (API.md's value strings). */
export interface Histogram {
  n: number
  counts: Record<string, number>
}

/** Grouped raw answers as read at close: a stored JSON value and how many gave it, per key. */
export interface AnswerCount {
  keyId: string
  questionId: string
  value: string
  count: number
}

/**
 * Folds grouped answers into one histogram per cohort key and question. A `multi` answer adds
 * one to each option it names and one to `n`; every other kind adds one to its single value.
 */
export function cohortHistograms(
  rows: AnswerCount[],
  questions: Question[],
): Map<string, Map<string, Histogram>> {
  const kinds = new Map(questions.map((q) => [q.id, q.kind]))
  const out = new Map<string, Map<string, Histogram>>()
  for (const row of rows) {
    const kind = kinds.get(row.questionId)
    if (!kind || kind === 'text') continue
    const perKey = out.get(row.keyId) ?? new Map<string, Histogram>()
    out.set(row.keyId, perKey)
    const histogram = perKey.get(row.questionId) ?? { n: 0, counts: {} }
    perKey.set(row.questionId, histogram)
    const value: unknown = JSON.parse(row.value)
    const keys = kind === 'multi' ? (value as string[]) : [String(value)]
    histogram.n += row.count
    for (const key of keys) histogram.counts[key] = (histogram.counts[key] ?? 0) + row.count
  }
  return out
}

/** The histogram of a union of cohorts. */
export function sumHistograms(histograms: Iterable<Histogram | undefined>): Histogram {
  const total: Histogram = { n: 0, counts: {} }
  for (const h of histograms) {
    if (!h) continue
    total.n += h.n
    for (const [key, count] of Object.entries(h.counts))
      total.counts[key] = (total.counts[key] ?? 0) + count
  }
  return total
}

import type { Question } from '../../api/surveys/question'
import { barLength } from '../organizer/models/charts'
import type { QuestionResult, Report } from './api'

// Shared results arranged for the member's page (results-list.tsx): newest first, and each
// question's answers as the bars organizers see in their report, drawn with the organizer's chart
// geometry (web/organizer/models/charts.ts, pure). Pure: labels come in as a function.

/** The shared reports, the most recently closed first (the server lists them oldest first). */
export const newestFirst = (reports: readonly Report[]): Report[] =>
  [...reports].sort(
    (a, b) =>
      Date.parse(b.pulse.closesAt) - Date.parse(a.pulse.closesAt) ||
      (a.pulse.id < b.pulse.id ? 1 : -1),
  )

export type Tone = 'fav' | 'neutral' | 'unfav' | 'plain'

export interface ResultBar {
  /** The answer as the report keys it: "1"…"5", "0"…"10", "true"/"false", an option. */
  value: string
  label: string
  count: number
  /** Of the question's n (for a multi question, of the people who answered it). */
  share: number
  tone: Tone
}

/** The colour of an answer, as on the organizer's report: agreement and eNPS bands. */
function toneOf(kind: Question['kind'], value: string): Tone {
  const v = Number(value)
  if (kind === 'likert5') return v >= 4 ? 'fav' : v === 3 ? 'neutral' : 'unfav'
  if (kind === 'scale10') return v >= 9 ? 'fav' : v >= 7 ? 'neutral' : 'unfav'
  return 'plain'
}

/** The values a question's distribution holds, in the question's own order. */
function valuesOf(q: Question, distribution: Record<string, number>): string[] {
  if (q.kind === 'likert5') return ['1', '2', '3', '4', '5']
  if (q.kind === 'scale10') return Array.from({ length: 11 }, (_, i) => String(i))
  if (q.kind === 'yesno') return ['true', 'false']
  return q.options ?? Object.keys(distribution)
}

/**
 * One bar per possible answer of a released question, in the question's order, labelled by
 * `label`; none for a hidden question.
 */
export function resultBars(
  q: Question,
  r: QuestionResult,
  label: (value: string) => string,
): ResultBar[] {
  if (r.suppressed || !r.distribution) return []
  const n = r.n ?? 0
  return valuesOf(q, r.distribution).map((value) => {
    const count = r.distribution![value] ?? 0
    return {
      value,
      label: label(value),
      count,
      share: n > 0 ? count / n : 0,
      tone: toneOf(q.kind, value),
    }
  })
}

export interface Drawn {
  bar: ResultBar
  /** The bar's length (a row) or height (a column), in SVG units. */
  length: number
}

/** Bars scaled so the most chosen answer fills `track`, as the organizer's charts scale them. */
export function drawBars(bars: ResultBar[], track: number): Drawn[] {
  const max = Math.max(0, ...bars.map((b) => b.share))
  return bars.map((bar) => ({ bar, length: barLength(max ? bar.share / max : 0, 1, track) }))
}

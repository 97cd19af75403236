// How report numbers read: "3.8", "72%", "+24", "3.4–4.2", change phrases and heatmap colour
// bins. The API sends unrounded numbers; rounding happens only here, at display.
import type { Change, QuestionKind } from '../api-types'
import * as figures from '../../member/figures'

/** Zero after rounding is written without a sign ("-0.0" → "0.0"). */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits)
  return Number(text) === 0 ? (0).toFixed(digits) : text
}

// Means, shares, participation and eNPS read exactly as on the member pages: one formatter
// (web/member/figures.ts) for both, in English here.

/** A mean to one decimal: 3.857 → "3.9". */
export const formatMean = (value: number) => figures.formatMean(value)

/** A share 0–1 as a whole percentage: 0.7249 → "72%". */
export const formatShare = (value: number) => figures.formatShare(value)

/** Participation rounded down, so a rate never reads higher than it is: 10 of 11 → "90%". */
export const formatRate = (responded: number | null, eligible: number) =>
  figures.formatRate(responded, eligible)

/** eNPS as a signed whole number: 24.3 → "+24", −12 → "−12", 0 → "0". */
export const formatNps = (value: number) => figures.formatNps(value)

/** A released respondent count, or "fewer than k" where it was not released (null). */
export function formatResponded(responded: number | null, k: number): string {
  return responded === null ? `fewer than ${k}` : String(responded)
}

/** A 95% interval of means: [3.41, 4.22] → "3.4–4.2". */
export function formatCi([lo, hi]: [number, number]): string {
  return `${formatMean(lo)}–${formatMean(hi)}`
}

/** A count with its noun: 1 → "1 person", 3 → "3 people". */
export function people(count: number): string {
  return `${count} ${count === 1 ? 'person' : 'people'}`
}

export type Metric = 'mean' | 'favorable' | 'nps' | 'yes'

/** The size of a change in its metric's units: "0.4", "12 points" (shares), "24" (eNPS). */
export function changeAmount(metric: Metric, delta: number): string {
  const size = Math.abs(delta)
  if (metric === 'mean') return fixed(size, 1)
  if (metric === 'nps') return fixed(size, 0)
  const points = fixed(size * 100, 0)
  return `${points} point${points === '1' ? '' : 's'}`
}

/**
 * A change since the previous pulse in words. Only a significant change gets a direction
 * ("up 0.4 since last pulse"); anything within its uncertainty is "no clear change", so noise is
 * never read as a trend.
 */
export function changePhrase(metric: Metric, change: Change | undefined): string | undefined {
  if (!change) return undefined
  if (!change.significant || change.delta === 0) return 'no clear change'
  const way = change.delta > 0 ? 'up' : 'down'
  return `${way} ${changeAmount(metric, change.delta)} since last pulse`
}

/** Where a value sits on its metric's full range, 0 (worst) … 1 (best). */
export function position(metric: Metric, value: number, kind: QuestionKind = 'likert5'): number {
  const raw =
    metric === 'mean'
      ? kind === 'scale10'
        ? value / 10
        : (value - 1) / 4
      : metric === 'nps'
        ? (value + 100) / 200
        : value
  return Math.min(1, Math.max(0, raw))
}

/** The number of colour steps in the heatmap, from "low" (0) to "high" (HEAT_BINS − 1). */
export const HEAT_BINS = 5

/** The colour step of a position 0–1: equal-width bins, 1 itself in the top one. */
export function heatBin(at: number): number {
  if (!Number.isFinite(at)) return 0
  return Math.min(HEAT_BINS - 1, Math.max(0, Math.floor(at * HEAT_BINS)))
}

/** The value range each colour step stands for, for the heatmap's legend. */
export function heatLegend(metric: 'mean' | 'favorable'): string[] {
  return Array.from({ length: HEAT_BINS }, (_, i) => {
    const [a, b] = [i / HEAT_BINS, (i + 1) / HEAT_BINS]
    if (metric === 'favorable') return `${formatShare(a)}–${formatShare(b)}`
    return `${formatMean(1 + a * 4)}–${formatMean(1 + b * 4)}`
  })
}

/** A pulse's closing day, short: "26 Nov". */
export function shortDate(iso: string, locale?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(date)
}

/** A report group's name: "team: altos", "everyone", or the pooled rest of a cut. */
export function cohortLabel(cohort: Record<string, string>, by?: string): string {
  const entries = Object.entries(cohort)
  if (entries.length) return entries.map(([k, v]) => `${k}: ${v}`).join(', ')
  return by ? `other or no ${by}` : 'everyone'
}

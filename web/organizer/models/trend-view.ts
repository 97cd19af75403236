// A survey's trend arranged as chart series: one value per closed pulse, `undefined` where that
// pulse showed nothing for the group (the line breaks there rather than inventing a value).
import type { Pulse, Question, ReportGroup, Trend, TrendGroup } from '../api-types'
import { formatRate, shortDate } from './report-format'
import { statsOf, type HeatColumn, type HeatColumns, type HeatMetric } from './report-view'

export interface Series {
  name: string
  values: (number | undefined)[]
  /** A 95% interval per value, for a confidence band. */
  bands?: ([number, number] | undefined)[]
}

/** The x axis: one label per closed pulse, numbered, with its closing day. */
export interface PulseAxis {
  labels: string[]
  /** For tables: "Pulse 2, 26 Nov". */
  names: string[]
}

export function pulseAxis(pulses: { closesAt: string }[]): PulseAxis {
  const days = pulses.map((p) => shortDate(p.closesAt))
  return {
    labels: days.map((day, i) => `#${i + 1} ${day}`),
    names: days.map((day, i) => `Pulse ${i + 1}, ${day}`),
  }
}

/** The uncut trend's one group (everyone), if the survey has released anything. */
export function overall(trend: Trend): TrendGroup | undefined {
  return trend.groups.find((g) => Object.keys(g.cohort).length === 0) ?? trend.groups[0]
}

/** Every dimension's mean over the pulses, in the order the survey first names them. */
export function dimensionSeries(group: TrendGroup | undefined, questions: Question[]): Series[] {
  const likert = questions.filter((q) => q.kind === 'likert5' && q.dimension)
  const names = [...new Set(likert.map((q) => q.dimension!))]
  return names.map((name) => ({
    name,
    values: (group?.series ?? []).map((point) =>
      point.suppressed ? undefined : point.dimensions?.find((d) => d.dimension === name)?.mean,
    ),
  }))
}

/** One question's mean with its 95% interval over the pulses. */
export function questionSeries(group: TrendGroup | undefined, question: Question): Series {
  const stats = (group?.series ?? []).map((point) => statsOf(point, question.id))
  return {
    name: question.prompt,
    values: stats.map((s) => s?.mean),
    bands: stats.map((s) => s?.ci95),
  }
}

/** eNPS of a scale10 question over the pulses. */
export function npsSeries(group: TrendGroup | undefined, question: Question): Series {
  return {
    name: 'eNPS',
    values: (group?.series ?? []).map((point) => statsOf(point, question.id)?.nps),
  }
}

export interface ParticipationPoint {
  pulseId: string
  closesAt: string
  eligible: number
  /** Null when fewer than k responded (never released). */
  responded: number | null
  rate: number | null
  /** The pulse's minGroupSize. */
  k: number
}

/** Closed pulses oldest first with their exact participation, for the participation chart. */
export function participationSeries(pulses: Pulse[]): ParticipationPoint[] {
  return pulses
    .filter((p) => p.status === 'closed')
    .sort((a, b) => Date.parse(a.closesAt) - Date.parse(b.closesAt))
    .map((p) => ({
      pulseId: p.id,
      closesAt: p.closesAt,
      eligible: p.eligible,
      responded: p.responded,
      rate: p.responded === null ? null : p.eligible > 0 ? p.responded / p.eligible : 0,
      k: p.minGroupSize,
    }))
}

/**
 * The participation chart in a sentence: every pulse's rate while they are few; beyond eight,
 * the latest, the lowest and the highest (the table under the chart lists them all).
 */
export function participationSummary(points: ParticipationPoint[]): string {
  const text = (p: ParticipationPoint) =>
    p.responded === null ? `fewer than ${p.k}` : formatRate(p.responded, p.eligible)
  if (points.length <= 8)
    return `Share of eligible members who responded, pulse by pulse: ${points.map(text).join(', ')}.`
  const names = pulseAxis(points).names
  const rated = points.map((p, i) => ({ p, i })).filter(({ p }) => p.rate !== null)
  const parts = [`${points.length} pulses; latest ${text(points.at(-1)!)}`]
  if (rated.length) {
    const low = rated.reduce((a, b) => (b.p.rate! < a.p.rate! ? b : a))
    const high = rated.reduce((a, b) => (b.p.rate! > a.p.rate! ? b : a))
    parts.push(
      `lowest ${text(low.p)} (${names[low.i]})`,
      `highest ${text(high.p)} (${names[high.i]})`,
    )
  }
  return `Share of eligible members who responded: ${parts.join('; ')}.`
}

/** A trend's groups at one pulse, shaped as that pulse's report groups (for the heatmap). */
export function groupsAt(trend: Trend, pulseId: string): ReportGroup[] {
  const at = trend.pulses.findIndex((p) => p.id === pulseId)
  if (at < 0) return []
  return trend.groups.map((g) => {
    const { pulseId: _, ...numbers } = g.series[at]
    return { cohort: g.cohort, ...numbers }
  })
}

/** The most lines one chart tells apart (report.css styles series-0 … series-5). */
export const MAX_LINES = 6

/** The name of a cut's group on a line over time: its value, or what its `{}` group holds. */
export function trendGroupName(cohort: Record<string, string>, by: string): string {
  const entries = Object.entries(cohort)
  if (entries.length) return entries.map(([k, v]) => `${k}: ${v}`).join(', ')
  return `${by}: mixed or merged`
}

/**
 * One line per group of a cut over the pulses: a dimension's or a question's mean or favorable
 * share, `undefined` where the pulse hid the group or the question. Groups with no value at any
 * pulse are left out; at most `MAX_LINES`, in the trend's order (by value, the `{}` group last).
 */
export function groupSeries(
  trend: Trend,
  column: HeatColumn,
  kind: HeatColumns,
  metric: HeatMetric,
  by: string,
): { series: Series[]; omitted: number } {
  const all = trend.groups
    .map((group) => ({
      name: trendGroupName(group.cohort, by),
      values: group.series.map((point) => {
        if (point.suppressed) return undefined
        const source =
          kind === 'dimensions'
            ? point.dimensions?.find((d) => d.dimension === column.key)
            : statsOf(point, column.key)
        return metric === 'mean' ? source?.mean : source?.favorable
      }),
    }))
    .filter((s) => s.values.some((v) => v !== undefined))
  return { series: all.slice(0, MAX_LINES), omitted: Math.max(0, all.length - MAX_LINES) }
}

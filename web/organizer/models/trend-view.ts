// A survey's trend arranged as chart series: one value per closed pulse, `undefined` where that
// pulse showed nothing for the group (the line breaks there rather than inventing a value).
import type { Pulse, Question, ReportGroup, Trend, TrendGroup } from '../api-types'
import { shortDate } from './report-format'
import { statsOf } from './report-view'

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

/** A trend's groups at one pulse, shaped as that pulse's report groups (for the heatmap). */
export function groupsAt(trend: Trend, pulseId: string): ReportGroup[] {
  const at = trend.pulses.findIndex((p) => p.id === pulseId)
  if (at < 0) return []
  return trend.groups.map((g) => {
    const { pulseId: _, ...numbers } = g.series[at]
    return { cohort: g.cohort, ...numbers }
  })
}

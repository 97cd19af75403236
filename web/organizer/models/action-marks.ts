// Where a survey's trend charts mark the days its actions started and ended: between the pulses
// that closed before and after that day, so a reader sees which pulses came after a change.
import type { Action } from '../api-types'
import { shortDate } from './report-format'

/** A mark on a pulse axis: `at` is a fractional pulse index (1.5 = halfway from #2 to #3). */
export interface ActionMark {
  at: number
  /** Its number on the chart, from 1, in the order of the days. */
  n: number
  label: string
}

// A day is placed at its end: an action started the day a pulse closed began after its report.
const dayMs = (day: string) => Date.parse(`${day}T23:59:59.999Z`)

/**
 * The starts and ends of `actions` placed on the axis of `pulses` (closed pulses in order): a day
 * before the first close sits just left of it, a day after the last just right of it.
 */
export function actionMarks(actions: Action[], pulses: { closesAt: string }[]): ActionMark[] {
  const closes = pulses.map((p) => Date.parse(p.closesAt))
  if (!closes.length) return []
  const place = (ms: number) => {
    if (ms <= closes[0]) return -0.4
    const last = closes.length - 1
    if (ms >= closes[last]) return last + 0.4
    const i = closes.findIndex((c, j) => c <= ms && ms < closes[j + 1])
    return i + (ms - closes[i]) / (closes[i + 1] - closes[i])
  }
  const events = actions.flatMap((a) => [
    ...(a.startedOn ? [{ day: a.startedOn, label: `“${a.title}” started` }] : []),
    ...(a.endedOn
      ? [{ day: a.endedOn, label: `“${a.title}” ${a.status === 'dropped' ? 'dropped' : 'done'}` }]
      : []),
  ])
  return events
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map((e, i) => ({
      at: place(dayMs(e.day)),
      n: i + 1,
      label: `${e.label} ${shortDate(`${e.day}T12:00:00Z`)}`,
    }))
}

/** Marks drawn at (nearly) the same place share one line, labelled with all their numbers. */
export function groupMarks(marks: ActionMark[], x: (at: number) => number, within = 10) {
  const groups: { x: number; label: string }[] = []
  for (const mark of marks) {
    const at = x(mark.at)
    const near = groups.find((g) => Math.abs(g.x - at) < within)
    if (near) near.label += `,${mark.n}`
    else groups.push({ x: at, label: String(mark.n) })
  }
  return groups
}

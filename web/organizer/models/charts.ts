// Geometry of the report charts: scales, axis ticks, positions and SVG path data. Pure, so the
// charts' numbers are tested without a DOM. Coordinates are rounded to 0.1 to keep paths short.

export type Domain = [number, number]

const tenth = (n: number) => Math.round(n * 10) / 10

/**
 * Maps `domain` linearly onto `range` (either may run backwards, as a y axis does), clamping
 * values outside the domain to its ends; a domain of zero width maps everything to the range's
 * middle.
 */
export function linearScale(domain: Domain, range: Domain): (value: number) => number {
  const [d0, d1] = domain
  const [r0, r1] = range
  const lo = Math.min(d0, d1)
  const hi = Math.max(d0, d1)
  return (value) => {
    if (d0 === d1) return (r0 + r1) / 2
    const v = Math.min(hi, Math.max(lo, value))
    return r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
  }
}

/**
 * About `count` round tick values (steps of 1, 2 or 5 times a power of ten) covering
 * [min, max], both ends included when they fall on a step.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return []
  if (min === max) return [min]
  const [lo, hi] = min < max ? [min, max] : [max, min]
  const rough = (hi - lo) / Math.max(1, count - 1)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough * 0.999) ?? 10 * power
  const ticks: number[] = []
  // Integer multiples of the step avoid drifting sums like 0.30000000000000004.
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    ticks.push(Number((i * step).toPrecision(12)))
  }
  return ticks
}

/** `count` x positions spread evenly over [left, right]; a single one sits in the middle. */
export function spread(count: number, [left, right]: Domain): number[] {
  if (count <= 0) return []
  if (count === 1) return [tenth((left + right) / 2)]
  const step = (right - left) / (count - 1)
  return Array.from({ length: count }, (_, i) => tenth(left + i * step))
}

export interface Point {
  x: number
  y: number
}

/**
 * SVG path data through `points`, broken where a point is missing (a suppressed pulse): each
 * run of present points becomes its own `M … L …` piece. A run of one point draws nothing here
 * (the chart marks every point with a dot anyway).
 */
export function linePath(points: (Point | undefined)[]): string {
  return runs(points)
    .filter((run) => run.length > 1)
    .map((run) => run.map((p, i) => `${i ? 'L' : 'M'}${tenth(p.x)} ${tenth(p.y)}`).join(''))
    .join('')
}

export interface BandPoint {
  x: number
  /** Screen y of the interval's two ends. */
  y0: number
  y1: number
}

/**
 * A confidence band: one closed area per run of present points (along the upper ends, back
 * along the lower ends), and for a lone point, which has no area, a vertical whisker.
 */
export function bandPaths(points: (BandPoint | undefined)[]): {
  areas: string[]
  whiskers: string[]
} {
  const areas: string[] = []
  const whiskers: string[] = []
  for (const run of runs(points)) {
    if (run.length === 1) {
      const p = run[0]
      whiskers.push(`M${tenth(p.x)} ${tenth(p.y0)}L${tenth(p.x)} ${tenth(p.y1)}`)
      continue
    }
    const there = run.map((p, i) => `${i ? 'L' : 'M'}${tenth(p.x)} ${tenth(p.y0)}`)
    const back = [...run].reverse().map((p) => `L${tenth(p.x)} ${tenth(p.y1)}`)
    areas.push(`${there.join('')}${back.join('')}Z`)
  }
  return { areas, whiskers }
}

/** Consecutive present items, split at the missing ones. */
function runs<T>(items: (T | undefined)[]): T[][] {
  const out: T[][] = []
  let current: T[] = []
  for (const item of items) {
    if (item === undefined) {
      if (current.length) out.push(current)
      current = []
    } else current.push(item)
  }
  if (current.length) out.push(current)
  return out
}

export interface Segment {
  x: number
  width: number
}

/**
 * Lays shares (fractions that add up to about 1) side by side over `width`, in order. Edges are
 * rounded from the running total, so the segments meet exactly and fill the whole width.
 */
export function stackSegments(shares: number[], width: number): Segment[] {
  const total = shares.reduce((sum, s) => sum + Math.max(0, s), 0)
  let running = 0
  return shares.map((share) => {
    const start = total > 0 ? tenth((running / total) * width) : 0
    running += Math.max(0, share)
    const end = total > 0 ? tenth((running / total) * width) : 0
    return { x: start, width: tenth(end - start) }
  })
}

/** The length of a bar for `value` out of `max` over `length`; never negative, at most `length`. */
export function barLength(value: number, max: number, length: number): number {
  if (!(max > 0) || !(value > 0)) return 0
  return tenth(Math.min(1, value / max) * length)
}

/** Cuts `text` to at most `max` characters, ending in "…" when it was longer. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/**
 * Which of `count` axis labels to print so that at most about `max` fit side by side: all of
 * them when they fit; otherwise every k-th from the first and always the last (the latest
 * pulse), dropping one that would sit closer than k to the last. The data table under each chart
 * names every pulse.
 */
export function shownLabels(count: number, max = 6): boolean[] {
  const every = Math.max(1, Math.ceil(count / Math.max(1, max)))
  return Array.from(
    { length: count },
    (_, i) => i === count - 1 || (i % every === 0 && count - 1 - i >= every),
  )
}

// Exact linear algebra over the rationals for the disclosure audit (disclosure.ts): which unions
// of cohorts can be derived by adding and subtracting released numbers. A subspace of Q^n is kept
// in reduced row echelon form with integer rows (fraction-free elimination on BigInt, never a
// floating-point number), so "this union is (not) derivable" is a proof, not an estimate.

export interface BasisRow {
  /** The row's first nonzero coordinate; every other basis row is zero there. */
  readonly pivot: number
  /** The basis vector times a positive factor: coprime integers, positive at the pivot. */
  readonly entries: readonly bigint[]
}

type Vector = readonly (number | bigint)[]

/** The span of the vectors added so far, as a reduced row echelon basis. */
export class RationalSpan {
  private readonly rows: { pivot: number; entries: bigint[] }[] = []

  constructor(readonly dimension: number) {}

  get rank(): number {
    return this.rows.length
  }

  /** The basis in reduced row echelon form, ordered by pivot. */
  basis(): readonly BasisRow[] {
    return this.rows
  }

  /** Adds a vector (integer coordinates); true when it was outside the span, so the rank grew. */
  add(vector: Vector): boolean {
    const entries = this.reduce(vector)
    const pivot = entries.findIndex((x) => x !== 0n)
    if (pivot < 0) return false
    normalize(entries, pivot)
    for (const row of this.rows) {
      if (row.entries[pivot] === 0n) continue
      eliminate(row.entries, entries, pivot)
      normalize(row.entries, row.pivot)
    }
    const at = this.rows.findIndex((row) => row.pivot > pivot)
    this.rows.splice(at < 0 ? this.rows.length : at, 0, { pivot, entries })
    return true
  }

  /** Whether a vector (integer coordinates) is a rational combination of the vectors added. */
  contains(vector: Vector): boolean {
    return this.reduce(vector).every((x) => x === 0n)
  }

  private reduce(vector: Vector): bigint[] {
    if (vector.length !== this.dimension) throw new RangeError('vector of the wrong dimension')
    const entries = vector.map((x) => BigInt(x))
    for (const row of this.rows) {
      if (entries[row.pivot] === 0n) continue
      eliminate(entries, row.entries, row.pivot)
      if (row.entries[row.pivot] !== 1n) shrink(entries)
    }
    return entries
  }
}

/** target ← row[p]·target − target[p]·row: zero at p, still integral, the same span. */
function eliminate(target: bigint[], row: readonly bigint[], p: number): void {
  const a = row[p]
  const b = target[p]
  for (let j = 0; j < target.length; j++) {
    if (row[j] !== 0n) target[j] = a * target[j] - b * row[j]
    else if (a !== 1n && target[j] !== 0n) target[j] *= a
  }
}

/** Divides out the entries' common factor, so numbers stay small. */
function shrink(entries: bigint[]): void {
  let g = 0n
  for (const x of entries) if (x !== 0n) g = gcd(g, x < 0n ? -x : x)
  if (g > 1n) for (let j = 0; j < entries.length; j++) entries[j] /= g
}

/** Shrinks the entries and makes the pivot positive. */
function normalize(entries: bigint[], pivot: number): void {
  shrink(entries)
  if (entries[pivot] < 0n) for (let j = 0; j < entries.length; j++) entries[j] = -entries[j]
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

export interface DerivableUnion {
  /** The items in the union, ascending. */
  items: number[]
  /** Per set: whether every combination of the sets that gives the union uses this set. */
  needed: boolean[]
}

/**
 * Finds a union of items weighing 1..maxWeight in all whose indicator vector is a rational
 * combination of the indicator vectors of `sets` (what adding and subtracting the sets' totals and
 * histograms reveals), or proves there is none (null); 'bound' when `maxSteps` candidates were
 * examined first. Items of weight 0 are left out of every vector (they change no total, so an
 * attacker may treat them as anything), hence only items weighing 1..maxWeight can be in it.
 * Exact, exhaustive and deterministic.
 */
export function findDerivableUnion(
  sets: readonly (readonly number[])[],
  weights: readonly number[],
  maxWeight: number,
  maxSteps: number,
): DerivableUnion | null | 'bound' {
  const heavy: number[] = []
  const light: number[] = []
  weights.forEach((w, item) => (w > maxWeight ? heavy : w > 0 ? light : []).push(item))
  if (light.length === 0) return null
  // Coordinates: the heavy items (the union must be 0 there), the light ones, then one per set,
  // which records how each basis vector combines the sets. The basis vectors that are 0 on every
  // item are then exactly the dependencies among the sets: a set is needed when the union's
  // combination uses it and no dependency involves it.
  const column = new Map([...heavy, ...light].map((item, j) => [item, j]))
  const to = heavy.length + light.length
  const span = new RationalSpan(to + sets.length)
  sets.forEach((set, s) => {
    const vector = new Array<number>(span.dimension).fill(0)
    for (const item of set) if (column.has(item)) vector[column.get(item)!] = 1
    vector[to + s] = 1
    span.add(vector)
  })
  const found = findBinaryVector(
    span,
    heavy.length,
    to,
    maxWeight,
    maxSteps,
    (j) => weights[light[j - heavy.length]],
  )
  if (found === null || found === 'bound') return found
  const dependencies = span.basis().filter((row) => row.pivot >= to)
  return {
    items: found.ones.map((j) => light[j - heavy.length]).sort((a, b) => a - b),
    needed: sets.map(
      (_, s) => found.tail[s] !== 0n && dependencies.every((d) => d.entries[to + s] === 0n),
    ),
  }
}

/**
 * Finds a vector of the span that is 0 before `from`, 0 or 1 on [from, to) with at least one 1
 * and ones weighing at most `maxWeight`, any value from `to` on; returns its ones and its tail
 * (times a positive factor). With those zero coordinates first in the reduced echelon basis,
 * such a vector is the sum of the basis rows (scaled to 1 at their pivots) whose pivots are its
 * ones in [from, to): so only sets of those rows whose pivots weigh ≤ maxWeight are tried, and
 * since a minimal one lies within one group of rows sharing coordinates in [from, to), the
 * groups are searched one at a time.
 */
function findBinaryVector(
  span: RationalSpan,
  from: number,
  to: number,
  maxWeight: number,
  maxSteps: number,
  weight: (coordinate: number) => number,
): { ones: number[]; tail: bigint[] } | null | 'bound' {
  const rows = span.basis().filter((row) => row.pivot >= from && row.pivot < to)
  const parent = rows.map((_, i) => i)
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])))
  const owner = new Map<number, number>()
  rows.forEach((row, i) => {
    for (let j = from; j < to; j++) {
      if (row.entries[j] === 0n) continue
      const other = owner.get(j)
      if (other === undefined) owner.set(j, i)
      else parent[root(i)] = root(other)
    }
  })
  let steps = 0
  for (let first = 0; first < rows.length; first++) {
    if (root(first) !== first) continue
    const group = rows.filter((_, i) => root(i) === first)
    const columns = [...owner.keys()].filter((j) => root(owner.get(j)!) === first)
    let scale = 1n
    for (const { pivot, entries } of group) {
      scale = (scale * entries[pivot]) / gcd(scale, entries[pivot])
    }
    // Each row scaled to `scale` at its pivot: a sum of rows is binary where it is 0 or `scale`.
    const factors = group.map(({ pivot, entries }) => scale / entries[pivot])
    const scaled = group.map(({ entries }, i) => columns.map((j) => entries[j] * factors[i]))
    const sum = columns.map(() => 0n)
    const chosen: number[] = []
    const toggle = (i: number, sign: bigint) => scaled[i].forEach((x, c) => (sum[c] += sign * x))
    const light = () =>
      columns.reduce((w, j, c) => (sum[c] === 0n ? w : w + weight(j)), 0) <= maxWeight
    const search = (start: number, pivotWeight: number): boolean | 'bound' => {
      for (let i = start; i < group.length; i++) {
        const w = pivotWeight + weight(group[i].pivot)
        if (w > maxWeight) continue
        if (++steps > maxSteps) return 'bound'
        toggle(i, 1n)
        chosen.push(i)
        if (sum.every((x) => x === 0n || x === scale) && light()) return true
        const deeper = search(i + 1, w)
        if (deeper !== false) return deeper
        toggle(i, -1n)
        chosen.pop()
      }
      return false
    }
    const found = search(0, 0)
    if (found === 'bound') return 'bound'
    if (!found) continue
    const tail = Array.from({ length: span.dimension - to }, (_, t) =>
      chosen.reduce((x, i) => x + group[i].entries[to + t] * factors[i], 0n),
    )
    return { ones: columns.filter((_, c) => sum[c] !== 0n), tail }
  }
  return null
}

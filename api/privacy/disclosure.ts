// The disclosure gate (DESIGN.md, "The anonymity model", points 4–6): run once when a pulse
// closes, it decides which groups, and which optional questions in them, may be released. Every
// report, trend, CSV and member result reads only what it released, so this is where "no union
// of fewer than k respondents can be derived" is enforced.
import { findDerivableUnion } from './rational-span'

export interface CohortCounts {
  id: string
  /** The attributes the cohort keeps: a prefix of the pulse's attribute order. */
  cohort: Record<string, string>
  respondents: number
  /** Per optional question id: how many of the cohort's respondents answered it. */
  answered: Record<string, number>
}

export interface Group {
  /** `{}` for everyone, or for the cohorts that do not keep the cut's attribute X; else `{ X: v }`. */
  cohort: Record<string, string>
  cohortIds: string[]
}

export interface DisclosedGroup extends Group {
  /** Exact, for the caller's bookkeeping; never to be shown for a suppressed group. */
  respondents: number
  suppressed: boolean
  /** The optional questions whose numbers this group must not show; [] when it is suppressed. */
  suppressedQuestions: string[]
}

export interface Disclosure {
  /** Per cut key ('' for everyone, else the attribute): its groups in report order. */
  cuts: Record<string, DisclosedGroup[]>
  /** A search hit its bound: at most the overall group is released. */
  failSafe: boolean
}

/** Noise mode: a group's noisy counts, which the primary and complementary thresholds read. */
export interface NoisyCounts {
  respondents: number
  /** Per optional question, the noisy n; a question left out is thresholded on its exact n. */
  answered?: Record<string, number>
}

export interface DisclosureInput {
  cohorts: CohortCounts[]
  attributes: string[]
  /** The pulse's minGroupSize, at least 3. */
  k: number
  optionalQuestions: string[]
  /** Per cut key, per group in `formGroups` order. The linear audit always reads exact counts. */
  noisy?: Record<string, NoisyCounts[]>
}

export interface DisclosureOptions {
  /** Candidate unions one search may examine before the gate fails safe (default 50,000). */
  maxUnions?: number
  /** For tests only: switch rules off to show that each is load-bearing. */
  rules?: { complementary?: boolean; linear?: boolean }
}

type Cut = { key: string; groups: { cohort: Record<string, string>; members: number[] }[] }

function cutsOf(cohorts: readonly { cohort: Record<string, string> }[], attributes: string[]) {
  const cuts: Cut[] = [{ key: '', groups: [{ cohort: {}, members: cohorts.map((_, i) => i) }] }]
  for (const attribute of attributes) {
    const byValue = new Map<string, number[]>()
    const rest: number[] = []
    cohorts.forEach(({ cohort }, i) => {
      if (!Object.hasOwn(cohort, attribute)) return rest.push(i)
      byValue.set(cohort[attribute], [...(byValue.get(cohort[attribute]) ?? []), i])
    })
    const values = [...byValue.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const groups = values.map((v) => ({ cohort: { [attribute]: v }, members: byValue.get(v)! }))
    if (rest.length > 0) groups.push({ cohort: {}, members: rest })
    cuts.push({ key: attribute, groups })
  }
  return cuts
}

/**
 * The groups a pulse's reports may show, per cut key: '' holds the one group of everyone; each
 * attribute X, one group per value of X among the cohorts that keep X (by value, in code unit
 * order), then one group `{}` of the cohorts that do not keep X, if any. So every group is a
 * union of cohorts and every cut a partition of them. Cohort ids keep the input order.
 */
export function formGroups(
  cohorts: readonly { id: string; cohort: Record<string, string> }[],
  attributes: string[],
): Record<string, Group[]> {
  return Object.fromEntries(
    cutsOf(cohorts, attributes).map(({ key, groups }) => [
      key,
      groups.map((g) => ({ cohort: g.cohort, cohortIds: g.members.map((i) => cohorts[i].id) })),
    ]),
  )
}

/**
 * Decides what a closed pulse may release, deterministically, by DESIGN.md point 5. Primary: a
 * group with fewer than k respondents, or none, is suppressed. Complementary, per cut: while the
 * suppressed groups hold 1..k−1, the released one with the fewest goes too (ties: first in group
 * order). In noise mode these two read the noisy counts. Then the linear audit, on exact counts.
 * The same rules then run per optional question on the counts of those who answered it, over
 * the groups still released, suppressing only that question there.
 * Guarantee (unless `rules` switch some off): no union of cohorts holding 1..k−1 respondents, or
 * 1..k−1 answers to an optional question, is a rational combination of the groups released for
 * that number, all cuts together; so none can be derived by adding and subtracting released
 * sums and histograms. While one can, the audit suppresses the group with the fewest exact
 * respondents (answers) from the first non-empty one of: the released groups but the overall one
 * that every derivation of that union needs; those holding a cohort of it; the overall group.
 * Ties go to cut order, then group order. If one search examines `maxUnions` candidates without
 * an answer, it fails safe: only the overall group, with only the numbers whose exact and noisy
 * counts are at least k, is released.
 */
export function disclose(input: DisclosureInput, options: DisclosureOptions = {}): Disclosure {
  validate(input)
  const { cohorts, attributes, k, optionalQuestions, noisy } = input
  const cuts = cutsOf(cohorts, attributes)
  const rules = { complementary: true, linear: true, ...options.rules }
  const maxUnions = options.maxUnions ?? 50_000
  // One measure per thresholded number: the respondents, then each optional question's n.
  const measures = [undefined, ...optionalQuestions].map((q) => {
    const weights = cohorts.map((c) =>
      q === undefined ? c.respondents : (own(c.answered, q) ?? 0),
    )
    const exact = cuts.map(({ groups }) => groups.map((g) => sum(g.members, (m) => weights[m])))
    const noisyOf = ({ respondents, answered = {} }: NoisyCounts) =>
      q === undefined ? respondents : own(answered, q)
    const primary = exact.map((row, c) =>
      row.map((n, g) => (noisy ? noisyOf(noisy[cuts[c].key][g]) : undefined) ?? n),
    )
    return { weights, exact, primary }
  })
  let shown: boolean[][][] = []
  let failSafe = false
  for (const { weights, exact, primary } of measures) {
    const open = shown[0] ?? cuts.map((cut) => cut.groups.map(() => true))
    const released = open.map((row, c) =>
      row.map((o, g) => o && exact[c][g] > 0 && primary[c][g] >= k),
    )
    if (rules.complementary) released.forEach((row, c) => complement(row, primary[c], k))
    failSafe = rules.linear && audit(cuts, released, weights, exact, k, maxUnions)
    if (failSafe) break
    shown.push(released)
  }
  if (failSafe) {
    // The overall group alone reveals one union, everyone: released where that holds ≥ k.
    const passes = measures.map(({ exact, primary }) => Math.min(exact[0][0], primary[0][0]) >= k)
    shown = passes.map((p) => cuts.map((cut, c) => cut.groups.map(() => c === 0 && p && passes[0])))
  }
  return {
    failSafe,
    cuts: Object.fromEntries(
      cuts.map((cut, c) => [
        cut.key,
        cut.groups.map((g, i) => ({
          cohort: g.cohort,
          cohortIds: g.members.map((m) => cohorts[m].id),
          respondents: measures[0].exact[c][i],
          suppressed: !shown[0][c][i],
          suppressedQuestions: shown[0][c][i]
            ? optionalQuestions.filter((_, q) => !shown[q + 1][c][i])
            : [],
        })),
      ]),
    ),
  }
}

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined
const sum = (items: number[], f: (item: number) => number) => items.reduce((s, i) => s + f(i), 0)

/** Within one cut: while the suppressed groups hold 1..k−1, suppress the smallest released one. */
function complement(released: boolean[], counts: number[], k: number): void {
  for (;;) {
    const hidden = counts.reduce((s, n, g) => (released[g] ? s : s + n), 0)
    let next = -1
    for (let g = 0; g < counts.length; g++) {
      if (released[g] && (next < 0 || counts[g] < counts[next])) next = g
    }
    if (hidden < 1 || hidden >= k || next < 0) return
    released[next] = false
  }
}

/** The linear audit: suppresses groups until no small union is derivable; true if it gave up. */
function audit(
  cuts: Cut[],
  released: boolean[][],
  weights: number[],
  exact: number[][],
  k: number,
  maxUnions: number,
) {
  for (;;) {
    const rows = cuts.flatMap((cut, c) =>
      cut.groups.flatMap((g, i) => (released[c][i] ? [{ c, i, members: g.members }] : [])),
    )
    const sets = rows.map((r) => r.members)
    const leak = findDerivableUnion(sets, weights, k - 1, maxUnions)
    if (leak === null || leak === 'bound') return leak === 'bound'
    const inLeak = new Set(leak.items)
    const others = rows.filter((r) => r.c > 0)
    const needed = others.filter((r) => leak.needed[rows.indexOf(r)])
    const touching = others.filter((r) => r.members.some((m) => inLeak.has(m)))
    // When no other released group holds a cohort of the leak, the overall group does.
    const pool = [needed, touching, rows.filter((r) => r.c === 0)].find((p) => p.length > 0)!
    const pick = pool.reduce((a, b) => (exact[b.c][b.i] < exact[a.c][a.i] ? b : a))
    released[pick.c][pick.i] = false
  }
}

function validate({ cohorts, attributes, k, optionalQuestions, noisy }: DisclosureInput): void {
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new RangeError(message)
  }
  const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0
  check(Number.isInteger(k) && k >= 3, 'k must be an integer of at least 3')
  check(
    !attributes.includes('') && new Set(attributes).size === attributes.length,
    'attributes must be distinct and non-empty',
  )
  check(new Set(cohorts.map((c) => c.id)).size === cohorts.length, 'cohort ids must be unique')
  for (const { id, cohort, respondents, answered } of cohorts) {
    const keys = Object.keys(cohort)
    const prefix = new Set(attributes.slice(0, keys.length))
    check(
      keys.length <= attributes.length && keys.every((key) => prefix.has(key)),
      `cohort ${id} keeps [${keys}], not a prefix of [${attributes}]`,
    )
    check(isCount(respondents), `cohort ${id}: respondents must be a count`)
    for (const q of optionalQuestions) {
      // A missing count would leave answers out of the audit that the histograms still hold.
      const n = own(answered, q) ?? (respondents === 0 ? 0 : -1)
      check(isCount(n) && n <= respondents, `cohort ${id}: answered[${q}] must be 0..respondents`)
    }
  }
  for (const { key, groups } of noisy ? cutsOf(cohorts, attributes) : []) {
    check(own(noisy!, key)?.length === groups.length, `noisy counts do not match cut '${key}'`)
  }
}

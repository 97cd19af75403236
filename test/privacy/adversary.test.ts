import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formCohorts } from '../../api/privacy/cohorts'
import {
  type CohortCounts,
  type Disclosure,
  type DisclosureOptions,
  disclose,
  formGroups,
  type NoisyCounts,
} from '../../api/privacy/disclosure'
import { histogramEpsilon, noisyCount, uniformFromWords } from '../../api/privacy/noise'
import { createRandom, type Random } from '../helpers/random'

// The adversarial audit. A simulated attacker reads every released group of a pulse (what the
// report, trend, CSV and member results show, since they all read this view), and with its own
// exact rank computation, written apart from rational-span.ts, looks for any union of cohorts
// holding 1..k−1 respondents (or answers to an optional question) that the released numbers
// determine. Against the full gate it must find none; with rules switched off it must find some,
// which shows each rule is load-bearing.

const test = suite('adversary')

const binomial = (rnd: Random, n: number, p: number) =>
  Array.from({ length: n }).filter(() => rnd.chance(p)).length

/** A random community and pulse: skewed, correlated attributes, many small cohorts, skipped answers. */
function randomPulse(seed: number) {
  const rnd = createRandom(seed)
  const k = rnd.int(3, 7)
  const attributes = ['team', 'role', 'site'].slice(0, rnd.int(1, 3))
  const size = rnd.int(2 * k, rnd.pick([40, 120, 300, 600]))
  const draws = attributes.map(() => {
    const missing = rnd.pick([0, 0.05, 0.1, 0.3])
    const values = rnd.int(2, rnd.pick([3, 5, 8]))
    const skew = rnd.pick([0, 1, 2])
    const nested = rnd.chance(0.5)
    const weights = Array.from({ length: values }, (_, i) => 1 / (i + 1) ** skew)
    return (parent: number) =>
      rnd.chance(missing) ? -1 : (rnd.weighted(weights) + (nested ? parent : 0)) % values
  })
  const community = () =>
    Array.from({ length: size }, (_, i) => {
      const map: Record<string, string> = {}
      let parent = 0
      attributes.forEach((a, d) => {
        const value = draws[d](parent)
        if (value >= 0) map[a] = `v${value}`
        parent = Math.max(value, 0)
      })
      return { id: `m${i}`, attributes: map }
    })
  // A community of one cohort has nothing to audit: draw again (a few times) for one that splits.
  let formed = formCohorts(community(), attributes, k)
  for (let retry = 0; retry < 5 && formed.length < 2; retry++) {
    formed = formCohorts(community(), attributes, k)
  }
  const rate = rnd.pick([0.15, 0.4, 0.7, 1])
  const questions = ['q1', 'q2'].slice(0, rnd.int(0, 2))
  const answerRates = questions.map(() => rnd.pick([0.2, 0.5, 0.8, 1]))
  const cohorts: CohortCounts[] = formed.map((c, i) => {
    const respondents = binomial(rnd, c.memberIds.length, rate * rnd.pick([0.2, 1, 1]))
    const answered = Object.fromEntries(
      questions.map((q, j) => [q, binomial(rnd, respondents, answerRates[j])]),
    )
    return { id: `c${i}`, cohort: c.cohort, respondents, answered }
  })
  let noisy: Record<string, NoisyCounts[]> | undefined
  if (rnd.chance(0.3)) {
    const uniform = uniformFromWords(() => Math.floor(rnd.next() * 2 ** 32))
    const epsilon = histogramEpsilon(1, questions.length)
    const byId = new Map(cohorts.map((c) => [c.id, c]))
    const total = (ids: string[], f: (c: CohortCounts) => number) =>
      ids.reduce((s, id) => s + f(byId.get(id)!), 0)
    noisy = Object.fromEntries(
      Object.entries(formGroups(cohorts, attributes)).map(([key, groups]) => [
        key,
        groups.map(({ cohortIds }) => ({
          respondents: noisyCount(
            total(cohortIds, (c) => c.respondents),
            epsilon,
            uniform,
          ),
          answered: Object.fromEntries(
            questions.map((q) => [
              q,
              noisyCount(
                total(cohortIds, (c) => c.answered[q]),
                epsilon,
                uniform,
              ),
            ]),
          ),
        })),
      ]),
    )
  }
  return { cohorts, attributes, k, optionalQuestions: questions, noisy }
}

// --- the attacker's own exact algebra ---------------------------------------------------------

/** Row echelon form by Bareiss' fraction-free elimination; every division is checked exact. */
function bareiss(matrix: bigint[][], n: number) {
  const m = matrix.map((row) => [...row])
  const pivots: number[] = []
  let previous = 1n
  for (let col = 0; col < n && pivots.length < m.length; col++) {
    const r = pivots.length
    const p = m.findIndex((row, i) => i >= r && row[col] !== 0n)
    if (p < 0) continue
    ;[m[r], m[p]] = [m[p], m[r]]
    for (let i = r + 1; i < m.length; i++) {
      for (let j = col + 1; j < n; j++) {
        const x = m[r][col] * m[i][j] - m[i][col] * m[r][j]
        if (x % previous !== 0n) throw new Error('Bareiss: inexact division')
        m[i][j] = x / previous
      }
      m[i][col] = 0n
    }
    previous = m[r][col]
    pivots.push(col)
  }
  return { rows: m.slice(0, pivots.length), pivots }
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b))

/** A basis of {y : E·y = 0} as integer vectors, by back substitution over fractions. */
function nullSpace(rows: bigint[][], pivots: number[], n: number): bigint[][] {
  const isPivot = new Set(pivots)
  const basis: bigint[][] = []
  for (let free = 0; free < n; free++) {
    if (isPivot.has(free)) continue
    const num = Array<bigint>(n).fill(0n)
    const den = Array<bigint>(n).fill(1n)
    num[free] = 1n
    for (let i = rows.length - 1; i >= 0; i--) {
      let sn = 0n
      let sd = 1n
      for (let j = pivots[i] + 1; j < n; j++) {
        if (rows[i][j] === 0n || num[j] === 0n) continue
        ;[sn, sd] = [sn * den[j] + rows[i][j] * num[j] * sd, sd * den[j]]
        const g = gcd(sn, sd)
        ;[sn, sd] = [sn / g, sd / g]
      }
      // y[p] = −s / E[i][p]
      let [yn, yd] = [-sn, sd * rows[i][pivots[i]]]
      if (yd < 0n) [yn, yd] = [-yn, -yd]
      const g = gcd(yn, yd) || 1n
      num[pivots[i]] = yn / g
      den[pivots[i]] = yd / g
    }
    const l = den.reduce((a, d) => (a * d) / gcd(a, d), 1n)
    basis.push(num.map((x, j) => (x * l) / den[j]))
  }
  return basis
}

interface Attack {
  /** Cohort indices of a derivable union holding 1..k−1, if any. */
  leak?: number[]
  exhaustive: boolean
}

/**
 * Whether any union of cohorts holding 1..k−1 (by weight) lies in the span of the released
 * groups, over the cohorts of nonzero weight: x is in the row space iff it is orthogonal to the
 * null space. Exhaustive over the subsets of the cohorts of weight 1..k−1, up to `cap` subsets.
 */
function attack(groups: number[][], weights: number[], k: number, cap = 300_000): Attack {
  const live = weights.flatMap((w, c) => (w > 0 ? [c] : []))
  const column = new Map(live.map((c, j) => [c, j]))
  const matrix = groups.map((members) => {
    const row = live.map(() => 0n)
    for (const c of members) if (column.has(c)) row[column.get(c)!] = 1n
    return row
  })
  const { rows, pivots } = bareiss(matrix, live.length)
  const small = live.filter((c) => weights[c] < k)
  const checks = nullSpace(rows, pivots, live.length)
    .map((y) => small.map((c) => y[column.get(c)!]))
    .filter((y) => y.some((x) => x !== 0n))
  const sums = checks.map(() => 0n)
  const chosen: number[] = []
  let steps = 0
  const search = (from: number, weight: number): number[] | 'cap' | undefined => {
    for (let s = from; s < small.length; s++) {
      const w = weight + weights[small[s]]
      if (w > k - 1) continue
      if (++steps > cap) return 'cap'
      checks.forEach((y, v) => (sums[v] += y[s]))
      chosen.push(small[s])
      if (sums.every((x) => x === 0n)) return [...chosen]
      const deeper = search(s + 1, w)
      if (deeper) return deeper
      checks.forEach((y, v) => (sums[v] -= y[s]))
      chosen.pop()
    }
    return undefined
  }
  const found = search(0, 0)
  if (found === 'cap') return { exhaustive: false }
  return { leak: found, exhaustive: true }
}

/** Whether a single released group or a difference of two nested ones holds 1..k−1. */
function pairwiseLeak(groups: number[][], weights: number[], k: number): boolean {
  const weight = (g: number[]) => g.reduce((s, c) => s + weights[c], 0)
  const small = (w: number) => w >= 1 && w < k
  return groups.some(
    (a) =>
      small(weight(a)) ||
      groups.some(
        (b) => b.length < a.length && b.every((c) => a.includes(c)) && small(weight(a) - weight(b)),
      ),
  )
}

type Pulse = ReturnType<typeof randomPulse>

/** The released groups as the attacker sees them, rebuilt from the labels alone. */
function releasedVectors(pulse: Pulse, view: Disclosure, question?: string): number[][] {
  const vectors: number[][] = []
  for (const [key, groups] of Object.entries(view.cuts)) {
    for (const group of groups) {
      const label = Object.entries(group.cohort)
      const members = pulse.cohorts.flatMap((c, i) => {
        const inGroup =
          key === '' ||
          (label.length === 0 ? !Object.hasOwn(c.cohort, key) : c.cohort[key] === label[0][1])
        return inGroup ? [i] : []
      })
      assert.equal(
        members.map((i) => pulse.cohorts[i].id),
        group.cohortIds,
        `cut ${key}`,
      )
      const shown = !group.suppressed && !(question && group.suppressedQuestions.includes(question))
      if (shown) vectors.push(members)
    }
  }
  return vectors
}

/** Runs the attacker on every released measure; returns what it found. */
function audit(pulse: Pulse, view: Disclosure) {
  const result = { leak: false, respondentLeak: false, needsThree: false, exhaustive: true }
  const measures: [string | undefined, number[]][] = [
    [undefined, pulse.cohorts.map((c) => c.respondents)],
    ...pulse.optionalQuestions.map((q): [string, number[]] => [
      q,
      pulse.cohorts.map((c) => c.answered[q]),
    ]),
  ]
  for (const [question, weights] of measures) {
    const groups = releasedVectors(pulse, view, question)
    const found = attack(groups, weights, pulse.k)
    if (!found.exhaustive) result.exhaustive = false
    if (!found.leak) continue
    const total = found.leak.reduce((s, c) => s + weights[c], 0)
    assert.ok(total >= 1 && total < pulse.k)
    result.leak = true
    if (question === undefined) result.respondentLeak = true
    if (!pairwiseLeak(groups, weights, pulse.k)) result.needsThree = true
  }
  return result
}

const configurations: [string, DisclosureOptions][] = [
  ['primary only', { rules: { complementary: false, linear: false } }],
  ['primary + complementary', { rules: { linear: false } }],
  ['primary + linear audit', { rules: { complementary: false } }],
  ['full gate', {}],
  // A tiny search bound: wherever the audit has to search, the gate fails safe.
  ['full gate, bound of 2', { maxUnions: 2 }],
]
const [primaryOnly, withComplementary, withLinear, full, bounded] = configurations.keys()

const seeds = Array.from({ length: 300 }, (_, i) => 0xad0 + i)

test('no derivable small union survives the full gate; each rule is load-bearing', () => {
  const tally = configurations.map(() => ({ seeds: 0, respondents: 0, needsThree: 0, hidden: 0 }))
  const seen = { groups: 0, smallCohorts: 0, noisy: 0, failSafe: 0, skipped: 0 }
  const suppressed = (v: Disclosure) =>
    Object.values(v.cuts).flatMap((groups) => groups.map((g) => g.suppressed))
  for (const seed of seeds) {
    const at = `seed ${seed} (replay: randomPulse(${seed}))`
    const pulse = randomPulse(seed)
    const small = pulse.cohorts.filter((c) => c.respondents > 0 && c.respondents < pulse.k)
    seen.smallCohorts += small.length
    if (pulse.noisy) seen.noisy++
    const views = configurations.map(([, options]) => disclose(pulse, options))
    const found = views.map((view) => audit(pulse, view))
    if (found.some((f) => !f.exhaustive)) {
      seen.skipped++
      continue
    }
    seen.groups += suppressed(views[full]).length
    if (views[bounded].failSafe) seen.failSafe++
    assert.not.ok(views[full].failSafe, at)
    for (const safe of [full, withLinear, bounded]) assert.not.ok(found[safe].leak, at)
    // Two-sided: the gate's audit suppresses more exactly when the attacker, given what primary
    // + complementary release, derives a union of 1..k−1 respondents.
    const audited = suppressed(views[full]).some(
      (h, j) => h !== suppressed(views[withComplementary])[j],
    )
    assert.is(
      audited,
      found[withComplementary].respondentLeak,
      `${at}: audit and attacker disagree`,
    )
    found.forEach((f, i) => {
      tally[i].hidden += suppressed(views[i]).filter(Boolean).length
      if (f.leak) tally[i].seeds++
      if (f.respondentLeak) tally[i].respondents++
      if (f.needsThree) tally[i].needsThree++
    })
  }
  console.log(
    `\n  adversary over ${seeds.length} seeded communities (${seen.noisy} in noise mode, ` +
      `${seen.smallCohorts} cohorts with 1..k−1 respondents):`,
  )
  configurations.forEach(([name], i) => {
    const t = tally[i]
    console.log(
      `  ${name.padEnd(24)} leaks in ${String(t.seeds).padStart(3)} seeds (respondents: ` +
        `${t.respondents}, only via 3+ groups: ${t.needsThree}); ` +
        `${t.hidden}/${seen.groups} groups suppressed`,
    )
  })
  console.log(
    `  fail safe: ${seen.failSafe} seeds with the bound of 2, none with the default bound; ` +
      `too large to search exhaustively: ${seen.skipped}`,
  )
  assert.ok(seen.skipped <= seeds.length / 20, `${seen.skipped} seeds too large to search`)
  assert.ok(seen.failSafe > 0, 'a tiny bound should make the gate fail safe somewhere')
  assert.ok(tally[primaryOnly].seeds > 0, 'primary suppression alone should leak somewhere')
  assert.ok(tally[withComplementary].seeds > 0, 'primary + complementary should still leak')
  assert.ok(tally[withComplementary].needsThree > 0, 'some leak should need 3+ groups')
})

/** A large pulse: 10,000 members, team (200 values, skewed) › role (5) › site (4, some missing). */
function largePulse(seed: number) {
  const rnd = createRandom(seed)
  const teams = Array.from({ length: 200 }, (_, j) => 1 / (j + 1) ** 0.7)
  const members = Array.from({ length: 10_000 }, (_, i) => ({
    id: `m${i}`,
    attributes: {
      team: `t${rnd.weighted(teams)}`,
      role: `r${rnd.int(0, 4)}`,
      ...(rnd.chance(0.97) ? { site: `s${rnd.int(0, 3)}` } : {}),
    },
  }))
  const attributes = ['team', 'role', 'site']
  const cohorts = formCohorts(members, attributes, 5).map((c, i): CohortCounts => {
    const respondents = binomial(rnd, c.memberIds.length, 0.5)
    const answered = { q1: binomial(rnd, respondents, 0.8), q2: binomial(rnd, respondents, 0.4) }
    return { id: `c${i}`, cohort: c.cohort, respondents, answered }
  })
  return { cohorts, attributes, k: 5, optionalQuestions: ['q1', 'q2'] }
}

test('measures the gate (printed, not asserted)', () => {
  const time = (pulse: Pulse | ReturnType<typeof largePulse>, runs: number) => {
    const ms: number[] = []
    let view: Disclosure | undefined
    for (let i = 0; i < runs; i++) {
      const start = performance.now()
      view = disclose(pulse)
      ms.push(performance.now() - start)
    }
    const groups = Object.values(view!.cuts).flat()
    const small = pulse.cohorts.filter((c) => c.respondents > 0 && c.respondents < pulse.k).length
    return (
      `${pulse.cohorts.length} cohorts (${small} with 1..k−1 respondents), ${groups.length} groups, ` +
      `${groups.filter((g) => g.suppressed).length} suppressed, ` +
      `${groups.reduce((n, g) => n + g.suppressedQuestions.length, 0)} question suppressions: ` +
      `${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)} ms over ${runs} runs`
    )
  }
  console.log(`\n  10,000 members, 3 attributes: ${time(largePulse(7), 3)}`)
  const small = seeds
    .map(randomPulse)
    .find((p) => p.cohorts.length >= 6 && p.optionalQuestions.length)!
  console.log(`  a small community: ${time(small, 20)}`)
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formCohorts } from '../../../api/privacy/cohorts'
import type { GateRules, KeyEntry } from '../../../api/privacy/gate'
import { uniformFromWords } from '../../../api/privacy/noise'
import type { Question } from '../../../api/surveys/question'
import {
  type CohortCounts,
  type ReleasedView,
  releaseView,
} from '../../../api/reports/released-view'
import { exposed, isShown, releasedGroups, showsQuestion } from '../../helpers/attacker'
import { createRandom, mulberry32, type Random } from '../../helpers/random'

// Hundreds of seeded communities, released by releaseView and checked on the returned view alone
// with the attacker's own algebra (test/helpers/attacker.ts). Each failure names its seed:
// randomPulse(seed) rebuilds the pulse.

const test = suite('adversary, random communities')

const binomial = (rnd: Random, n: number, p: number) =>
  Array.from({ length: n }).filter(() => rnd.chance(p)).length

const optional: Question[] = [
  {
    id: 'o-trust',
    kind: 'likert5',
    prompt: 'I trust my lead.',
    dimension: 'trust',
    required: false,
  },
  { id: 'o-choice', kind: 'choice', prompt: 'Where?', options: ['a', 'b', 'c'], required: false },
  {
    id: 'o-multi',
    kind: 'multi',
    prompt: 'Which?',
    options: ['w', 'x', 'y', 'z'],
    required: false,
  },
  { id: 'o-nps', kind: 'scale10', prompt: 'Recommend?', required: false },
]
const required: Question[] = [
  { id: 'r-yes', kind: 'yesno', prompt: 'Safe?', required: true },
  { id: 'r-trust', kind: 'likert5', prompt: 'I can speak up.', dimension: 'trust', required: true },
]
const valuesOf = (q: Question) =>
  q.kind === 'yesno'
    ? ['true', 'false']
    : q.kind === 'likert5'
      ? ['1', '2', '3', '4', '5']
      : q.kind === 'scale10'
        ? Array.from({ length: 11 }, (_, i) => String(i))
        : q.options!

interface Pulse {
  seed: number
  k: number
  attributes: string[]
  keys: KeyEntry[]
  questions: Question[]
  counts: Map<string, CohortCounts>
  epsilon?: number
  noiseSeed: number
}

/** A random community and pulse: crossing attributes, padded cohorts, low response, skipped answers. */
function randomPulse(seed: number): Pulse {
  const rnd = createRandom(seed)
  const k = rnd.int(3, 6)
  const attributes = ['team', 'role', 'site'].slice(0, rnd.int(1, 3))
  const size = rnd.int(3 * k, rnd.pick([30, 80, 200, 400, 1000]))
  // Each attribute is drawn on its own, so its values cross the others (role x in every team).
  const draws = attributes.map((name) => {
    const missing = rnd.pick([0, 0, 0.05, 0.2])
    const skew = rnd.pick([0, 1, 2])
    const weights = Array.from(
      { length: rnd.int(2, rnd.pick([3, 5, 8])) },
      (_, i) => 1 / (i + 1) ** skew,
    )
    return () => (rnd.chance(missing) ? undefined : `${name[0]}${rnd.weighted(weights)}`)
  })
  const joinRate = rnd.pick([0.4, 0.8, 1])
  // Padding: in some teams most members never join, so their cohorts are large but thin.
  const padded = rnd.chance(0.5) ? rnd.pick(['t0', 't1']) : undefined
  const members = Array.from({ length: size }, (_, i) => {
    const values = attributes.map((_, d) => draws[d]())
    const attrs = Object.fromEntries(
      attributes.flatMap((a, d) => (values[d] ? [[a, values[d]]] : [])),
    )
    const rate = attrs.team === padded ? 0.1 : joinRate
    return { id: `m${i}`, attributes: attrs, joined: rnd.chance(rate) }
  })
  const formed = formCohorts(members, attributes, k)
  const keys = formed.map((c) => ({
    id: `${rnd.int(0, 0xffffff).toString(16).padStart(6, '0')}${keysMade++}`,
    cohort: c.cohort,
    joined: c.joined,
  }))
  const rate = rnd.pick([0.1, 0.25, 0.5, 0.8, 1])
  const questions = [...required, ...optional.filter(() => rnd.chance(0.6))]
  const answerRate = new Map(optional.map((q) => [q.id, rnd.pick([0.1, 0.2, 0.5, 0.9])]))
  // A question whose answers mostly agree makes unanimous groups common.
  const agreement = new Map(questions.map((q) => [q.id, rnd.pick([0, 0.5, 0.9])]))
  const counts = new Map<string, CohortCounts>()
  formed.forEach((c, i) => {
    const late = c.memberIds.length - c.joined
    const respondents =
      binomial(rnd, c.joined, rate * rnd.pick([0.3, 1, 1])) + binomial(rnd, late, 0.05)
    const histograms = new Map<string, { n: number; counts: Record<string, number> }>()
    for (const q of questions) {
      const n = q.required ? respondents : binomial(rnd, respondents, answerRate.get(q.id)!)
      if (n === 0) continue
      const values = valuesOf(q)
      const tally: Record<string, number> = {}
      const add = (v: string) => (tally[v] = (tally[v] ?? 0) + 1)
      for (let a = 0; a < n; a++) {
        if (q.kind !== 'multi') add(rnd.chance(agreement.get(q.id)!) ? values[0] : rnd.pick(values))
        else {
          const picked = values.filter(() => rnd.chance(0.4))
          for (const v of picked.length > 0 ? picked : [values[0]]) add(v)
        }
      }
      histograms.set(q.id, { n, counts: tally })
    }
    counts.set(keys[i].id, { respondents, histograms })
  })
  const noisy = rnd.chance(0.3)
  return {
    seed,
    k,
    attributes,
    keys,
    questions,
    counts,
    epsilon: noisy ? rnd.pick([0.5, 1, 2]) : undefined,
    noiseSeed: rnd.int(1, 2 ** 31),
  }
}
let keysMade = 0

/** Uniform integers from a seeded stream of 32-bit words. */
const seededUniform = (seed: number) => {
  const next = mulberry32(seed)
  return uniformFromWords(() => Math.floor(next() * 2 ** 32))
}

/** The pulse's release; noise from its own seed, so every call draws the same noise. */
const release = (p: Pulse, rules?: GateRules): ReleasedView =>
  releaseView(
    {
      keys: p.keys,
      attributes: p.attributes,
      k: p.k,
      questions: p.questions,
      counts: p.counts,
      epsilon: p.epsilon,
    },
    { uniform: seededUniform(p.noiseSeed), rules },
  )

interface Audit {
  /** (iv) a class of cohorts the released numbers separate holds 1..k−1. */
  separation: string[]
  /** (i)–(iii) cuts, cells and groups. */
  structure: string[]
  /** (v) released numbers. */
  numbers: string[]
}

/** Checks a released view against the true counts, independently of the gate's code. */
function audit(p: Pulse, view: ReleasedView): Audit {
  const out: Audit = { separation: [], structure: [], numbers: [] }
  const ids = p.keys.map((key) => key.id)
  const indexOf = new Map(ids.map((id, i) => [id, i]))
  const labelOf = (i: number) => JSON.stringify(p.keys[i].cohort)
  const respondents = ids.map((id) => p.counts.get(id)?.respondents ?? 0)
  const answered = (q: Question) => ids.map((id) => p.counts.get(id)?.histograms.get(q.id)?.n ?? 0)

  const measures: [string, number[][], number[]][] = [
    ['respondents', releasedGroups(view, indexOf), respondents],
    ...p.questions.map((q): [string, number[][], number[]] => [
      `answers to ${q.id}`,
      releasedGroups(view, indexOf, q.id),
      answered(q),
    ]),
  ]
  for (const [measure, groups, weights] of measures) {
    for (const e of exposed(groups, weights, p.k)) {
      out.separation.push(`${measure}: ${e.cohorts.map(labelOf).join(' + ')} hold ${e.weight}`)
    }
  }

  const groups = Object.entries(view.cuts).flatMap(([cut, gs]) => gs.map((g) => ({ cut, g })))
  const cells = view.cells
  if (!cells) {
    if (groups.some(({ g }) => isShown(g))) out.structure.push('groups released without cells')
    return out
  }
  const cellOf = new Map<string, number>()
  cells.forEach((cell, ci) => {
    for (const id of cell.keyIds) {
      if (cellOf.has(id)) out.structure.push(`${id} is in two cells`)
      cellOf.set(id, ci)
    }
    const n = cell.keyIds.reduce((s, id) => s + respondents[indexOf.get(id)!], 0)
    if (n > 0 && n < p.k) out.structure.push(`cell ${cell.keyIds} holds ${n}`)
  })
  for (const id of ids) if (!cellOf.has(id)) out.structure.push(`${id} is in no cell`)
  // What a cell keeps, from the key list: the values all its cohorts share.
  const keeps = cells.map((cell) => {
    const [first, ...rest] = cell.keyIds.map((id) => p.keys[indexOf.get(id)!].cohort)
    return Object.fromEntries(
      Object.entries(first).filter(([a, v]) => rest.every((l) => l[a] === v)),
    )
  })
  for (const [cut, gs] of Object.entries(view.cuts)) {
    const covered = new Map<string, number>()
    const labels = new Set<string>()
    for (const g of gs) {
      const label = JSON.stringify(g.cohort)
      if (labels.has(label)) out.structure.push(`cut '${cut}' shows ${label} twice`)
      labels.add(label)
      const value = cut === '' ? undefined : g.cohort[cut]
      const members = cells
        .filter(
          (_, ci) =>
            cut === '' ||
            (value === undefined ? !Object.hasOwn(keeps[ci], cut) : keeps[ci][cut] === value),
        )
        .flatMap((cell) => cell.keyIds)
      if (members.length === 0) out.structure.push(`cut '${cut}' group ${label} counts no cell`)
      for (const id of members) covered.set(id, (covered.get(id) ?? 0) + 1)
      if (!isShown(g)) continue
      const inGroup = new Set(g.keyIds)
      if (
        cells.some(
          (cell) =>
            cell.keyIds.some((id) => inGroup.has(id)) &&
            !cell.keyIds.every((id) => inGroup.has(id)),
        )
      ) {
        out.structure.push(`cut '${cut}' group ${label} splits a cell`)
      }
      if ([...inGroup].sort().join() !== [...members].sort().join()) {
        out.structure.push(`cut '${cut}' group ${label} counts ${g.keyIds}, its label ${members}`)
      }
      // (v) In threshold mode every number is the true sum over the group's cohorts.
      const sum = (f: (c: CohortCounts) => number) =>
        g.keyIds.reduce((s, id) => s + f(p.counts.get(id)!), 0)
      for (const q of p.questions.filter((x) => showsQuestion(g, x.id))) {
        const shown = g.questions.find((x) => x.questionId === q.id)!
        if (shown.suppressed) continue
        const total = Object.values(shown.distribution).reduce((a, b) => a + b, 0)
        if (p.epsilon !== undefined) {
          if (q.kind !== 'multi' && shown.n !== total)
            out.numbers.push(`${label} ${q.id}: n ${shown.n} ≠ ${total}`)
          continue
        }
        if (shown.n !== sum((c) => c.histograms.get(q.id)?.n ?? 0))
          out.numbers.push(`${label} ${q.id}: n`)
        for (const v of valuesOf(q)) {
          if (shown.distribution[v] !== sum((c) => c.histograms.get(q.id)?.counts[v] ?? 0)) {
            out.numbers.push(`cut '${cut}' ${label} ${q.id}: count of ${v}`)
          }
        }
      }
      if (p.epsilon !== undefined) continue
      if (g.respondents !== sum((c) => c.respondents))
        out.numbers.push(`cut '${cut}' ${label}: respondents`)
      // A dimension pools only the questions the group shows.
      for (const d of g.dimensions) {
        const pooled = g.questions.filter(
          (x) =>
            !x.suppressed &&
            p.questions.find((q) => q.id === x.questionId)!.dimension === d.dimension,
        )
        let n = 0
        let score = 0
        for (const x of pooled) {
          if (x.suppressed) continue
          for (const [v, c] of Object.entries(x.distribution)) {
            n += c
            score += Number(v) * c
          }
        }
        if (Math.abs(d.mean - score / n) > 1e-9)
          out.numbers.push(`cut '${cut}' ${label}: ${d.dimension} pools a hidden question`)
      }
    }
    for (const id of ids) {
      if (covered.get(id) !== 1)
        out.structure.push(`cut '${cut}' counts ${id} ${covered.get(id) ?? 0} times`)
    }
  }
  return out
}

const seeds = Array.from({ length: 500 }, (_, i) => 0x7a0 + i)
const pulses = seeds.map(randomPulse)
const at = (p: Pulse) => `seed ${p.seed} (replay: randomPulse(${p.seed}))`

test('every release keeps cells, cuts and numbers whole, and separates no 1..k−1', () => {
  const seen = { noisy: 0, cohorts: 0, small: 0, merged: 0, hidden: 0 }
  for (const p of pulses) {
    let view: ReleasedView
    try {
      view = release(p)
    } catch (error) {
      assert.unreachable(`${at(p)}: the gate refused: ${(error as Error).message}`)
      return
    }
    const found = audit(p, view)
    assert.equal(found, { separation: [], structure: [], numbers: [] }, at(p))
    if (p.epsilon !== undefined) seen.noisy++
    seen.cohorts += p.keys.length
    seen.small += p.keys.filter((key) => {
      const n = p.counts.get(key.id)!.respondents
      return n > 0 && n < p.k
    }).length
    seen.merged += (view.cells ?? []).filter((c) => c.keyIds.length > 1).length
    seen.hidden += Object.values(view.cuts)
      .flat()
      .filter(isShown)
      .flatMap((g) => g.questions)
      .filter((q) => q.suppressed).length
  }
  console.log(
    `\n  ${pulses.length} communities (${seen.noisy} in noise mode), ${seen.cohorts} cohorts, ` +
      `${seen.small} with 1..k−1 respondents, ${seen.merged} merged cells, ` +
      `${seen.hidden} questions hidden in released groups`,
  )
})

const load = suite('adversary, random communities: each rule is load-bearing')

/** How many pulses the attacker breaks under `rules`, on respondents and on answers. */
function broken(rules: GateRules) {
  let respondents = 0
  let answers = 0
  for (const p of pulses) {
    const { separation } = audit(p, release(p, rules))
    if (separation.some((s) => s.startsWith('respondents'))) respondents++
    if (separation.some((s) => s.startsWith('answers to o-'))) answers++
  }
  return { respondents, answers }
}

load('without coarsening or the atom check, the attacker separates small cohorts', () => {
  const found = broken({ coarsen: false, atomCheck: false })
  console.log(
    `\n  no coarsening, no atom check: respondents separated in ${found.respondents} pulses`,
  )
  assert.ok(found.respondents > 0, 'the attacker should separate some cohort of 1..k−1')
})

load('without question cells or the atom check, the attacker separates few answerers', () => {
  const found = broken({ questionCells: false, atomCheck: false })
  console.log(`\n  no question cells, no atom check: answers separated in ${found.answers} pulses`)
  assert.is(found.respondents, 0, 'respondent cells are still coarsened')
  assert.ok(found.answers > 0, 'the attacker should separate some optional answers')
})

load('without coarsening, the atom check refuses exactly the releases the attacker breaks', () => {
  let refused = 0
  for (const p of pulses) {
    const breaks = audit(p, release(p, { coarsen: false, atomCheck: false })).separation.length > 0
    let refuses = false
    try {
      release(p, { coarsen: false })
    } catch (error) {
      if ((error as Error).name !== 'ReleaseRefused') throw error
      refuses = true
    }
    assert.is(refuses, breaks, `${at(p)}: refused ${refuses}, attacker ${breaks}`)
    if (refuses) refused++
  }
  console.log(`\n  no coarsening: the atom check refused ${refused} of ${pulses.length} pulses`)
  assert.ok(refused > 0)
})

test.run()
load.run()

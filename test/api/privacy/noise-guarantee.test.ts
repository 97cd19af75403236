// Noise mode's guarantee (DESIGN.md 6), measured rather than assumed: one member adding, removing
// or replacing their whole response changes a group's released counts by at most the release's
// sensitivity, and the noise the release pipeline actually draws is wide enough that the
// privacy loss of that change stays within ε. Both checks run the product's own code paths: the
// fold of answers into histograms (reports/histograms.ts) and the release (reports/released-view.ts).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { releaseSensitivity, uniformFromWords } from '../../../api/privacy/noise'
import type { Question } from '../../../api/surveys/question'
import { cohortHistograms, type AnswerCount } from '../../../api/reports/histograms'
import { releaseView, type CohortCounts } from '../../../api/reports/released-view'
import { mulberry32 } from '../../helpers/random'

const test = suite('noise: the guarantee')

const q = (id: string, kind: Question['kind'], options?: string[], required = true): Question => ({
  id,
  kind,
  prompt: id,
  options,
  required,
})
const questions: Question[] = [
  q('l', 'likert5'),
  q('y', 'yesno', undefined, false),
  q('m', 'multi', ['a', 'b', 'c']),
]

type Response = Record<string, unknown>

/** Every response one member could send: each value of each question, the optional one skipped too. */
function everyResponse(): Response[] {
  const multis = [['a'], ['b'], ['c'], ['a', 'b'], ['a', 'c'], ['b', 'c'], ['a', 'b', 'c']]
  const out: Response[] = []
  for (const l of [1, 2, 3, 4, 5])
    for (const y of [true, false, undefined])
      for (const m of multis) out.push(y === undefined ? { l, m } : { l, y, m })
  return out
}

/** A group's released counts as one vector: respondents, then every bin and a multi's n. */
function vector(responses: Response[]): number[] {
  const rows: AnswerCount[] = responses.flatMap((r) =>
    Object.entries(r).map(([questionId, value]) => ({
      keyId: 'k',
      questionId,
      value: JSON.stringify(value),
      count: 1,
    })),
  )
  const byQuestion = cohortHistograms(rows, questions).get('k') ?? new Map()
  const out = [responses.length]
  for (const question of questions) {
    const h = byQuestion.get(question.id)
    const values =
      question.kind === 'likert5'
        ? ['1', '2', '3', '4', '5']
        : question.kind === 'yesno'
          ? ['true', 'false']
          : question.options!
    for (const v of values) out.push(h?.counts[v] ?? 0)
    if (question.kind === 'multi') out.push(h?.n ?? 0)
  }
  return out
}

const l1 = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0)

test('no added, removed or replaced response moves a group by more than releaseSensitivity', () => {
  const all = everyResponse()
  const base = [{ l: 3, y: true, m: ['a'] }]
  let worst = 0
  for (const r of all) {
    worst = Math.max(worst, l1(vector(base), vector([...base, r])))
    for (const s of all) worst = Math.max(worst, l1(vector([r]), vector([s])))
  }
  const bound = releaseSensitivity(questions)
  assert.ok(
    worst <= bound,
    `a single response moved a group by ${worst}, more than the calibrated ${bound}`,
  )
  // 1 + 2 (likert) + 2 (yes/no) + 4 (multi of 3): the bound is what the formula says.
  assert.is(bound, 9)
})

/**
 * ε̂ of a discrete Laplace sample: from its mean absolute value E|Z| = 2q / (1 − q²), q = e^−ε.
 */
function estimateEpsilon(noise: number[]): number {
  const m = noise.reduce((s, z) => s + Math.abs(z), 0) / noise.length
  // Solve m·q² + 2q − m = 0 for q in (0, 1).
  const q = (-2 + Math.sqrt(4 + 4 * m * m)) / (2 * m)
  return -Math.log(q)
}

test('measured: the privacy loss of the worst neighbouring response stays within ε', () => {
  const epsilon = 1
  // Many answers per bin, so clamping at 0 never touches the noise being measured.
  const group: Response[] = Array.from({ length: 300 }, (_, i) => ({
    l: 1 + (i % 5),
    y: i % 2 === 0,
    m: [['a', 'b', 'c'][i % 3]],
  }))
  const exact = vector(group)
  const next = mulberry32(0x5eed)
  const uniform = uniformFromWords(() => Math.floor(next() * 2 ** 32))
  const keys = [{ id: 'k', cohort: {}, joined: 300 }]
  const counts = (responses: Response[]): Map<string, CohortCounts> => {
    const rows: AnswerCount[] = responses.flatMap((r) =>
      Object.entries(r).map(([questionId, value]) => ({
        keyId: 'k',
        questionId,
        value: JSON.stringify(value),
        count: 1,
      })),
    )
    return new Map([
      [
        'k',
        { respondents: responses.length, histograms: cohortHistograms(rows, questions).get('k')! },
      ],
    ])
  }
  const input = counts(group)
  const draws = 3000
  const noise: number[][] = exact.map(() => [])
  for (let i = 0; i < draws; i++) {
    const view = releaseView(
      { keys, attributes: [], k: 5, questions, counts: input, epsilon },
      { uniform },
    )
    const [released] = view.cuts['']
    assert.is(released.suppressed, false)
    if (released.suppressed) return
    const got = [released.respondents]
    for (const question of questions) {
      const stats = released.questions.find((x) => x.questionId === question.id)!
      assert.is(stats.suppressed, false)
      if (stats.suppressed) return
      got.push(...Object.values(stats.distribution))
      if (question.kind === 'multi') got.push(stats.n)
    }
    got.forEach((value, c) => noise[c].push(value - exact[c]))
  }
  const perCount = noise.map(estimateEpsilon)
  // The loss of a neighbour is Σ |Δx_c| · ε_c over the counts it moves; the worst over every
  // single response added or replacing one of the group's.
  let worst = 0
  for (const r of everyResponse()) {
    for (const neighbour of [
      [...group, r],
      [...group.slice(1), r],
    ]) {
      const moved = vector(neighbour)
      worst = Math.max(
        worst,
        moved.reduce((s, x, c) => s + Math.abs(x - exact[c]) * perCount[c], 0),
      )
    }
  }
  // ε̂ per count is within a few percent of ε / 9 at 3,000 draws; the worst neighbour moves 7
  // counts, so the loss measures about 0.78 ε. The old calibration (ε / (questions + 1) per bin)
  // measured about 1.75 ε here and fails this.
  assert.ok(
    worst <= epsilon * 1.05,
    `measured privacy loss ${worst.toFixed(3)} exceeds ε = ${epsilon}`,
  )
  assert.ok(
    perCount.every((e) => Math.abs(e - epsilon / 9) < 0.15 * (epsilon / 9)),
    `per-count ε̂ ${perCount.map((e) => e.toFixed(3))}`,
  )
})

test.run()

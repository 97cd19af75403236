import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  changeSince,
  dimensionStats,
  emptyCounts,
  type Histogram,
  pooledHistogram,
  possibleValues,
  questionChange,
  questionStats,
  sampleSd,
  shareChangeSince,
  type StatsQuestion,
} from '../../../api/reports/statistics'

const likert: StatsQuestion = { kind: 'likert5' }
const scale: StatsQuestion = { kind: 'scale10' }
const yesno: StatsQuestion = { kind: 'yesno' }

/** The histogram of single answers given as a list, one entry per person. */
function answers(...values: (number | boolean)[]): Histogram {
  const counts: Record<string, number> = {}
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1
  return { n: values.length, counts }
}

function close(actual: number | undefined, expected: number, what = 'value') {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) < 1e-12,
    `${what}: expected ${expected}, got ${actual}`,
  )
}

function throwsRange(fn: () => unknown, message: RegExp) {
  try {
    fn()
  } catch (error) {
    assert.instance(error, RangeError)
    assert.match((error as Error).message, message)
    return
  }
  assert.unreachable('expected a RangeError')
}

const values = suite('statistics: possible values')

values('lists every value of each kind in display order', () => {
  assert.equal(possibleValues(likert), ['1', '2', '3', '4', '5'])
  assert.equal(possibleValues(scale), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
  assert.equal(possibleValues(yesno), ['true', 'false'])
  assert.equal(possibleValues({ kind: 'choice', options: ['b', 'a'] }), ['b', 'a'])
  assert.equal(possibleValues({ kind: 'multi', options: ['x', 'y', 'z'] }), ['x', 'y', 'z'])
})

values('maps every possible value to 0', () => {
  assert.equal(emptyCounts(likert), { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 })
  assert.equal(Object.keys(emptyCounts(scale)).length, 11)
  assert.equal(emptyCounts(yesno), { true: 0, false: 0 })
  assert.equal(emptyCounts({ kind: 'choice', options: ['a', 'b'] }), { a: 0, b: 0 })
})

values('keeps option texts that name Object.prototype members as own keys', () => {
  const counts = emptyCounts({ kind: 'choice', options: ['__proto__', 'constructor', 'toString'] })
  assert.equal(Object.keys(counts), ['__proto__', 'constructor', 'toString'])
  assert.is(JSON.stringify(counts), '{"__proto__":0,"constructor":0,"toString":0}')
})

values('refuses a text question, which has no histogram', () => {
  throwsRange(() => possibleValues({ kind: 'text' }), /text/)
  throwsRange(() => questionStats({ kind: 'text' }, { n: 0, counts: {} }), /text/)
})

values.run()

const stats = suite('statistics: questionStats')

stats('computes mean, ci95 and favorable shares of a likert question', () => {
  const result = questionStats(likert, answers(1, 2, 3, 4, 5))
  assert.equal(Object.keys(result), [
    'n',
    'distribution',
    'mean',
    'ci95',
    'favorable',
    'neutral',
    'unfavorable',
  ])
  assert.is(result.n, 5)
  assert.equal(result.distribution, { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1 })
  close(result.mean, 3, 'mean')
  const half = (1.96 * Math.sqrt(2.5)) / Math.sqrt(5)
  close(result.ci95![0], 3 - half, 'ci95 low')
  close(result.ci95![1], 3 + half, 'ci95 high')
  close(result.favorable, 0.4, 'favorable')
  close(result.neutral, 0.2, 'neutral')
  close(result.unfavorable, 0.4, 'unfavorable')
})

stats('uses the sample standard deviation (n − 1)', () => {
  close(sampleSd({ '1': 1, '2': 1, '3': 1, '4': 1, '5': 1 }), Math.sqrt(2.5))
  close(sampleSd({ '-100': 1, '0': 0, '100': 1 }), Math.sqrt(20000))
  assert.is(sampleSd({ '4': 1 }), undefined)
  assert.is(sampleSd({}), undefined)
})

stats('lists every possible value in the distribution, including zero counts', () => {
  const result = questionStats(likert, { n: 2, counts: { '5': 2 } })
  assert.equal(result.distribution, { '1': 0, '2': 0, '3': 0, '4': 0, '5': 2 })
  assert.is(result.mean, 5)
  assert.equal(result.ci95, [5, 5])
  assert.is(result.favorable, 1)
  assert.is(result.unfavorable, 0)
  const scaled = questionStats(scale, { n: 1, counts: { '7': 1 } })
  assert.equal(Object.keys(scaled.distribution), possibleValues(scale))
  assert.is(scaled.distribution['0'], 0)
})

stats('computes eNPS of a scale10 question from promoters 9–10 and detractors 0–6', () => {
  // 3 promoters, 2 passives, 5 detractors of 10.
  const result = questionStats(scale, answers(9, 10, 10, 7, 8, 0, 3, 5, 6, 6))
  assert.equal(Object.keys(result), ['n', 'distribution', 'mean', 'ci95', 'nps'])
  assert.is(result.n, 10)
  assert.is(result.nps, -20)
  close(result.mean, 6.4, 'mean')
  assert.is(result.favorable, undefined)
})

stats('keeps eNPS within −100…100', () => {
  assert.is(questionStats(scale, answers(9, 10, 10)).nps, 100)
  assert.is(questionStats(scale, answers(0, 6, 3)).nps, -100)
  assert.is(questionStats(scale, answers(7, 8)).nps, 0)
})

stats('gives the yes share of a yesno question and no mean', () => {
  const result = questionStats(yesno, answers(true, true, false, true))
  assert.equal(result, { n: 4, distribution: { true: 3, false: 1 }, yes: 0.75 })
  assert.is(questionStats(yesno, answers(false, false)).yes, 0)
})

stats('takes n of a multi question from the histogram, not from the counts', () => {
  const question: StatsQuestion = { kind: 'multi', options: ['pay', 'time', 'tools'] }
  const result = questionStats(question, { n: 4, counts: { pay: 3, time: 2 } })
  assert.equal(result, { n: 4, distribution: { pay: 3, time: 2, tools: 0 } })
})

stats('keys choice distributions by option text, in option order', () => {
  const question: StatsQuestion = { kind: 'choice', options: ['remote', '__proto__', 'office'] }
  const result = questionStats(question, { n: 5, counts: { office: 1, __proto__: 0, remote: 4 } })
  assert.equal(Object.keys(result.distribution), ['remote', '__proto__', 'office'])
  assert.is(result.n, 5)
  assert.is(JSON.stringify(result), '{"n":5,"distribution":{"remote":4,"__proto__":0,"office":1}}')
  const parsed = JSON.parse('{"n":2,"counts":{"__proto__":2}}') as Histogram
  assert.equal(questionStats(question, parsed).distribution, {
    remote: 0,
    ['__proto__']: 2,
    office: 0,
  })
})

stats('gives a mean but no ci95 for a single answer', () => {
  const result = questionStats(likert, answers(4))
  assert.equal(result, {
    n: 1,
    distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 },
    mean: 4,
    favorable: 1,
    neutral: 0,
    unfavorable: 0,
  })
  assert.equal(Object.keys(questionStats(scale, answers(9))), ['n', 'distribution', 'mean', 'nps'])
})

stats('omits every ratio when nobody answered, so nothing is NaN', () => {
  assert.equal(questionStats(likert, { n: 0, counts: {} }), {
    n: 0,
    distribution: emptyCounts(likert),
  })
  assert.equal(questionStats(scale, { n: 0, counts: { '3': 0 } }), {
    n: 0,
    distribution: emptyCounts(scale),
  })
  assert.equal(questionStats(yesno, { n: 0, counts: {} }), {
    n: 0,
    distribution: emptyCounts(yesno),
  })
})

stats('derives n of a single-answer question from its (noisy) counts', () => {
  const result = questionStats(likert, { n: 9, counts: { '2': 1, '4': 2 } })
  assert.is(result.n, 3)
  close(result.favorable, 2 / 3)
})

stats('refuses values the question cannot take and counts that are not counts', () => {
  throwsRange(() => questionStats(likert, { n: 1, counts: { '6': 1 } }), /"6"/)
  throwsRange(() => questionStats(yesno, { n: 1, counts: { yes: 1 } }), /"yes"/)
  throwsRange(() => questionStats({ kind: 'choice', options: ['a', 'b'] }, answers(3)), /"3"/)
  throwsRange(() => questionStats(likert, { n: 0, counts: { '3': -1 } }), /count/)
  throwsRange(() => questionStats(likert, { n: 1, counts: { '3': 0.5 } }), /count/)
  throwsRange(() => questionStats(likert, { n: 1, counts: { '3': NaN } }), /count/)
  throwsRange(
    () => questionStats({ kind: 'multi', options: ['a', 'b'] }, { n: -1, counts: {} }),
    /count/,
  )
})

stats.run()

const dimensions = suite('statistics: dimensionStats')

dimensions(
  'pools all answers of the dimension, so a question with more answers weighs more',
  () => {
    // Pooled: 1 once, 5 three times → mean 4; the mean of the two question means would be 3.
    const result = dimensionStats('voice', [answers(5, 5, 5), answers(1)])
    assert.equal(result, { dimension: 'voice', mean: 4, favorable: 0.75 })
  },
)

dimensions('pools two questions into one histogram of every answer', () => {
  const a = answers(4, 4, 5, 2)
  const b = answers(1, 3, 5, 5, 3)
  assert.equal(pooledHistogram([a, b]), {
    n: 9,
    counts: { '4': 2, '5': 3, '2': 1, '1': 1, '3': 2 },
  })
  const result = dimensionStats('trust', [a, b])!
  close(result.mean, 32 / 9, 'mean')
  close(result.favorable, 5 / 9, 'favorable')
  assert.equal(Object.keys(result), ['dimension', 'mean', 'favorable'])
})

dimensions('has no score when nobody answered', () => {
  assert.is(dimensionStats('voice', []), undefined)
  assert.is(
    dimensionStats('voice', [
      { n: 0, counts: {} },
      { n: 0, counts: { '3': 0 } },
    ]),
    undefined,
  )
})

dimensions('refuses histograms that are not likert5', () => {
  throwsRange(() => dimensionStats('voice', [answers(0, 10)]), /"0"/)
})

dimensions.run()

const changes = suite('statistics: change since the previous pulse')

changes('flags a change of mean only beyond 1.96 Welch standard errors', () => {
  // SE = √(1/100 + 1/100) ≈ 0.1414, so the threshold is ≈ 0.277.
  const previous = { mean: 3, sd: 1, n: 100 }
  const up = changeSince(previous, { mean: 3.3, sd: 1, n: 100 })!
  close(up.delta, 0.3, 'delta')
  assert.is(up.significant, true)
  const small = changeSince(previous, { mean: 3.25, sd: 1, n: 100 })!
  close(small.delta, 0.25, 'delta')
  assert.is(small.significant, false)
  assert.is(changeSince(previous, { mean: 2.7, sd: 1, n: 100 })!.significant, true)
})

changes('takes the standard deviation of questionStats from their distribution', () => {
  // Previous: mean 3, SD √2.5, n 5 → SE² = 0.5, threshold 1.96 · √0.5 ≈ 1.386.
  const previous = questionStats(likert, answers(1, 2, 3, 4, 5))
  const allFive = changeSince(previous, questionStats(likert, answers(5, 5, 5, 5, 5)))!
  assert.equal(allFive, { delta: 2, significant: true })
  const better = changeSince(previous, questionStats(likert, answers(2, 3, 4, 5, 5)))!
  close(better.delta, 0.8, 'delta')
  assert.is(better.significant, false)
})

changes('never flags a change when a side has fewer than two answers', () => {
  const one = changeSince({ mean: 1, sd: 0, n: 1 }, { mean: 5, sd: 0, n: 50 })!
  assert.equal(one, { delta: 4, significant: false })
  const single = changeSince(
    questionStats(likert, answers(1)),
    questionStats(likert, answers(5, 5)),
  )
  assert.equal(single, { delta: 4, significant: false })
})

changes('has no change when a side has no mean', () => {
  assert.is(
    changeSince(questionStats(likert, { n: 0, counts: {} }), { mean: 3, sd: 1, n: 9 }),
    undefined,
  )
  assert.is(changeSince({ mean: 3, sd: 1, n: 0 }, { mean: 3, sd: 1, n: 9 }), undefined)
  assert.is(
    changeSince(questionStats(yesno, answers(true)), questionStats(yesno, answers(false))),
    undefined,
  )
})

changes('flags a change of share only beyond the pooled two-proportion error', () => {
  // p̄ = 0.55: SE = √(0.2475 · 0.02) ≈ 0.070 at n 100 (threshold ≈ 0.138), ≈ 0.035 at n 400.
  const hundred = shareChangeSince({ share: 0.5, n: 100 }, { share: 0.6, n: 100 })!
  close(hundred.delta, 0.1, 'delta')
  assert.is(hundred.significant, false)
  assert.is(shareChangeSince({ share: 0.5, n: 400 }, { share: 0.6, n: 400 })!.significant, true)
  assert.is(shareChangeSince({ share: 0, n: 5 }, { share: 1, n: 5 })!.significant, true)
})

changes('does not flag one answer moving between two pulses of one respondent', () => {
  assert.equal(shareChangeSince({ share: 0, n: 1 }, { share: 1, n: 1 }), {
    delta: 1,
    significant: false,
  })
  assert.equal(shareChangeSince({ share: 1, n: 8 }, { share: 1, n: 3 }), {
    delta: 0,
    significant: false,
  })
  assert.is(shareChangeSince({ share: 0, n: 0 }, { share: 1, n: 3 }), undefined)
})

changes('compares every number two stats of a question both carry', () => {
  const likertChange = questionChange(
    questionStats(likert, answers(1, 2, 3, 4, 5)),
    questionStats(likert, answers(5, 5, 5, 5, 5)),
  )
  assert.equal(Object.keys(likertChange), ['mean', 'favorable'])
  assert.equal(likertChange.mean, { delta: 2, significant: true })
  close(likertChange.favorable!.delta, 0.6, 'favorable delta')

  const yes = questionChange(
    questionStats(yesno, answers(true, false)),
    questionStats(yesno, answers(true)),
  )
  assert.equal(yes, { yes: { delta: 0.5, significant: false } })

  const multi: StatsQuestion = { kind: 'multi', options: ['a', 'b'] }
  const a = questionStats(multi, { n: 3, counts: { a: 3 } })
  assert.equal(questionChange(a, a), {})
  assert.equal(
    questionChange(questionStats(likert, { n: 0, counts: {} }), questionStats(likert, answers(3))),
    {},
  )
})

changes('flags an eNPS change by the spread of per-person scores', () => {
  // −20 from 3 promoters, 2 passives, 5 detractors: score SD √(76000/9) ≈ 91.9.
  const previous = questionStats(scale, answers(9, 10, 10, 7, 8, 0, 3, 5, 6, 6))
  const mirrored = questionStats(scale, answers(9, 9, 10, 10, 10, 7, 8, 0, 5, 6))
  const allPromoters = questionStats(scale, answers(9, 9, 9, 9, 9, 10, 10, 10, 10, 10))
  // +40 against 1.96 · √(2 · 8444.4 / 10) ≈ 80.5: within the uncertainty.
  assert.equal(questionChange(previous, mirrored).nps, { delta: 40, significant: false })
  // +120 against 1.96 · √(8444.4 / 10) ≈ 57.0: beyond it.
  assert.equal(questionChange(previous, allPromoters).nps, { delta: 120, significant: true })
  assert.equal(questionChange(previous, previous).nps, { delta: 0, significant: false })
})

changes.run()

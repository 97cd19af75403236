import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  gini,
  measure,
  normalizedEntropy,
  summarize,
  tally,
  type Turn,
} from '../../../api/meetings/measures'

const close = (actual: number | null, expected: number, digits = 6) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 10 ** -digits,
    `expected ${expected}, got ${actual}`,
  )

const labels = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1))
/** Tallies with these turn counts and no known ends. */
const counts = (values: number[]) =>
  values.map((turns, i) => ({ seat: i + 1, turns, timedTurns: 0, speakingMs: 0 }))
const of = (values: number[], durationMs = 0) =>
  measure({ labels: labels(values.length), tallies: counts(values), durationMs })

const fixed = suite('measures: the issue’s fixed cases')

fixed('[10,10,10,10] is perfectly even: Gini 0, entropy 1', () => {
  close(gini([10, 10, 10, 10]), 0)
  close(normalizedEntropy([10, 10, 10, 10]), 1)
})

fixed('[37,1,1,1] has Gini 0.675', () => {
  close(gini([37, 1, 1, 1]), 0.675)
})

fixed('[12,12,12,0] has Gini 0.25: the silent seat counts', () => {
  close(gini([12, 12, 12, 0]), 0.25)
})

fixed.run()

const hand = suite('measures: hand-computed cases')

hand('one seat holding everything reaches the maximum (n − 1)/n', () => {
  close(gini([5, 0, 0, 0]), 0.75)
  close(gini([0, 0, 9, 0, 0, 0, 0, 0]), 7 / 8)
  close(normalizedEntropy([5, 0, 0, 0]), 0)
})

hand('[1,2,3,4]: Gini 10/40 = 0.25, entropy 1.279854/ln 4 = 0.923220', () => {
  close(gini([1, 2, 3, 4]), 0.25)
  close(normalizedEntropy([4, 1, 3, 2]), 0.92322, 5)
})

hand('[37,1,1,1]: entropy 0.348781/ln 4 = 0.251590; [12,12,12,0]: ln 3/ln 4 = 0.792481', () => {
  close(normalizedEntropy([37, 1, 1, 1]), 0.25159, 5)
  close(normalizedEntropy([12, 12, 12, 0]), 0.792481, 5)
})

hand('no turns: Gini and entropy are undefined (null), not zero', () => {
  assert.is(gini([0, 0, 0]), null)
  assert.is(normalizedEntropy([0, 0, 0]), null)
  const m = of([0, 0, 0])
  assert.equal(
    [m.balance, m.topTwoShare, m.summary, m.suggestion],
    ['none', null, 'No turns recorded yet.', null],
  )
})

hand(
  'eight seats [6,6,5,3,2,2,0,0]: Gini 82/192, top two 12/24, summary names the three above an equal share',
  () => {
    const m = of([6, 6, 5, 3, 2, 2, 0, 0], 12 * 60_000)
    close(m.gini, 82 / 192)
    close(m.topTwoShare, 0.5)
    assert.is(m.silentSeats, 2)
    assert.is(m.turns, 24)
    close(m.turnsPerMinute, 2)
    assert.is(m.basis, 'turns')
    assert.is(m.summary, '3 of 8 seats took 71% of turns; 2 seats never spoke.')
    assert.is(m.balance, 'poor')
    assert.match(m.suggestion!, /round/)
  },
)

hand('an even meeting is balanced, says so, and suggests nothing', () => {
  const m = of([3, 3, 3, 3])
  assert.is(m.balance, 'balanced')
  assert.is(m.summary, 'All 4 seats had an equal share of turns.')
  assert.is(m.suggestion, null)
})

hand('two voices dominating without silence suggests writing before speaking', () => {
  const m = of([20, 18, 1, 1, 1, 1])
  assert.is(m.silentSeats, 0)
  assert.is(m.balance, 'poor')
  assert.match(m.suggestion!, /writing before speaking/)
})

hand('one seat silent out of four is uneven, not poor; one silent seat reads singular', () => {
  const m = of([12, 12, 12, 0])
  assert.is(m.balance, 'uneven')
  assert.is(m.summary, '3 of 4 seats took 100% of turns; 1 seat never spoke.')
})

hand('summary in speaking time names the basis', () => {
  assert.is(
    summarize([60_000, 20_000, 20_000], 0, 'time'),
    '1 of 3 seats took 60% of speaking time.',
  )
})

hand.run()

const time = suite('measures: turns, ends and speaking time')

const turns: Turn[] = [
  { seat: 1, start: 0, end: 30_000 },
  { seat: 2, start: 30_000, end: 40_000 },
  { seat: 1, start: 40_000, end: 100_000 },
  { seat: 3, start: 100_000, end: 120_000 },
]

time('tally counts turns and sums known lengths per seat, silent seats included', () => {
  assert.equal(tally(4, turns), [
    { seat: 1, turns: 2, timedTurns: 2, speakingMs: 90_000 },
    { seat: 2, turns: 1, timedTurns: 1, speakingMs: 10_000 },
    { seat: 3, turns: 1, timedTurns: 1, speakingMs: 20_000 },
    { seat: 4, turns: 0, timedTurns: 0, speakingMs: 0 },
  ])
})

time('when every turn has an end the measures use speaking time', () => {
  const m = measure({ labels: ['A', 'B', 'C', 'D'], tallies: tally(4, turns), durationMs: 120_000 })
  assert.is(m.basis, 'time')
  // [90, 10, 20, 0] s: sorted [0,10,20,90], Σ(2i−3)x = −0 −10 +20 +270 = 280; 280/(4·120) = 0.583333
  close(m.gini, 280 / 480)
  close(m.topTwoShare, 110 / 120)
  close(m.turnsPerMinute, 2)
  assert.equal(m.perSeat[0], { seat: 1, label: 'A', turns: 2, speakingMs: 90_000 })
  assert.equal(m.perSeat[3], { seat: 4, label: 'D', turns: 0, speakingMs: null })
})

time('one turn without an end falls back to counting turns', () => {
  const open = [...turns, { seat: 4, start: 120_000 }]
  const m = measure({ labels: labels(4), tallies: tally(4, open), durationMs: 0 })
  assert.is(m.basis, 'turns')
  close(m.gini, gini([2, 1, 1, 1])!)
  assert.is(m.silentSeats, 0)
  assert.is(m.turnsPerMinute, null)
})

time.run()

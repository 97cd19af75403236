// One formatter for a report's numbers on the member pages and the organizer's (web/member/
// figures.ts): the same rounding, a real minus sign, and the same strings on both sides.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as figures from '../../../web/member/figures'
import * as member from '../../../web/member/numbers'
import * as organizer from '../../../web/organizer/models/report-format'

const test = suite('figures')

test('participation is rounded down: 10 of 11 is 90%, never 91%', () => {
  assert.is(figures.formatRate(10, 11), '90%')
  assert.is(figures.formatRate(13, 15), '86%')
  assert.is(figures.formatRate(7, 7), '100%')
  assert.is(figures.formatRate(0, 0), '0%')
  assert.is(figures.formatRate(null, 12), '—')
})

test('shares are whole percentages rounded to the nearest', () => {
  assert.is(figures.formatShare(0.7249), '72%')
  assert.is(figures.formatShare(0.6667), '67%')
  assert.is(figures.formatShare(0.005), '1%')
  assert.is(figures.formatShare(0), '0%')
})

test('eNPS is a signed whole number with a real minus sign', () => {
  assert.is(figures.formatNps(-38.46), '\u221238')
  assert.is(figures.formatNps(-38.5), '\u221239')
  assert.is(figures.formatNps(24.3), '+24')
  assert.is(figures.formatNps(-0.4), '0')
  assert.is(figures.formatNps(0), '0')
  assert.not.match(figures.formatNps(-38.5), '-')
})

test('means have exactly one decimal, and no sign when they round to zero', () => {
  assert.is(figures.formatMean(3.857), '3.9')
  assert.is(figures.formatMean(4), '4.0')
  assert.is(figures.formatMean(-0.04), '0.0')
  assert.is(figures.formatMean(-1.25), '\u22121.3')
})

test('German keeps the rounding and writes its own separators', () => {
  assert.is(figures.formatRate(10, 11, 'de'), '90\u00a0%')
  assert.is(figures.formatMean(3.857, 'de'), '3,9')
  assert.is(figures.formatNps(-38.46, 'de'), '\u221238')
  assert.is(figures.formatCount(1234, 'de'), '1.234')
})

test('the member pages and the organizer write the same numbers the same way', () => {
  for (const [responded, eligible] of [
    [10, 11],
    [13, 15],
    [2, 3],
  ]) {
    assert.is(
      member.participationRate(responded, eligible),
      organizer.formatRate(responded, eligible),
    )
  }
  for (const value of [0.905, 0.7249, 0.125, 1]) {
    assert.is(member.percent(value), organizer.formatShare(value))
  }
  for (const value of [-38.46, -38.5, 24.3, 0, 99.5]) {
    assert.is(member.nps(value), organizer.formatNps(value))
  }
  for (const value of [3.857, 4, 1.25, 9.95]) {
    assert.is(member.mean(value), organizer.formatMean(value))
  }
})

test.run()

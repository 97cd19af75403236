import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  maxDurationDays,
  nextOccurrence,
  nthOccurrence,
  occurrenceAfter,
} from '../../../api/pulses/schedule-math'

const t = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()
const DAY = 86_400_000

const test = suite('schedule-math')

test('maxDurationDays is 7, 14 and 28', () => {
  assert.equal(
    ['weekly', 'biweekly', 'monthly'].map((c) => maxDurationDays(c as never)),
    [7, 14, 28],
  )
})

test('weekly and biweekly step by 7 and 14 days from the start', () => {
  const start = t('2024-03-04T09:30:00Z')
  assert.is(iso(occurrenceAfter(start, 'weekly', start + 1)), '2024-03-11T09:30:00.000Z')
  assert.is(iso(occurrenceAfter(start, 'weekly', start + 20 * DAY)), '2024-03-25T09:30:00.000Z')
  assert.is(iso(occurrenceAfter(start, 'biweekly', start + 1)), '2024-03-18T09:30:00.000Z')
  assert.is(iso(occurrenceAfter(start, 'biweekly', start + 15 * DAY)), '2024-04-01T09:30:00.000Z')
})

test('a start after now is the first occurrence', () => {
  const start = t('2025-01-10T00:00:00Z')
  for (const c of ['weekly', 'biweekly', 'monthly'] as const) {
    assert.is(occurrenceAfter(start, c, start - 400 * DAY), start)
    assert.is(nextOccurrence(start, c, start - 1), start)
  }
})

test('occurrenceAfter includes an exact match, nextOccurrence excludes it', () => {
  const start = t('2025-01-31T12:00:00Z')
  const feb = t('2025-02-28T12:00:00Z')
  assert.is(occurrenceAfter(start, 'monthly', start), start)
  assert.is(occurrenceAfter(start, 'monthly', feb), feb)
  assert.is(iso(nextOccurrence(start, 'monthly', start)), '2025-02-28T12:00:00.000Z')
  assert.is(iso(nextOccurrence(start, 'monthly', feb)), '2025-03-31T12:00:00.000Z')
  const week = start + 7 * DAY
  assert.is(occurrenceAfter(start, 'weekly', week), week)
  assert.is(nextOccurrence(start, 'weekly', week), week + 7 * DAY)
  assert.is(nextOccurrence(start, 'weekly', week - 1), week)
})

test('monthly from Jan 31 clamps to short months without drifting', () => {
  const start = t('2023-01-31T08:00:00Z')
  const series = [1, 2, 3, 4, 13].map((n) => iso(nthOccurrence(start, 'monthly', n)))
  assert.equal(series, [
    '2023-02-28T08:00:00.000Z',
    '2023-03-31T08:00:00.000Z',
    '2023-04-30T08:00:00.000Z',
    '2023-05-31T08:00:00.000Z',
    '2024-02-29T08:00:00.000Z',
  ])
  assert.is(iso(occurrenceAfter(start, 'monthly', t('2023-03-01T00:00:00Z'))), series[1])
  assert.is(iso(occurrenceAfter(start, 'monthly', t('2023-04-30T08:00:00.001Z'))), series[3])
})

test('monthly handles leap days: Feb 29 series and 30th in February', () => {
  const leap = t('2024-02-29T23:59:59Z')
  assert.is(iso(nextOccurrence(leap, 'monthly', leap)), '2024-03-29T23:59:59.000Z')
  assert.is(iso(nthOccurrence(leap, 'monthly', 12)), '2025-02-28T23:59:59.000Z')
  assert.is(iso(nthOccurrence(leap, 'monthly', 48)), '2028-02-29T23:59:59.000Z')
  const thirtieth = t('2099-12-30T06:00:00Z')
  assert.is(iso(nextOccurrence(thirtieth, 'monthly', thirtieth)), '2100-01-30T06:00:00.000Z')
  assert.is(iso(nthOccurrence(thirtieth, 'monthly', 2)), '2100-02-28T06:00:00.000Z')
})

test('monthly steps to the next month when this month’s occurrence has passed', () => {
  const start = t('2024-01-15T10:00:00Z')
  assert.is(
    iso(occurrenceAfter(start, 'monthly', t('2024-06-15T10:00:00.001Z'))),
    '2024-07-15T10:00:00.000Z',
  )
  assert.is(
    iso(occurrenceAfter(start, 'monthly', t('2024-12-20T00:00:00Z'))),
    '2025-01-15T10:00:00.000Z',
  )
  assert.is(
    iso(occurrenceAfter(start, 'monthly', t('2024-06-01T00:00:00Z'))),
    '2024-06-15T10:00:00.000Z',
  )
})

test('far-future queries land on the exact occurrence, millennia after the start', () => {
  const start = t('2000-01-31T00:00:00Z')
  assert.is(
    iso(occurrenceAfter(start, 'monthly', t('9999-06-15T00:00:00Z'))),
    '9999-06-30T00:00:00.000Z',
  )
  const w = nextOccurrence(start, 'weekly', 250_000_000_000_000)
  assert.ok(
    (w - start) % (7 * DAY) === 0 && w > 250_000_000_000_000 && w - 7 * DAY <= 250_000_000_000_000,
  )
})

test('non-finite times throw a RangeError', () => {
  assert.throws(() => occurrenceAfter(NaN, 'weekly', 0), RangeError)
  assert.throws(() => nextOccurrence(0, 'monthly', Infinity), RangeError)
})

test.run()

// The organizer's views at a year of weekly pulses: the pulses page by quarter, the charts'
// thinned labels, the participation summary, one line per group over time, and which pulses
// may be deleted.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Pulse, Trend } from '../../../web/organizer/api-types'
import { shownLabels } from '../../../web/organizer/models/charts'
import { deletable } from '../../../web/organizer/models/participation'
import { pulseQuarters } from '../../../web/organizer/models/pulse-quarters'
import {
  groupSeries,
  MAX_LINES,
  participationSeries,
  participationSummary,
} from '../../../web/organizer/models/trend-view'

const WEEK = 7 * 86_400_000
// Mid-month on a Wednesday at noon UTC: the same quarter in every time zone.
const start = Date.parse('2025-01-15T12:00:00Z')

const pulse = (i: number, over: Partial<Pulse> = {}): Pulse => ({
  id: `p${i}`,
  surveyId: 's',
  status: 'closed',
  opensAt: new Date(start + i * WEEK).toISOString(),
  closesAt: new Date(start + i * WEEK + 5 * 86_400_000).toISOString(),
  eligible: 20,
  joined: 20,
  responded: 10 + (i % 9),
  minGroupSize: 5,
  minCommentGroupSize: 10,
  privacyMode: 'threshold',
  epsilon: 1,
  shared: false,
  fingerprint: null,
  ...over,
})
const year = Array.from({ length: 52 }, (_, i) => pulse(i))

const quarters = suite('pulses by quarter')

quarters('a year of weekly pulses is five quarters, newest first, only the newest opened', () => {
  const q = pulseQuarters(year)
  assert.equal(
    q.map((x) => x.key),
    ['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1'],
  )
  assert.equal(
    q.map((x) => x.expanded),
    [true, false, false, false, false],
  )
  assert.is(
    q.reduce((n, x) => n + x.pulses.length, 0),
    52,
  )
  assert.is(q[1].label, 'October–December 2025')
  assert.is(q[1].summary, '14 closed pulses')
  // Newest first inside each quarter too.
  const opens = q.flatMap((x) => x.pulses.map((p) => Date.parse(p.opensAt)))
  assert.equal(
    opens,
    [...opens].sort((a, b) => b - a),
  )
})

quarters('a quarter with a pulse still to open or close stays opened, and says so', () => {
  const list = [...year.slice(0, 51), pulse(51, { status: 'open', responded: 5 })]
  list[20] = pulse(20, { status: 'scheduled', responded: null })
  const q = pulseQuarters(list)
  const withScheduled = q.find((x) => x.pulses.some((p) => p.id === 'p20'))!
  assert.ok(withScheduled.expanded)
  assert.is(withScheduled.summary, '13 pulses: 1 scheduled, 12 closed')
  assert.is(q[0].summary, '1 open pulse')
})

quarters('no pulses, no quarters', () => {
  assert.equal(pulseQuarters([]), [])
})

const labels = suite('thinned labels')

labels('52 pulses get at most seven labels, the latest always, none crowding it', () => {
  const shown = shownLabels(52)
  const at = shown.flatMap((s, i) => (s ? [i] : []))
  assert.equal(at, [0, 9, 18, 27, 36, 51])
  assert.ok(at.length <= 7)
  assert.ok(at.at(-1)! - at.at(-2)! >= 9)
})

labels('up to six pulses are all labelled; a larger allowance labels more', () => {
  assert.equal(shownLabels(6), [true, true, true, true, true, true])
  assert.equal(shownLabels(11, 11).filter(Boolean).length, 11)
  assert.equal(shownLabels(0), [])
})

const summary = suite('participation summary')

summary('names every pulse while there are few', () => {
  const points = participationSeries(year.slice(0, 3))
  assert.is(
    participationSummary(points),
    'Share of eligible members who responded, pulse by pulse: 50%, 55%, 60%.',
  )
})

summary('at 52 pulses names the latest, the lowest and the highest instead', () => {
  const points = participationSeries([...year.slice(0, 51), pulse(51, { responded: null })])
  const text = participationSummary(points)
  assert.match(text, /^Share of eligible members who responded: 52 pulses; latest fewer than 5; /)
  assert.match(text, /lowest 50% \(Pulse 1, /)
  assert.match(text, /highest 90% \(Pulse 9, /)
})

const lines = suite('groups over time')

const trend: Trend = {
  pulses: [
    { id: 'a', closesAt: '2025-01-20T18:00:00.000Z' },
    { id: 'b', closesAt: '2025-01-27T18:00:00.000Z' },
    { id: 'c', closesAt: '2025-02-03T18:00:00.000Z' },
  ],
  groups: [
    {
      cohort: { team: 'build' },
      suppressed: false,
      series: ['a', 'b', 'c'].map((id, i) => ({
        pulseId: id,
        suppressed: false,
        keyIds: ['k1'],
        respondents: 6,
        questions: [],
        dimensions: [{ dimension: 'voice', mean: 3 + i / 2, favorable: 0.5 + i / 10 }],
      })),
    },
    {
      cohort: {},
      suppressed: false,
      series: [
        { pulseId: 'a', suppressed: true },
        {
          pulseId: 'b',
          suppressed: false,
          keyIds: ['k2', 'k3'],
          respondents: 7,
          questions: [],
          dimensions: [{ dimension: 'voice', mean: 2.5, favorable: 0.3 }],
        },
        { pulseId: 'c', suppressed: true },
      ],
    },
    {
      cohort: { team: 'care' },
      suppressed: true,
      series: ['a', 'b', 'c'].map((id) => ({ pulseId: id, suppressed: true as const })),
    },
  ],
} as unknown as Trend

const voice = { key: 'voice', short: 'voice', full: 'voice' }

lines('one line per group with a value, broken where the pulse hid it', () => {
  const { series, omitted } = groupSeries(trend, voice, 'dimensions', 'mean', 'team')
  assert.equal(series, [
    { name: 'team: build', values: [3, 3.5, 4] },
    { name: 'team: mixed or merged', values: [undefined, 2.5, undefined] },
  ])
  assert.is(omitted, 0)
  const shares = groupSeries(trend, voice, 'dimensions', 'favorable', 'team').series
  assert.equal(shares[0].values, [0.5, 0.6, 0.7])
})

lines(`at most ${MAX_LINES} lines; the rest are counted`, () => {
  const many = {
    ...trend,
    groups: Array.from({ length: 9 }, (_, i) => ({
      ...trend.groups[0],
      cohort: { team: `t${i}` },
    })),
  } as Trend
  const { series, omitted } = groupSeries(many, voice, 'dimensions', 'mean', 'team')
  assert.is(series.length, MAX_LINES)
  assert.is(omitted, 9 - MAX_LINES)
})

const deletion = suite('deletable pulses')

deletion('scheduled, skipped, and closed with nobody counted; never open or with results', () => {
  assert.ok(deletable(pulse(1, { status: 'scheduled', responded: null })))
  assert.ok(deletable(pulse(1, { status: 'skipped', responded: null })))
  assert.ok(deletable(pulse(1, { status: 'closed', responded: null })))
  assert.ok(deletable(pulse(1, { status: 'closed', responded: 0 })))
  assert.not.ok(deletable(pulse(1, { status: 'closed', responded: 7 })))
  assert.not.ok(deletable(pulse(1, { status: 'open', responded: 0 })))
})

quarters.run()
labels.run()
summary.run()
lines.run()
deletion.run()

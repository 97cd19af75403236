import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as c from '../../../web/organizer/models/charts'
import * as f from '../../../web/organizer/models/report-format'

const scale = suite('linearScale')

scale('maps the domain onto the range, including a reversed y range', () => {
  const y = c.linearScale([1, 5], [200, 0])
  assert.is(y(1), 200)
  assert.is(y(5), 0)
  assert.is(y(3), 100)
})

scale('clamps values outside the domain to its ends', () => {
  const x = c.linearScale([0, 10], [0, 100])
  assert.is(x(-3), 0)
  assert.is(x(12), 100)
})

scale('puts everything in the middle when the domain has no width', () => {
  assert.is(c.linearScale([3, 3], [0, 100])(3), 50)
})

scale.run()

const ticks = suite('niceTicks')

ticks('steps by 1 over a 1–5 scale', () => {
  assert.equal(c.niceTicks(1, 5, 5), [1, 2, 3, 4, 5])
})

ticks('steps by 50 over eNPS −100…100', () => {
  assert.equal(c.niceTicks(-100, 100, 5), [-100, -50, 0, 50, 100])
})

ticks('uses round steps without floating-point drift', () => {
  assert.equal(c.niceTicks(0, 1, 6), [0, 0.2, 0.4, 0.6, 0.8, 1])
  assert.equal(c.niceTicks(0.1, 0.35, 4), [0.1, 0.2, 0.3])
})

ticks('gives one tick for an empty range and none for nonsense', () => {
  assert.equal(c.niceTicks(2, 2), [2])
  assert.equal(c.niceTicks(NaN, 2), [])
})

ticks.run()

const paths = suite('path building')

paths('spreads points evenly and centres a single one', () => {
  assert.equal(c.spread(3, [0, 100]), [0, 50, 100])
  assert.equal(c.spread(1, [0, 100]), [50])
  assert.equal(c.spread(0, [0, 100]), [])
})

paths('draws a line through present points and breaks it at a hidden pulse', () => {
  const d = c.linePath([
    { x: 0, y: 10 },
    { x: 10, y: 20 },
    undefined,
    { x: 30, y: 5 },
    { x: 40, y: 6 },
  ])
  assert.is(d, 'M0 10L10 20M30 5L40 6')
})

paths('draws nothing for a lone point between gaps', () => {
  assert.is(c.linePath([undefined, { x: 5, y: 5 }, undefined]), '')
})

paths('rounds coordinates to a tenth', () => {
  assert.is(
    c.linePath([
      { x: 0.123, y: 1.66 },
      { x: 2.05, y: 3 },
    ]),
    'M0.1 1.7L2.1 3',
  )
})

paths('closes a band along the upper ends and back along the lower ones', () => {
  const band = c.bandPaths([
    { x: 0, y0: 10, y1: 30 },
    { x: 10, y0: 12, y1: 28 },
  ])
  assert.equal(band.areas, ['M0 10L10 12L10 28L0 30Z'])
  assert.equal(band.whiskers, [])
})

paths('gives a lone interval a whisker instead of an area', () => {
  const band = c.bandPaths([{ x: 0, y0: 10, y1: 30 }, undefined, { x: 20, y0: 5, y1: 15 }])
  assert.equal(band.areas, [])
  assert.equal(band.whiskers, ['M0 10L0 30', 'M20 5L20 15'])
})

paths.run()

const bars = suite('bars and segments')

bars('stacks shares edge to edge over the full width', () => {
  const segs = c.stackSegments([0.5, 0.3, 0.2], 400)
  assert.equal(segs, [
    { x: 0, width: 200 },
    { x: 200, width: 120 },
    { x: 320, width: 80 },
  ])
})

bars('fills the width even when rounded shares do not add up to 1', () => {
  const segs = c.stackSegments([1 / 3, 1 / 3, 1 / 3], 100)
  const last = segs[2]
  assert.is(Math.round((last.x + last.width) * 10) / 10, 100)
  assert.is(segs[1].x, segs[0].x + segs[0].width)
})

bars('draws nothing for an empty stack', () => {
  assert.equal(c.stackSegments([0, 0, 0], 100), [
    { x: 0, width: 0 },
    { x: 0, width: 0 },
    { x: 0, width: 0 },
  ])
})

bars('keeps bar lengths within the track', () => {
  assert.is(c.barLength(5, 10, 200), 100)
  assert.is(c.barLength(12, 10, 200), 200)
  assert.is(c.barLength(-1, 10, 200), 0)
  assert.is(c.barLength(3, 0, 200), 0)
})

bars('truncates long labels at a word with an ellipsis', () => {
  assert.is(c.truncate('short', 10), 'short')
  assert.is(c.truncate('I can admit a mistake here without it', 20), 'I can admit a…')
})

bars.run()

const format = suite('number formatting')

format('writes means to one decimal', () => {
  assert.is(f.formatMean(3.8), '3.8')
  assert.is(f.formatMean(3.857), '3.9')
  assert.is(f.formatMean(4), '4.0')
  assert.is(f.formatMean(-0.04), '0.0')
})

format('writes shares as whole percentages', () => {
  assert.is(f.formatShare(0.72), '72%')
  assert.is(f.formatShare(0.7249), '72%')
  assert.is(f.formatShare(1), '100%')
})

format('rounds participation down so it never reads higher than it is', () => {
  assert.is(f.formatRate(13, 15), '86%')
  assert.is(f.formatRate(29, 100), '29%')
  assert.is(f.formatRate(0, 0), '0%')
})

format('signs eNPS, with a real minus sign', () => {
  assert.is(f.formatNps(24.3), '+24')
  assert.is(f.formatNps(-12), '\u221212')
  assert.is(f.formatNps(0.2), '0')
})

format('writes a confidence interval as a range', () => {
  assert.is(f.formatCi([3.41, 4.22]), '3.4–4.2')
})

format.run()

const change = suite('change phrases')

change('names a significant change with its direction and size', () => {
  assert.is(f.changePhrase('mean', { delta: 0.43, significant: true }), 'up 0.4 since last pulse')
  assert.is(
    f.changePhrase('mean', { delta: -0.43, significant: true }),
    'down 0.4 since last pulse',
  )
  assert.is(
    f.changePhrase('favorable', { delta: 0.12, significant: true }),
    'up 12 points since last pulse',
  )
  assert.is(
    f.changePhrase('yes', { delta: -0.01, significant: true }),
    'down 1 point since last pulse',
  )
  assert.is(f.changePhrase('nps', { delta: 24.4, significant: true }), 'up 24 since last pulse')
})

change('says "no clear change" for anything within its uncertainty, however large', () => {
  assert.is(f.changePhrase('mean', { delta: 1.2, significant: false }), 'no clear change')
})

change('says nothing when there was nothing to compare', () => {
  assert.is(f.changePhrase('mean', undefined), undefined)
})

change.run()

const heat = suite('heatmap colour bins')

heat('places values on their scale from worst to best', () => {
  assert.is(f.position('mean', 1), 0)
  assert.is(f.position('mean', 5), 1)
  assert.is(f.position('mean', 3), 0.5)
  assert.is(f.position('mean', 5, 'scale10'), 0.5)
  assert.is(f.position('favorable', 0.72), 0.72)
  assert.is(f.position('nps', 0), 0.5)
  assert.is(f.position('nps', -150), 0)
})

heat('bins positions into five equal steps, the top value in the top step', () => {
  assert.equal([0, 0.19, 0.2, 0.5, 0.79, 0.8, 1].map(f.heatBin), [0, 0, 1, 2, 3, 4, 4])
  assert.is(f.heatBin(NaN), 0)
})

heat('labels each step with the values it stands for', () => {
  assert.equal(f.heatLegend('mean'), ['1.0–1.8', '1.8–2.6', '2.6–3.4', '3.4–4.2', '4.2–5.0'])
  assert.equal(f.heatLegend('favorable'), ['0%–20%', '20%–40%', '40%–60%', '60%–80%', '80%–100%'])
})

heat('names groups by their cohort, and the pooled rest of a cut', () => {
  assert.is(f.cohortLabel({ team: 'altos' }, 'team'), 'team: altos')
  assert.is(f.cohortLabel({}, 'team'), 'other or no team')
  assert.is(f.cohortLabel({}), 'everyone')
})

heat.run()

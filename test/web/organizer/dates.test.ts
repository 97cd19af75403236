import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as d from '../../../web/organizer/models/dates'

const inputs = suite('datetime-local values')

inputs('round-trips a local time through the input format', () => {
  const when = new Date(2025, 2, 7, 9, 5)
  assert.is(d.toLocalInput(when), '2025-03-07T09:05')
  assert.is(d.fromLocalInput('2025-03-07T09:05'), when.toISOString())
  assert.is(d.fromLocalInput(''), undefined)
  assert.is(d.fromLocalInput('not a date'), undefined)
})

inputs('defaults a closing time a week later, to the minute', () => {
  const now = new Date(2025, 2, 7, 9, 5, 42)
  assert.is(d.localInputAfter(now, 7), '2025-03-14T09:05')
})

inputs('formats in the given locale and tolerates gaps', () => {
  const text = d.formatDateTime('2025-03-07T09:05:00Z', 'en-GB')
  assert.ok(text.includes('2025'), text)
  assert.is(d.formatDateTime(undefined), '—')
  assert.is(d.formatDateTime('garbage'), 'garbage')
})

inputs.run()

const pulses = suite('pulse and schedule checks')

pulses('wants a closing time after the opening', () => {
  const now = new Date('2025-03-07T09:00:00Z')
  assert.equal(d.validatePulseTimes(undefined, undefined, now), [
    { path: 'closesAt', message: 'choose when the pulse closes' },
  ])
  assert.equal(d.validatePulseTimes(undefined, '2025-03-07T08:00:00Z', now), [
    { path: 'closesAt', message: 'must be after the pulse opens' },
  ])
  assert.equal(d.validatePulseTimes('2025-03-10T00:00:00Z', '2025-03-09T00:00:00Z', now).length, 1)
  assert.equal(d.validatePulseTimes('2025-03-10T00:00:00Z', '2025-03-12T00:00:00Z', now), [])
})

pulses('limits the duration to 7, 14 or 28 days by cadence', () => {
  assert.is(d.clampDuration(10, 'weekly'), 7)
  assert.is(d.clampDuration(10, 'biweekly'), 10)
  assert.is(d.clampDuration(40, 'monthly'), 28)
  assert.is(d.clampDuration(0, 'monthly'), 1)
  assert.is(d.clampDuration(Number.NaN, 'biweekly'), 14)
  assert.equal(d.validateSchedule('weekly', '2025-03-07T09:00:00Z', 8), [
    { path: 'durationDays', message: 'must be a whole number of days from 1 to 7' },
  ])
  assert.equal(
    d.validateSchedule('monthly', undefined, 28).map((p) => p.path),
    ['startsAt'],
  )
})

pulses.run()

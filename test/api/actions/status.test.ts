import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { applyStatus, dayOf, isDay, type StatusDates } from '../../../api/actions/status'

const test = suite('action status')
const today = '2026-03-10'
const planned: StatusDates = { status: 'planned', startedOn: null, endedOn: null }

const dates = (current: StatusDates | undefined, change: object) => {
  const result = applyStatus(current, change, today)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.dates
}
const errors = (current: StatusDates | undefined, change: object) => {
  const result = applyStatus(current, change, today)
  return result.ok ? [] : result.errors.map((e) => e.path)
}

test('days are UTC calendar days written YYYY-MM-DD', () => {
  assert.is(dayOf(Date.parse('2026-03-10T23:59:59Z')), '2026-03-10')
  assert.ok(isDay('2028-02-29'))
  for (const bad of ['2026-02-29', '2026-13-01', '2026-3-1', '2026-03-01T00:00:00Z', ''])
    assert.not.ok(isDay(bad), bad)
})

test('a new status fills in its dates; a start once made is kept', () => {
  assert.equal(dates(undefined, {}), planned)
  const running = dates(planned, { status: 'in progress' })
  assert.equal(running, { status: 'in progress', startedOn: today, endedOn: null })
  const earlier = { status: 'in progress', startedOn: '2026-01-05', endedOn: null } as const
  assert.equal(dates(earlier, { status: 'done' }), {
    status: 'done',
    startedOn: '2026-01-05',
    endedOn: today,
  })
  assert.equal(dates(planned, { status: 'done' }), {
    status: 'done',
    startedOn: today,
    endedOn: today,
  })
  assert.equal(dates(planned, { status: 'dropped' }), {
    status: 'dropped',
    startedOn: null,
    endedOn: today,
  })
  assert.equal(dates(dates(earlier, { status: 'done' }), { status: 'in progress' }), earlier)
  assert.equal(dates(earlier, { status: 'planned' }), planned)
  // The same status again changes nothing.
  assert.equal(dates(earlier, { status: 'in progress' }), earlier)
})

test('explicit dates must fit the status, lie in order and not in the future', () => {
  assert.equal(errors(planned, { startedOn: today }), ['startedOn'])
  assert.equal(errors(planned, { status: 'in progress', endedOn: today }), ['endedOn'])
  assert.equal(errors(planned, { status: 'in progress', startedOn: null }), ['startedOn'])
  assert.equal(errors(planned, { status: 'done', endedOn: null }), ['endedOn'])
  assert.equal(errors(planned, { status: 'dropped', endedOn: '2026-03-11' }), ['endedOn'])
  assert.equal(
    errors(planned, { status: 'done', startedOn: '2026-03-05', endedOn: '2026-03-04' }),
    ['endedOn'],
  )
  assert.equal(dates(planned, { status: 'done', startedOn: '2026-03-01', endedOn: '2026-03-04' }), {
    status: 'done',
    startedOn: '2026-03-01',
    endedOn: '2026-03-04',
  })
})

test.run()

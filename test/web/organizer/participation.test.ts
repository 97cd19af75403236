import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Pulse } from '../../../web/organizer/api-types'
import * as p from '../../../web/organizer/models/participation'

const pulse = (over: Partial<Pulse>): Pulse => ({
  id: 'p',
  surveyId: 's',
  status: 'open',
  opensAt: '2025-03-01T09:00:00.000Z',
  closesAt: '2025-03-08T09:00:00.000Z',
  eligible: 40,
  joined: 40,
  responded: 10,
  minGroupSize: 5,
  minCommentGroupSize: 10,
  privacyMode: 'threshold',
  epsilon: 1,
  shared: false,
  fingerprint: null,
  ...over,
})

const text = suite('participation text')

text('says "at least" while open and explains the rounding to a multiple of k', () => {
  const view = p.participation(pulse({ responded: 15, minGroupSize: 5 }))
  assert.is(view.text, 'At least 15 of 40 responded (37% or more)')
  assert.is(view.value, 15)
  assert.is(view.max, 40)
  assert.ok(view.note?.includes('rounded down to a multiple of 5'))
})

text('says "fewer than k" while an open pulse shows zero', () => {
  const view = p.participation(pulse({ responded: 0, minGroupSize: 5 }))
  assert.is(view.text, 'Fewer than 5 of 40 responded so far')
  assert.is(view.value, 0)
})

text('says "fewer than k" once closed when the count was not released, and why', () => {
  const view = p.participation(
    pulse({ status: 'closed', responded: null, eligible: 40, minGroupSize: 5 }),
  )
  assert.is(view.text, 'Fewer than 5 of 40 responded')
  assert.is(view.value, undefined)
  assert.ok(view.note?.includes('never released'))
})

text('is exact once closed, with the share rounded down', () => {
  const view = p.participation(pulse({ status: 'closed', responded: 13, eligible: 40 }))
  assert.is(view.text, '13 of 40 responded (32%)')
  assert.is(view.note, undefined)
})

text('shows no bar before a pulse opens and never divides by zero', () => {
  assert.equal(p.participation(pulse({ status: 'scheduled', eligible: 0, responded: 0 })), {
    text: 'Not open yet',
  })
  assert.is(p.participation(pulse({ status: 'skipped' })).value, undefined)
  const empty = p.participation(pulse({ status: 'closed', eligible: 0, responded: 0 }))
  assert.is(empty.text, '0 of 0 responded (0%)')
  assert.is(empty.max, 1)
})

text.run()

const reasons = suite('pulse reasons')

reasons('explains preparing keys and skipped pulses', () => {
  const preparing = pulse({ status: 'scheduled', reason: 'preparing keys' })
  assert.ok(p.pulseReason(preparing)?.startsWith('Preparing keys'))
  assert.is(
    p.pulseReason(pulse({ status: 'skipped', reason: 'too few members' })),
    'Skipped: too few members.',
  )
  assert.is(p.pulseReason(pulse({})), undefined)
})

reasons('polls only while keys are being prepared', () => {
  assert.is(
    p.needsPolling([pulse({}), pulse({ status: 'scheduled', reason: 'preparing keys' })]),
    true,
  )
  assert.is(p.needsPolling([pulse({ status: 'scheduled' })]), false)
})

reasons('sorts newest first', () => {
  const sorted = p.sortPulses([
    pulse({ id: 'old', opensAt: '2025-01-01T00:00:00Z' }),
    pulse({ id: 'new', opensAt: '2025-02-01T00:00:00+01:00' }),
  ])
  assert.equal(
    sorted.map((x) => x.id),
    ['new', 'old'],
  )
})

reasons.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { closesIn } from '../../../web/member/format'
import { percent } from '../../../web/member/numbers'

const test = suite('format')
const now = Date.parse('2026-11-26T12:00:00Z')
const at = (ms: number) => new Date(now + ms).toISOString()

test('says when a pulse closes in minutes, hours or days', () => {
  assert.is(closesIn(at(5 * 60_000), now), 'closes in 5 minutes')
  assert.is(closesIn(at(5 * 3600_000), now), 'closes in 5 hours')
  assert.is(closesIn(at(3 * 86400_000), now), 'closes in 3 days')
  assert.is(closesIn(at(-1000), now), 'closed')
})

test('shares are whole percentages', () => {
  assert.is(percent(0.6667), '67%')
})

test.run()

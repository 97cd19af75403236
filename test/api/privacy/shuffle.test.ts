import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { shuffled } from '../../../api/privacy/shuffle'

test('shuffled returns a permutation and leaves its input alone', () => {
  const input = Object.freeze(Array.from({ length: 50 }, (_, i) => i))
  const out = shuffled(input)
  assert.equal(
    [...out].sort((a, b) => a - b),
    [...input],
  )
  assert.is.not(out, input)
})

test('every order of three items occurs, each about as often (no order kept, none favoured)', () => {
  const counts = new Map<string, number>()
  for (let i = 0; i < 6000; i++) {
    const key = shuffled(['a', 'b', 'c']).join('')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  assert.is(counts.size, 6)
  // Each order is expected 1000 times (σ ≈ 29): 800..1200 fails only a broken shuffle.
  for (const [order, n] of counts) assert.ok(n > 800 && n < 1200, `${order}: ${n}`)
})

test.run()

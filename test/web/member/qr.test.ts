import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { qrMatrix, qrPath } from '../../../web/member/qr'

// Decoding is checked by hand with zbarimg (versions 1–40, see the member UI notes); here the
// structure a decoder relies on is pinned.
const test = suite('qr')
const version = (m: boolean[][]) => (m.length - 17) / 4

test('picks the smallest version that holds the bytes at level L', () => {
  assert.is(version(qrMatrix('x'.repeat(17))), 1)
  assert.is(version(qrMatrix('x'.repeat(18))), 2)
  assert.is(version(qrMatrix('x'.repeat(271))), 10)
  assert.is(version(qrMatrix('x'.repeat(272))), 11)
  assert.is(version(qrMatrix('x'.repeat(2953))), 40)
  assert.throws(() => qrMatrix('x'.repeat(2954)))
})

test('draws the three finder patterns and the timing patterns', () => {
  const m = qrMatrix('https://tp.example/m/import#s,p1,k1,AAAA,BBBB')
  const n = m.length
  for (const [x0, y0] of [
    [0, 0],
    [n - 7, 0],
    [0, n - 7],
  ]) {
    for (let d = 0; d < 7; d++) {
      assert.ok(m[y0][x0 + d] && m[y0 + 6][x0 + d] && m[y0 + d][x0] && m[y0 + d][x0 + 6])
    }
    assert.not.ok(m[y0 + 1][x0 + 1])
    assert.ok(m[y0 + 3][x0 + 3])
  }
  for (let i = 8; i < n - 8; i++) assert.is(m[6][i], i % 2 === 0)
  assert.ok(m[n - 8][8]) // the dark module
})

test('writes the same valid format information twice', () => {
  const m = qrMatrix('hello')
  const n = m.length
  let first = 0
  let second = 0
  const a = [0, 1, 2, 3, 4, 5, 7, 8]
    .map((y) => m[y][8])
    .concat([7, 5, 4, 3, 2, 1, 0].map((x) => m[8][x]))
  const b = [...Array(8)]
    .map((_, i) => m[8][n - 1 - i])
    .concat([...Array(7)].map((_, i) => m[n - 7 + i][8]))
  a.forEach((bit, i) => (first |= Number(bit) << i))
  b.forEach((bit, i) => (second |= Number(bit) << i))
  assert.is(first, second)
  const data = (first ^ 0x5412) >> 10
  assert.is(data >> 3, 1) // level L
  let r = data
  for (let i = 0; i < 10; i++) r = (r << 1) ^ ((r >>> 9) * 0x537)
  assert.is(((data << 10) | r) ^ 0x5412, first) // BCH check bits match
})

test('the SVG path covers exactly the dark modules, inside a quiet zone', () => {
  const m = qrMatrix('abc')
  const d = qrPath(m)
  let area = 0
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    assert.ok(Number(x) >= 4 && Number(y) >= 4)
    area += Number(w)
  }
  assert.is(area, m.flat().filter(Boolean).length)
})

test.run()

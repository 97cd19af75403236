import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { decodeMove, encodeMove, movableToken, moveUrl } from '../../../web/member/move'

const test = suite('move')
const signed = { pid: 'p,1', keyId: 'k 1', token: 'AAA', signature: 'BBB' }
const prepared = { pid: 'p1', keyId: 'k1', token: 'AAA', blindedMsg: 'CCC', inv: 'DDD' }

test('signed and prepared tokens round-trip through the fragment text', () => {
  assert.equal(decodeMove(encodeMove(signed)), signed)
  assert.equal(decodeMove(encodeMove(prepared)), prepared)
})

test('the link puts the token in the fragment only', () => {
  const url = new URL(moveUrl('https://tp.example', signed))
  assert.is(url.pathname, '/m/import')
  assert.is(url.search, '')
  assert.equal(decodeMove(url.hash.slice(1)), signed)
})

test('anything else decodes to undefined', () => {
  for (const text of ['', 'x,a,b,c,d', 's,a,b,c', 's,a,,c,d', 'p,%E0%A4%A,b,c,d,e']) {
    assert.is(decodeMove(text), undefined)
  }
})

test('only unused tokens can be moved, signed ones first', () => {
  const token = { keyId: 'k1', token: 'AAA', signature: 'BBB' }
  assert.equal(movableToken('p1', { token }), { pid: 'p1', ...token })
  const { pid, ...rest } = prepared
  assert.equal(movableToken('p1', { prepared: rest }), prepared)
  assert.is(movableToken('p1', { token, pending: [] }), undefined)
  assert.is(movableToken('p1', { receipt: 'r' }), undefined)
  assert.is(movableToken('p1', {}), undefined)
})

test.run()

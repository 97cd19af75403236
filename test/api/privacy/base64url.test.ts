import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fromBase64Url, InvalidBase64UrlError, toBase64Url } from '../../../api/privacy/base64url'
import { createRandom } from '../../helpers/random'

const test = suite('base64url')

test('matches RFC 4648 test vectors, without padding', () => {
  const vectors = ['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']
  vectors.forEach((encoded, i) => {
    const bytes = new TextEncoder().encode('foobar'.slice(0, i))
    assert.is(toBase64Url(bytes), encoded)
    assert.equal(fromBase64Url(encoded), bytes)
  })
  assert.is(toBase64Url(new Uint8Array([251, 255, 191])), '-_-_')
})

test('round-trips random bytes and agrees with Node', () => {
  const rnd = createRandom(64)
  for (let i = 0; i < 300; i++) {
    const bytes = Uint8Array.from({ length: rnd.int(0, 70) }, () => rnd.int(0, 255))
    const encoded = toBase64Url(bytes)
    assert.is(encoded, Buffer.from(bytes).toString('base64url'), `seed 64, case ${i}`)
    assert.equal(fromBase64Url(encoded), bytes, `seed 64, case ${i}`)
  }
})

test('refuses anything but canonical unpadded base64url', () => {
  for (const bad of [
    'Zg==',
    'Zm9v=',
    'Zm+v',
    'Zm/v',
    'Zm 9v',
    'Zm9v\n',
    'Z',
    'Zm9vY',
    'Zh',
    'Zm9',
    'é',
  ]) {
    assert.throws(
      () => fromBase64Url(bad),
      (e: unknown) => e instanceof InvalidBase64UrlError,
      JSON.stringify(bad),
    )
  }
})

test.run()

import { constants, generateKeyPairSync, privateDecrypt, verify } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  base64url,
  emsaPssEncode,
  finalizeToken,
  memberKey,
  prepareToken,
  receiptFor,
  responseBody,
  verifyToken,
} from '../../../web/member/token-client'
import { signingKey } from './helpers'

const test = suite('token-client')
const key = signingKey()

test('a prepared token signed blindly finalizes into a signature the key verifies', async () => {
  const k = await key
  const prepared = await prepareToken(k.publicKey)
  assert.is(base64url.decode(prepared.token).length, 64) // 32-byte prefix + 32 random bytes
  assert.is(base64url.decode(prepared.blindedMsg).length, 256)
  const signed = await finalizeToken(prepared, k.publicKey, await k.sign(prepared.blindedMsg))
  assert.is(signed.token, prepared.token)
  assert.ok(await k.verify(signed.token, signed.signature))
  assert.ok(await verifyToken(k.publicKey, signed))
})

test('a prepared token survives JSON storage and still finalizes', async () => {
  const k = await key
  const stored = JSON.stringify(await prepareToken(k.publicKey))
  const prepared = JSON.parse(stored)
  assert.ok(Object.values(prepared).every((v) => /^[A-Za-z0-9_-]+$/.test(v as string)))
  const signed = await finalizeToken(prepared, k.publicKey, await k.sign(prepared.blindedMsg))
  assert.ok(await k.verify(signed.token, signed.signature))
})

test('finalize rejects a tampered blind signature', async () => {
  const k = await key
  const prepared = await prepareToken(k.publicKey)
  const sig = base64url.decode(await k.sign(prepared.blindedMsg))
  sig[100] ^= 1
  await finalizeToken(prepared, k.publicKey, base64url.encode(sig)).then(
    () => assert.unreachable('accepted a tampered signature'),
    (e) => assert.match(String(e), /invalid signature/),
  )
})

test('finalize rejects a signature made by another key', async () => {
  const [k, other] = await Promise.all([key, signingKey()])
  const prepared = await prepareToken(k.publicKey)
  const wrong = await other.sign(prepared.blindedMsg).catch(() => undefined)
  if (wrong) {
    await finalizeToken(prepared, k.publicKey, wrong).then(
      () => assert.unreachable('accepted a foreign signature'),
      () => {},
    )
  }
})

// The encoding alone, checked by OpenSSL: RSASP1 over it (raw RSA) must be a PSS signature that
// OpenSSL accepts with SHA-384, MGF1-SHA-384 and a 48-byte salt, for modulus sizes that leave
// 0–7 spare bits in the top byte.
test('EMSA-PSS-ENCODE gives what OpenSSL verifies as RSASSA-PSS SHA-384, salt 48', async () => {
  for (const bits of [2048, 2047, 2041, 1031]) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits })
    const message = crypto.getRandomValues(new Uint8Array(64))
    const em = await emsaPssEncode(message, bits - 1, crypto.getRandomValues(new Uint8Array(48)))
    const kLen = Math.ceil(bits / 8)
    const padded = new Uint8Array(kLen)
    padded.set(em, kLen - em.length)
    const signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, padded)
    const options = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }
    assert.ok(verify('sha384', message, options, signature), `${bits} bits`)
    assert.not.ok(
      verify(
        'sha384',
        message.map((b, i) => (i === 0 ? b ^ 1 : b)),
        options,
        signature,
      ),
    )
  }
})

test('two tokens are different and unlinkable to their blinded messages', async () => {
  const k = await key
  const [a, b] = await Promise.all([prepareToken(k.publicKey), prepareToken(k.publicKey)])
  assert.is.not(a.token, b.token)
  assert.is.not(a.blindedMsg, b.blindedMsg)
  assert.not.ok(a.blindedMsg.includes(a.token))
})

test('verifyToken says false for a wrong signature or garbage', async () => {
  const k = await key
  const p = await prepareToken(k.publicKey)
  const signed = await finalizeToken(p, k.publicKey, await k.sign(p.blindedMsg))
  const other = await prepareToken(k.publicKey)
  assert.is(
    await verifyToken(k.publicKey, { token: other.token, signature: signed.signature }),
    false,
  )
  assert.is(await verifyToken(k.publicKey, { token: '***', signature: signed.signature }), false)
})

test('the receipt is base64url SHA-256 of the decoded token', async () => {
  const token = base64url.encode(new Uint8Array([1, 2, 3]))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array([1, 2, 3])))
  assert.is(await receiptFor(token), base64url.encode(digest))
  assert.is((await receiptFor(token)).length, 43)
})

test('responseBody carries keyId, token, signature and answers', () => {
  const answers = [{ questionId: 'q1', value: 4 }]
  const body = responseBody('k1', { token: 't', signature: 's' }, answers)
  assert.equal(body, { keyId: 'k1', token: 't', signature: 's', answers })
})

test('memberKey draws 32 fresh random bytes', () => {
  const a = memberKey()
  assert.is(a.length, 43)
  assert.is(base64url.decode(a).length, 32)
  assert.is.not(a, memberKey())
})

test('base64url round-trips every byte without padding and refuses other text', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i)
  const text = base64url.encode(all)
  assert.not.match(text, /[+/=]/)
  assert.equal([...base64url.decode(text)], [...all])
  assert.throws(() => base64url.decode('ab+/'))
  assert.throws(() => base64url.decode('abcde'))
})

test.run()

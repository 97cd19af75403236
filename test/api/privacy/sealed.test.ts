import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fromBase64Url, toBase64Url } from '../../../api/privacy/base64url'
import { deriveKeys, mac, seal, UnsealError, unseal } from '../../../api/privacy/sealed'

const test = suite('sealed')
const secret = new Uint8Array(32).fill(7)
const plaintext = new TextEncoder().encode('a PKCS#8 private key, say')

async function rejectsWithUnsealError(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    assert.instance(error, UnsealError)
    assert.is((error as Error).message, 'cannot unseal')
    return
  }
  assert.unreachable('expected UnsealError')
}

test('opens what it sealed, under the same context only', async () => {
  const { sealKey } = await deriveKeys(secret)
  const sealed = await seal(sealKey, plaintext, 'pulse p1 key k1')
  assert.equal(await unseal(sealKey, sealed, 'pulse p1 key k1'), plaintext)
  await rejectsWithUnsealError(unseal(sealKey, sealed, 'pulse p2 key k1'))
  await rejectsWithUnsealError(unseal(sealKey, sealed, ''))
})

test('draws a fresh IV each time and keeps no key material in the output', async () => {
  const { sealKey } = await deriveKeys(secret)
  const a = await seal(sealKey, plaintext, 'ctx')
  const b = await seal(sealKey, plaintext, 'ctx')
  assert.is.not(a, b)
  assert.is(fromBase64Url(a).length, 12 + plaintext.length + 16)
  assert.equal(
    await unseal(sealKey, await seal(sealKey, new Uint8Array(0), 'ctx'), 'ctx'),
    new Uint8Array(0),
  )
})

test('refuses tampering, truncation, garbage and another secret', async () => {
  const { sealKey } = await deriveKeys(secret)
  const sealed = await seal(sealKey, plaintext, 'ctx')
  const bytes = fromBase64Url(sealed)
  for (const i of [0, 11, 12, bytes.length - 1]) {
    const tampered = bytes.map((b, j) => (j === i ? b ^ 1 : b))
    await rejectsWithUnsealError(unseal(sealKey, toBase64Url(tampered), 'ctx'))
  }
  await rejectsWithUnsealError(unseal(sealKey, toBase64Url(bytes.subarray(0, 27)), 'ctx'))
  await rejectsWithUnsealError(unseal(sealKey, sealed + '=', 'ctx'))
  await rejectsWithUnsealError(unseal(sealKey, '', 'ctx'))
  const other = await deriveKeys(new Uint8Array(32).fill(8))
  await rejectsWithUnsealError(unseal(other.sealKey, sealed, 'ctx'))
})

test('derives the same keys from the same secret, the sealing key non-extractable, and needs 32 bytes', async () => {
  const one = await deriveKeys(secret)
  const two = await deriveKeys(new Uint8Array(secret))
  assert.is(one.sealKey.extractable, false)
  assert.equal(await unseal(two.sealKey, await seal(one.sealKey, plaintext, 'c'), 'c'), plaintext)
  assert.is(await mac(one.macKey, 'member', 'pulse'), await mac(two.macKey, 'member', 'pulse'))
  try {
    await deriveKeys(new Uint8Array(31))
    assert.unreachable('a 31-byte secret must be refused')
  } catch (error) {
    assert.instance(error, RangeError)
  }
})

test('macs deterministically, keyed, and keeps parts apart', async () => {
  const { macKey } = await deriveKeys(secret)
  const m = await mac(macKey, 'member-1', 'pulse-1')
  assert.is(m, await mac(macKey, 'member-1', 'pulse-1'))
  assert.is(fromBase64Url(m).length, 32)
  assert.is.not(m, await mac(macKey, 'member-1', 'pulse-2'))
  assert.is.not(await mac(macKey, 'ab', 'c'), await mac(macKey, 'a', 'bc'))
  assert.is.not(await mac(macKey, 'a', ''), await mac(macKey, 'a'))
  assert.is.not(await mac(macKey, ''), await mac(macKey))
  assert.is.not(
    m,
    await mac((await deriveKeys(new Uint8Array(32).fill(8))).macKey, 'member-1', 'pulse-1'),
  )
  // A lone surrogate would otherwise encode like U+FFFD and collide with it.
  try {
    await mac(macKey, '\uD800')
    assert.unreachable('a lone surrogate must be refused')
  } catch (error) {
    assert.instance(error, TypeError)
  }
})

test.run()

// The keys are HKDF-SHA256 of the secret as Web Crypto derives them, so values sealed and MACs
// stored under either derivation stay valid.
test('derives exactly the keys Web Crypto HKDF derives', async () => {
  const ikm = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: new TextEncoder().encode(info),
  })
  const webSeal = await crypto.subtle.deriveKey(
    hkdf('trustpulse seal v1'),
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
  const webMac = await crypto.subtle.deriveKey(
    hkdf('trustpulse mac v1'),
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  )
  const { sealKey, macKey } = await deriveKeys(secret)
  assert.equal(await unseal(sealKey, await seal(webSeal, plaintext, 'c'), 'c'), plaintext)
  const input = new Uint8Array([0, 0, 0, 1, 0x61])
  assert.is(
    mac(macKey, 'a'),
    toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', webMac, input))),
  )
})

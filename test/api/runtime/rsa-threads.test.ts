import { execFileSync } from 'node:child_process'
import { constants, generateKeyPairSync, privateDecrypt, randomBytes } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rsaThreads } from '../../../api/runtime/rsa-threads'

const test = suite('RSA threads')
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const modulus = BigInt(
  `0x${Buffer.from(publicKey.export({ format: 'jwk' }).n!, 'base64url').toString('hex')}`,
)

/** A random 256-byte message below the modulus. */
function message(): Uint8Array {
  for (;;) {
    const m = new Uint8Array(randomBytes(256))
    if (BigInt(`0x${Buffer.from(m).toString('hex')}`) < modulus) return m
  }
}
const inThread = (m: Uint8Array) =>
  new Uint8Array(privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, m))

test('gives m^d mod n, each answer to its own call, across the pool', async () => {
  const pool = rsaThreads(2)
  try {
    const messages = Array.from({ length: 40 }, message)
    const signatures = await Promise.all(messages.map((m) => pool.rsasp1(privateKey, m)))
    signatures.forEach((s, i) => assert.equal(s, inThread(messages[i]), `message ${i}`))
  } finally {
    await pool.close()
  }
})

test('a refused message fails its call only, without key material in the error', async () => {
  const pool = rsaThreads(1)
  try {
    const tooLong = new Uint8Array(300).fill(1)
    const [refused, fine] = await Promise.allSettled([
      pool.rsasp1(privateKey, tooLong),
      pool.rsasp1(privateKey, message()),
    ])
    assert.is(refused.status, 'rejected')
    const text = String((refused as PromiseRejectedResult).reason)
    assert.match(text, /RSASP1 failed/)
    const d = privateKey.export({ format: 'jwk' }).d!
    assert.not.ok(text.includes(d.slice(0, 16)))
    assert.is(fine.status, 'fulfilled')
  } finally {
    await pool.close()
  }
})

test('calls in flight when a thread stops fail, and the next call starts a new thread', async () => {
  const pool = rsaThreads(1)
  const inFlight = Array.from({ length: 5 }, () => pool.rsasp1(privateKey, message()))
  await pool.close()
  for (const outcome of await Promise.allSettled(inFlight)) {
    // Each call either finished before the stop or failed with it; none is left hanging.
    if (outcome.status === 'rejected') assert.match(String(outcome.reason), /stopped/)
  }
  const m = message()
  assert.equal(await pool.rsasp1(privateKey, m), inThread(m))
  await pool.close()
})

test('idle threads do not keep a process alive', () => {
  const script = `
    import { generateKeyPairSync } from 'node:crypto'
    import { rsaThreads } from './api/runtime/rsa-threads.ts'
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const s = await rsaThreads(2).rsasp1(privateKey, new Uint8Array(128).fill(1))
    process.stdout.write(String(s.length))`
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { timeout: 20_000, encoding: 'utf8' },
  )
  assert.is(out.trim(), '128')
})

test.run()

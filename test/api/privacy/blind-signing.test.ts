import { RSABSSA } from '@cloudflare/blindrsa-ts'
import type { KeyObject } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { nodeRawRsa } from '../../../api/runtime/node-raw-rsa'
import { fromBase64Url, toBase64Url } from '../../../api/privacy/base64url'
import {
  type BlindSigner,
  BlindSigningError,
  type CohortKey,
  createBlindSigner,
  createRuntimeBlindSigner,
  generateCohortKey,
  InvalidBlindedMessageError,
  keyIdOf,
  type RawRsa,
  supportsRsaRaw,
  verifyToken,
} from '../../../api/privacy/blind-signing'

const test = suite('blind-signing')
const client = RSABSSA.SHA384.PSS.Randomized()

let keyA: CohortKey
let keyB: CohortKey
const spki = (key: CohortKey) => fromBase64Url(key.publicKey)
let opened = 0
/** The private key as the token route hands it over: opened on demand (there, unsealed), counted. */
const pkcs8 = (key: CohortKey) => async () => (opened++, key.privateKey)

test.before(async () => {
  ;[keyA, keyB] = await Promise.all([generateCohortKey(), generateCohortKey()])
})

const importPublic = (key: CohortKey) =>
  crypto.subtle.importKey('spki', spki(key), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify'])

/** The member's side, as API.md describes it: prepare, blind, (server signs), finalize. */
async function roundTrip(signer: BlindSigner, key: CohortKey) {
  const publicKey = await importPublic(key)
  const token = client.prepare(crypto.getRandomValues(new Uint8Array(32)))
  const { blindedMsg, inv } = await client.blind(publicKey, token)
  const blindSig = await signer.sign(pkcs8(key), spki(key), blindedMsg)
  const signature = await client.finalize(publicKey, token, blindSig, inv)
  return { token, signature, blindedMsg, blindSig }
}

/** nodeRawRsa, counting key imports. */
function countingRawRsa() {
  const counter = { imports: 0 }
  const rawRsa: RawRsa<KeyObject> = {
    ...nodeRawRsa,
    importKey: (pkcs8) => (counter.imports++, nodeRawRsa.importKey(pkcs8)),
  }
  return { counter, rawRsa }
}

async function rejects(promise: Promise<unknown>, check: (error: unknown) => boolean) {
  try {
    await promise
  } catch (error) {
    assert.ok(check(error), `unexpected error: ${error}`)
    return
  }
  assert.unreachable('expected a rejection')
}

test('makes RSA-2048 keys identified by the SHA-256 of their SPKI', async () => {
  const bytes = spki(keyA)
  assert.is(keyA.keyId, keyIdOf(bytes))
  assert.is(keyA.keyId.length, 43)
  assert.is.not(keyA.keyId, keyB.keyId)
  // rsaEncryption OID 1.2.840.113549.1.1.1, as Web Crypto exports an RSA-PSS key.
  assert.ok(toBase64Url(bytes).includes(toBase64Url(new Uint8Array([6, 9, 42, 134, 72, 134, 247]))))
  assert.is(bytes.length, 294)
  const publicKey = await importPublic(keyA)
  assert.is((publicKey.algorithm as RsaHashedKeyAlgorithm).modulusLength, 2048)
  assert.equal(
    (publicKey.algorithm as RsaHashedKeyAlgorithm).publicExponent,
    new Uint8Array([1, 0, 1]),
  )
})

for (const [name, make] of [
  ['node raw RSA', () => createBlindSigner({ rawRsa: nodeRawRsa })],
  ['library default', () => createBlindSigner()],
] as const) {
  test(`completes the client round trip through the ${name} path`, async () => {
    const signer = make()
    const { token, signature } = await roundTrip(signer, keyA)
    assert.ok(await verifyToken(spki(keyA), token, signature))
  })
}

test('names its signing path', async () => {
  assert.is(createBlindSigner({ rawRsa: nodeRawRsa }).path, 'node-raw-rsa')
  assert.is(createBlindSigner().path, 'blindrsa-default')
  // Node's Web Crypto has no RSA-RAW, so the runtime pick falls back to the portable path.
  assert.is(await supportsRsaRaw(), false)
  assert.is((await createRuntimeBlindSigner()).path, 'blindrsa-default')
  assert.is((await createRuntimeBlindSigner({ rawRsa: nodeRawRsa })).path, 'node-raw-rsa')
})

test('signs the same blinded message the same way on every path, so retries agree', async () => {
  const raw = createBlindSigner({ rawRsa: nodeRawRsa })
  const { blindedMsg, blindSig } = await roundTrip(raw, keyA)
  assert.equal(await raw.sign(pkcs8(keyA), spki(keyA), blindedMsg), blindSig)
  assert.equal(await createBlindSigner().sign(pkcs8(keyA), spki(keyA), blindedMsg), blindSig)
})

// verifyToken (Web Crypto) and each signer's verify (node:crypto on the raw path) must agree.
const verifiers = [
  ['verifyToken', verifyToken],
  ['the node-raw-rsa signer', createBlindSigner({ rawRsa: nodeRawRsa }).verify],
  ['the portable signer', createBlindSigner().verify],
] as const

for (const [name, verify] of verifiers) {
  test(`${name} accepts a valid token and rejects tampering, another key and garbage`, async () => {
    const { token, signature } = await roundTrip(createBlindSigner({ rawRsa: nodeRawRsa }), keyA)
    const flip = (bytes: Uint8Array, i: number) => bytes.map((b, j) => (j === i ? b ^ 1 : b))
    assert.is(await verify(spki(keyA), token, signature), true)
    assert.is(await verify(spki(keyA), token, flip(signature, 100)), false)
    assert.is(await verify(spki(keyA), flip(token, 40), signature), false)
    assert.is(await verify(spki(keyB), token, signature), false)
    assert.is(await verify(spki(keyA), token, signature.subarray(1)), false)
    assert.is(await verify(spki(keyA), token, new Uint8Array(0)), false)
    assert.is(await verify(new Uint8Array([1, 2, 3]), token, signature), false)
    assert.is(await verify(spki(keyA).subarray(0, 100), token, signature), false)
    assert.is(await verify(spki(keyA), new Uint8Array(0), signature), false)
    // A PSS signature with another salt length is not this suite's (RFC 9474 fixes 48 bytes).
    const other = await crypto.subtle.importKey(
      'pkcs8',
      keyA.privateKey as Uint8Array<ArrayBuffer>,
      { name: 'RSA-PSS', hash: 'SHA-384' },
      false,
      ['sign'],
    )
    const shortSalt = new Uint8Array(
      await crypto.subtle.sign(
        { name: 'RSA-PSS', saltLength: 0 },
        other,
        token as Uint8Array<ArrayBuffer>,
      ),
    )
    assert.is(await verify(spki(keyA), token, shortSalt), false)
  })
}

test('refuses blinded messages of the wrong length or not below the modulus', async () => {
  const { n } = await crypto.subtle.exportKey('jwk', await importPublic(keyA))
  const modulus = fromBase64Url(n!)
  for (const signer of [createBlindSigner({ rawRsa: nodeRawRsa }), createBlindSigner()]) {
    const sign = (msg: Uint8Array) => signer.sign(pkcs8(keyA), spki(keyA), msg)
    const outOfRange = (e: unknown) =>
      e instanceof InvalidBlindedMessageError && e.message === 'message representative out of range'
    const badSize = (e: unknown) =>
      e instanceof InvalidBlindedMessageError && e.message === 'unexpected input size'
    await rejects(sign(modulus), outOfRange)
    await rejects(sign(new Uint8Array(256).fill(255)), outOfRange)
    await rejects(sign(new Uint8Array(255).fill(1)), badSize)
    await rejects(sign(new Uint8Array(257)), badSize)
    await rejects(sign(new Uint8Array(0)), badSize)
  }
})

test('never returns a signature that does not verify', async () => {
  const flipped = async (key: KeyObject, message: Uint8Array) => {
    const s = await nodeRawRsa.rsasp1(key, message)
    return s.map((b, i) => (i === 7 ? b ^ 4 : b))
  }
  // Checked by OpenSSL's public operation (rsavp1), and by the portable BigInt check without it.
  const { rsavp1: _, ...withoutRsavp1 } = nodeRawRsa
  const faulty: RawRsa<KeyObject>[] = [
    { ...nodeRawRsa, rsasp1: flipped },
    { ...withoutRsavp1, rsasp1: flipped },
    {
      ...withoutRsavp1,
      rsasp1: async (key, message) => (await nodeRawRsa.rsasp1(key, message)).subarray(1),
    },
  ]
  const { blindedMsg } = await roundTrip(createBlindSigner({ rawRsa: nodeRawRsa }), keyA)
  for (const rawRsa of faulty) {
    await rejects(
      createBlindSigner({ rawRsa }).sign(pkcs8(keyA), spki(keyA), blindedMsg),
      (e) => e instanceof BlindSigningError,
    )
  }
  // A private key that does not match the public key is caught the same way.
  const raw = createBlindSigner({ rawRsa: nodeRawRsa })
  await rejects(
    raw.sign(pkcs8(keyB), spki(keyA), blindedMsg),
    (e) => e instanceof BlindSigningError,
  )
  assert.ok(await raw.sign(pkcs8(keyA), spki(keyA), blindedMsg), 'evicted after the failure')
})

test('imports each key once, shares concurrent imports and forgets the least recent', async () => {
  const { counter, rawRsa } = countingRawRsa()
  const signer = createBlindSigner({ rawRsa })
  const openedBefore = opened
  await Promise.all([roundTrip(signer, keyA), roundTrip(signer, keyA), roundTrip(signer, keyA)])
  await roundTrip(signer, keyA)
  assert.is(counter.imports, 1)
  assert.is(opened - openedBefore, 1, 'the private key is opened only to import it')
  const small = countingRawRsa()
  const lru = createBlindSigner({ rawRsa: small.rawRsa, cacheSize: 1 })
  for (const key of [keyA, keyA, keyB, keyB, keyA]) await roundTrip(lru, key)
  assert.is(small.counter.imports, 3)
})

test.run()

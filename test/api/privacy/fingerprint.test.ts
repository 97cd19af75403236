// A pulse's fingerprint (api/privacy/fingerprint.ts): the same for the same promise however its
// JSON is ordered, different for any change a cheating server could make, 80 bits shown.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  canonicalPromise,
  normalizeFingerprint,
  pulseFingerprint,
  type PulsePromise,
} from '../../../api/privacy/fingerprint'

const test = suite('fingerprint')

const promise = (): PulsePromise & { keys: PulsePromise['keys'][number][] } => ({
  communityId: 'c1',
  pulseId: 'p1',
  questions: [{ id: 'q1', kind: 'likert5', prompt: 'I can speak up.', required: true }],
  attributes: ['team'],
  minGroupSize: 5,
  minCommentGroupSize: 10,
  privacyMode: 'threshold',
  epsilon: 1,
  keys: [
    { keyId: 'k2', publicKey: 'PK2', cohort: { team: 'b' }, eligible: 6, joined: 5 },
    { keyId: 'k1', publicKey: 'PK1', cohort: { team: 'a' }, eligible: 7, joined: 6 },
  ],
})

test('16 base32 characters in groups of four, stable for the same promise', async () => {
  const code = await pulseFingerprint(promise())
  assert.match(code, /^[A-Z2-7]{4} [A-Z2-7]{4} [A-Z2-7]{4} [A-Z2-7]{4}$/)
  assert.is(await pulseFingerprint(promise()), code)
  assert.is(normalizeFingerprint(code.toLowerCase().replace(/ /g, '-')), code.replace(/ /g, ''))
})

test('the order of keys and of object members does not matter (RFC 8785)', async () => {
  const shuffled = promise()
  shuffled.keys = [...shuffled.keys].reverse().map((k) => ({
    joined: k.joined,
    eligible: k.eligible,
    cohort: k.cohort,
    publicKey: k.publicKey,
    keyId: k.keyId,
  }))
  assert.is(canonicalPromise(shuffled), canonicalPromise(promise()))
  assert.match(
    canonicalPromise(promise()),
    /^\{"attributes":\["team"\],"communityId":"c1","epsilon":1,"keys":\[\{"cohort":\{"team":"a"\}/,
  )
})

test('any change a server could make to the promise changes the code', async () => {
  const base = await pulseFingerprint(promise())
  const changes: ((p: ReturnType<typeof promise>) => void)[] = [
    (p) => (p.keys[0] = { ...p.keys[0], publicKey: 'PK3' }),
    (p) => (p.keys[0] = { ...p.keys[0], joined: 4 }),
    (p) => (p.keys[0] = { ...p.keys[0], eligible: 9 }),
    (p) => (p.keys[0] = { ...p.keys[0], cohort: { team: 'c' } }),
    (p) => p.keys.pop(),
    (p) => (p.minGroupSize = 3),
    (p) => (p.minCommentGroupSize = 5),
    (p) => (p.privacyMode = 'noise'),
    (p) => (p.epsilon = 2),
    (p) => (p.attributes = ['role']),
    (p) =>
      (p.questions = [{ id: 'q1', kind: 'likert5', prompt: 'I can speak up!', required: true }]),
    (p) => (p.pulseId = 'p2'),
    (p) => (p.communityId = 'c2'),
  ]
  const codes = new Set([base])
  for (const change of changes) {
    const p = promise()
    change(p)
    codes.add(await pulseFingerprint(p))
  }
  assert.is(codes.size, changes.length + 1)
})

test('lone surrogates in a prompt do not break it, on either side', async () => {
  const p = promise()
  p.questions = [{ id: 'q1', kind: 'text', prompt: 'broken \uD800 text', required: false }]
  assert.match(await pulseFingerprint(p), /^[A-Z2-7 ]{19}$/)
})

test.run()

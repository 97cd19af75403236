// The member's device's checks of a key list (api/privacy/key-list.ts), each shown both ways: an
// honest list passes, and a list that cheats in that one way is caught.
import { generateKeyPairSync } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { generateCohortKey, keyIdOf as serverKeyId } from '../../../api/privacy/blind-signing'
import { toBase64Url } from '../../../api/privacy/base64url'
import type { FingerprintKey } from '../../../api/privacy/fingerprint'
import {
  checkKeyList,
  cohortOf,
  isRsa2048,
  keyIdOf,
  type KeyListInput,
} from '../../../api/privacy/key-list'

const test = suite('key list checks')

const made = await Promise.all(Array.from({ length: 3 }, () => generateCohortKey()))
const key = (
  i: number,
  cohort: Record<string, string>,
  eligible: number,
  joined: number | null,
): FingerprintKey => ({
  keyId: made[i].keyId,
  publicKey: made[i].publicKey,
  cohort,
  eligible,
  joined,
})
/** An honest list: team a (6, 5 joined), team b (7, 6), the pool (5, 5); the member is in b. */
const honest = (): KeyListInput & { keys: FingerprintKey[] } => ({
  keys: [key(0, { team: 'a' }, 6, 5), key(1, { team: 'b' }, 7, 6), key(2, {}, 5, 5)],
  mine: { keyId: made[1].keyId, publicKey: made[1].publicKey },
  snapshot: { attributes: { team: 'b', role: 'x' }, order: ['team', 'role'] },
  pulse: { eligible: 18, joined: 16, minGroupSize: 5 },
})
const codes = async (input: KeyListInput) => (await checkKeyList(input)).problems.map((p) => p.code)

test('an honest list passes every check', async () => {
  const report = await checkKeyList(honest())
  assert.equal(report, { problems: [], unchecked: [], loneRoot: false })
})

test('key ids are derived from the keys, the same way on the member page and the server', async () => {
  for (const m of made) assert.is(await keyIdOf(m.publicKey), m.keyId)
  const spki = Uint8Array.from(Buffer.from(made[0].publicKey, 'base64url'))
  assert.is(serverKeyId(spki), made[0].keyId)
})

test('a key of one’s own, a missing or doubled key, or a different public key is caught', async () => {
  // A key of one's own: the member alone under a cohort made for them.
  const own = honest()
  const extra = await generateCohortKey()
  own.keys = [
    own.keys[0],
    { ...own.keys[1], eligible: 6, joined: 5 },
    own.keys[2],
    {
      keyId: extra.keyId,
      publicKey: extra.publicKey,
      cohort: { team: 'b', role: 'x' },
      eligible: 1,
      joined: 1,
    },
  ]
  own.mine = { keyId: extra.keyId, publicKey: extra.publicKey }
  assert.ok((await codes(own)).includes('under-k'))
  // The member's key listed under another cohort than the rule puts them in.
  const elsewhere = honest()
  elsewhere.snapshot = { attributes: { team: 'a' }, order: ['team', 'role'] }
  assert.ok((await codes(elsewhere)).includes('wrong-cohort'))
  const missing = honest()
  missing.mine = { keyId: 'someone-else', publicKey: made[1].publicKey }
  assert.ok((await codes(missing)).includes('own-key-missing'))
  const twice = honest()
  twice.keys.push(twice.keys[1])
  assert.ok((await codes(twice)).includes('own-key-twice'))
  const swapped = honest()
  swapped.mine = { keyId: made[1].keyId, publicKey: made[0].publicKey }
  assert.ok((await codes(swapped)).includes('own-key-differs'))
})

test('the member’s cohort is the deepest one matching their attributes when the pulse opened', () => {
  const labels: Record<string, string>[] = [
    { team: 'a', role: 'x' },
    { team: 'a' },
    { team: 'b' },
    {},
  ]
  assert.equal(cohortOf(labels, { team: 'a', role: 'x' }), { team: 'a', role: 'x' })
  assert.equal(cohortOf(labels, { team: 'a', role: 'rare' }), { team: 'a' })
  assert.equal(cohortOf(labels, { team: 'c' }), {})
  assert.equal(cohortOf(labels, {}), {})
})

test('a cohort under k joined, a lowered threshold, counts that do not add up, repeated labels', async () => {
  const small = honest()
  small.keys[0] = { ...small.keys[0], joined: 4 }
  small.pulse.joined = 15
  assert.equal(await codes(small), ['under-k'])
  const lowered = honest()
  lowered.pulse.minGroupSize = 2
  assert.ok((await codes(lowered)).includes('k-below-floor'))
  const padded = honest()
  padded.pulse.eligible = 30
  assert.equal(await codes(padded), ['eligible-sum'])
  const joined = honest()
  joined.pulse.joined = 20
  assert.equal(await codes(joined), ['joined-sum'])
  const repeat = honest()
  repeat.keys[2] = { ...repeat.keys[2], cohort: { team: 'a' } }
  assert.ok((await codes(repeat)).includes('labels-repeat'))
  const notPrefix = honest()
  notPrefix.keys[2] = { ...notPrefix.keys[2], cohort: { role: 'x' } }
  assert.ok((await codes(notPrefix)).includes('not-a-prefix'))
})

test('a lone root passes with fewer than k joined, and says so', async () => {
  const input: KeyListInput = {
    keys: [key(0, {}, 50, 0)],
    mine: { keyId: made[0].keyId, publicKey: made[0].publicKey },
    snapshot: { attributes: { team: 'a' }, order: ['team'] },
    pulse: { eligible: 50, joined: 0, minGroupSize: 5 },
  }
  assert.equal(await checkKeyList(input), { problems: [], unchecked: [], loneRoot: true })
})

test('keys that are not RSA-2048 with exponent 65537, or ids that were chosen, are caught', async () => {
  const spkiOf = (bits: number, e: number) =>
    toBase64Url(
      generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: e }).publicKey.export({
        type: 'spki',
        format: 'der',
      }),
    )
  assert.ok(await isRsa2048(made[0].publicKey))
  assert.not.ok(await isRsa2048(spkiOf(1024, 65537)))
  assert.not.ok(await isRsa2048(spkiOf(2048, 3)))
  assert.not.ok(await isRsa2048('not a key'))
  const weak = honest()
  const spki = spkiOf(1024, 65537)
  weak.keys[0] = { ...weak.keys[0], publicKey: spki, keyId: await keyIdOf(spki) }
  assert.ok((await codes(weak)).includes('not-rsa-2048'))
  const chosen = honest()
  chosen.keys[0] = { ...chosen.keys[0], keyId: 'aaaaaaaaaaaaaaaaaaaaaa' }
  assert.ok((await codes(chosen)).includes('key-id-not-derived'))
})

test('a pulse opened before joined was recorded: what cannot be checked is said, not failed', async () => {
  const older = honest()
  older.keys = older.keys.map((k) => ({ ...k, joined: null, keyId: `old-${k.keyId.slice(0, 8)}` }))
  older.mine = { keyId: older.keys[1].keyId, publicKey: older.keys[1].publicKey }
  older.pulse.joined = null
  delete older.snapshot
  const report = await checkKeyList(older)
  assert.equal(report.problems, [])
  assert.equal(report.unchecked.sort(), ['cohort-of-member', 'joined', 'key-ids'])
})

test.run()

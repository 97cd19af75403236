import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pulseFingerprint } from '../../../api/privacy/fingerprint'
import { keyIdOf } from '../../../api/privacy/key-list'
import type { KeyEntry, MyPulse } from '../../../web/member/api'
import {
  checkPulseKeys,
  codeOf,
  describeCohort,
  grouped,
  linkCodeOf,
  problemsOf,
} from '../../../web/member/key-check'
import { signingKey } from './helpers'

// The member page's checks of a pulse's key list (web/member/key-check.ts) over fixtures: what an
// honest server serves passes, and each way of cheating is a problem that stops the device.

const keys = Promise.all([signingKey(), signingKey(), signingKey()])

/** Team A (5 joined), team B (6) and the pool (7): the member is in team A. */
async function fixture() {
  const [a, b, pool] = await keys
  const entry = async (publicKey: string, cohort: Record<string, string>, n: number) => ({
    keyId: await keyIdOf(publicKey),
    publicKey,
    cohort,
    eligible: n,
    joined: n,
  })
  const list: KeyEntry[] = [
    await entry(a.publicKey, { team: 'A' }, 5),
    await entry(b.publicKey, { team: 'B' }, 6),
    await entry(pool.publicKey, {}, 7),
  ]
  const mine: MyPulse = {
    pulse: {
      id: 'p1',
      surveyId: 's1',
      status: 'open',
      opensAt: '2025-01-01T00:00:00Z',
      closesAt: '2999-01-01T00:00:00Z',
      eligible: 18,
      joined: 18,
      responded: 0,
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode: 'threshold',
      epsilon: 1,
      shared: false,
    },
    survey: { id: 's1', title: 'Check-in', questions: [] },
    key: { keyId: list[0].keyId, publicKey: a.publicKey, cohort: { team: 'A' } },
    issued: false,
    communityId: 'c1',
    attributeOrder: ['team'],
    snapshot: { attributes: { team: 'A', role: 'Lead' } },
  }
  return { list, mine, pool }
}

const codes = (problems: { code: string }[]) => problems.map((p) => p.code)

const test = suite('key-check')

test("an honest list passes, and its code is the server's fingerprint of the same promise", async () => {
  const { list, mine } = await fixture()
  const check = await checkPulseKeys(mine, list)
  assert.equal(check.problems, [])
  assert.equal(check.unchecked, [])
  assert.equal([check.cohort, check.size, check.joined, check.pooled], [{ team: 'A' }, 5, 5, false])
  const server = await pulseFingerprint({
    communityId: 'c1',
    pulseId: 'p1',
    questions: [],
    attributes: ['team'],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
    epsilon: 1,
    keys: [...list].reverse(), // the order served does not matter
  })
  assert.is(check.fingerprint, server)
  assert.match(check.fingerprint, /^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/)
  const pin = server.replace(/ /g, '')
  assert.equal(problemsOf({ check, pin, linkCode: pin, logCode: pin }), [])
})

test('a key swapped for our own is refused: the listed key is not the one we blind with', async () => {
  const { list, mine, pool } = await fixture()
  const check = await checkPulseKeys(
    { ...mine, key: { ...mine.key, publicKey: pool.publicKey } },
    list,
  )
  assert.equal(codes(check.problems), ['own-key-differs'])
  assert.equal(codes(problemsOf({ check })), ['own-key-differs'])
})

test('a member tagged with a key of their own is refused: a group under k and labels that repeat', async () => {
  const { list, mine, pool } = await fixture()
  // The server lists the member alone under team A, the other four under a second team A key.
  const alone = { ...list[0], eligible: 1, joined: 1 }
  const rest = { ...list[2], keyId: await keyIdOf(pool.publicKey), cohort: { team: 'A' } }
  const others = { ...list[2], cohort: {}, eligible: 7, joined: 7 }
  const check = await checkPulseKeys(mine, [alone, { ...rest, eligible: 4, joined: 4 }, others])
  assert.ok(codes(check.problems).includes('labels-repeat'), codes(check.problems).join())
  const under = check.problems.find((p) => p.code === 'under-k')
  assert.equal(under, { code: 'under-k', keyId: alone.keyId, joined: 1, k: 5, who: { team: 'A' } })
})

test('a cohort under k joined is refused, and so are counts that do not add up', async () => {
  const { list, mine } = await fixture()
  const thin = [list[0], { ...list[1], joined: 4 }, list[2]]
  const check = await checkPulseKeys(mine, thin)
  assert.equal(codes(check.problems), ['under-k', 'joined-sum'])
  assert.equal(check.problems[0], {
    code: 'under-k',
    keyId: list[1].keyId,
    joined: 4,
    k: 5,
    who: { team: 'B' },
  })
  const padded = await checkPulseKeys({ ...mine, pulse: { ...mine.pulse, eligible: 20 } }, list)
  assert.equal(codes(padded.problems), ['eligible-sum'])
})

test('our key listed under another group than our attributes when the pulse opened is refused', async () => {
  const { list, mine } = await fixture()
  const moved = await checkPulseKeys({ ...mine, snapshot: { attributes: { team: 'B' } } }, list)
  assert.equal(moved.problems[0], {
    code: 'wrong-cohort',
    expected: { team: 'B' },
    listed: { team: 'A' },
  })
})

test('chosen key ids and keys that are not RSA-2048 are refused', async () => {
  const { list, mine } = await fixture()
  const chosen = await checkPulseKeys(mine, [list[0], { ...list[1], keyId: 'team-b' }, list[2]])
  assert.equal(codes(chosen.problems), ['key-id-not-derived'])
  const broken = await checkPulseKeys(mine, [list[0], { ...list[1], publicKey: 'AAAA' }, list[2]])
  assert.equal(codes(broken.problems), ['not-rsa-2048'])
})

test('an older pulse: what can be checked is, and what cannot is named', async () => {
  const { list, mine } = await fixture()
  const old = list.map((k, i) => ({ ...k, keyId: `k${i}`, joined: null }))
  const entry = {
    ...mine,
    key: { ...mine.key, keyId: 'k0' },
    pulse: { ...mine.pulse, joined: null },
    snapshot: null,
  }
  const check = await checkPulseKeys(entry, old)
  assert.equal(check.problems, [])
  assert.equal(check.unchecked, ['cohort-of-member', 'joined', 'key-ids'])
  assert.is(check.joined, null)
  // Still caught without `joined`: a group under k eligible.
  const thin = await checkPulseKeys(entry, [old[0], { ...old[1], eligible: 3 }, old[2]])
  assert.equal(codes(thin.problems), ['under-k', 'eligible-sum'])
})

test('a lone root passes with no group under k to refuse', async () => {
  const { list, mine } = await fixture()
  const root = { ...list[0], cohort: {}, eligible: 4, joined: 4 }
  const check = await checkPulseKeys(
    { ...mine, key: { ...mine.key, cohort: {} }, pulse: { ...mine.pulse, eligible: 4, joined: 4 } },
    [root],
  )
  assert.equal(check.problems, [])
  assert.is(check.loneRoot, true)
  assert.is(describeCohort(check.cohort, check.pooled), 'everyone in the community')
})

test('a pin that differs is refused, on this device or brought by a move; so are the link and log codes', async () => {
  const { list, mine } = await fixture()
  const check = await checkPulseKeys(mine, list)
  const now = check.fingerprint.replace(/ /g, '')
  const other = 'AAAABBBBCCCCDDDD'
  assert.equal(problemsOf({ check, pin: other }), [{ code: 'pin-differs', was: other, now }])
  assert.equal(problemsOf({ check, pin: now, pinConflict: other }), [
    { code: 'pin-differs', was: other, now },
  ])
  assert.equal(problemsOf({ check, pin: now, linkCode: other }), [
    { code: 'link-differs', link: other, now },
  ])
  assert.equal(problemsOf({ check, pin: now, logCode: other }), [
    { code: 'log-differs', log: other, now },
  ])
  assert.equal(problemsOf({ check, pin: now }, { reason: 'rewritten', seq: 4 }), [
    { code: 'log-rewritten', reason: 'rewritten', seq: 4 },
  ])
  assert.equal(problemsOf({ pin: other }), [], 'nothing to compare before a check')
})

test('a served key list is one code: one key more or a count changed gives another', async () => {
  const { list, mine } = await fixture()
  const honest = (await checkPulseKeys(mine, list)).fingerprint
  const recount = await checkPulseKeys(mine, [list[0], { ...list[1], eligible: 7 }, list[2]])
  assert.is.not(recount.fingerprint, honest)
  const laterK = await checkPulseKeys({ ...mine, pulse: { ...mine.pulse, minGroupSize: 4 } }, list)
  assert.is.not(laterK.fingerprint, honest)
})

test('the follow-up questions a pulse carries are part of its code, as the server counts them', async () => {
  const { list, mine } = await fixture()
  const question = { id: 'f1', kind: 'yesno' as const, prompt: 'Did it help?', required: false }
  const carried = { ...mine, pulse: { ...mine.pulse, followUps: [{ actionId: 'a1', question }] } }
  const check = await checkPulseKeys(carried, list)
  const server = await pulseFingerprint({
    communityId: 'c1',
    pulseId: 'p1',
    questions: [question],
    attributes: ['team'],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
    epsilon: 1,
    keys: list,
  })
  assert.is(check.fingerprint, server)
  assert.is.not(check.fingerprint, (await checkPulseKeys(mine, list)).fingerprint)
})

test("the link's code is read from its fragment; anything else is no code", () => {
  assert.is(linkCodeOf('fp=ABCD-EFGH-IJKL-MNOP'), 'ABCDEFGHIJKLMNOP')
  assert.is(linkCodeOf('fp=abcd%20efgh%20ijkl%20mnop'), 'ABCDEFGHIJKLMNOP')
  for (const fragment of ['', 'fp=', 'fp=ABCD', 'fp=ABCDEFGHIJKLMNOPQ', 'x=ABCDEFGHIJKLMNOP'])
    assert.is(linkCodeOf(fragment), undefined, fragment)
  assert.is(codeOf('abcd efgh ijkl mnop'), 'ABCDEFGHIJKLMNOP')
  assert.is(grouped('ABCDEFGHIJKLMNOP'), 'ABCD EFGH IJKL MNOP')
})

test('describes cohorts in plain words', () => {
  assert.is(describeCohort({ team: 'Design', role: 'Lead' }), 'team: Design, role: Lead')
  assert.is(describeCohort({}), 'everyone in the community')
  assert.is(describeCohort({}, true), 'everyone not counted in a smaller named group')
})

test.run()

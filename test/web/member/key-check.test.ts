import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { KeyEntry } from '../../../web/member/api'
import { checkKeyList, describeCohort } from '../../../web/member/key-check'

const keys: KeyEntry[] = [
  { keyId: 'k1', publicKey: 'P1', cohort: { team: 'Design' }, eligible: 5 },
  { keyId: 'k2', publicKey: 'P2', cohort: { team: 'Ops' }, eligible: 6 },
  { keyId: 'k3', publicKey: 'P3', cohort: {}, eligible: 7 },
]
const mine = { keyId: 'k1', publicKey: 'P1', cohort: { team: 'Design' } }
const pulse = { eligible: 18, minGroupSize: 5 }

const test = suite('key-check')

test('passes when our key is listed, our cohort holds k and the counts add up', () => {
  assert.equal(checkKeyList(keys, mine, pulse), {
    ok: true,
    cohort: { team: 'Design' },
    size: 5,
    pooled: false,
    problems: [],
  })
})

test('names a cohort that keeps no attribute by what it pools', () => {
  const pool = { keyId: 'k9', publicKey: 'P9', cohort: {}, eligible: 5 }
  const r = checkKeyList([...keys, pool], { ...pool }, { ...pulse, eligible: 23 })
  assert.is(r.pooled, true)
  assert.is(describeCohort(r.cohort, r.pooled), 'everyone not counted in a smaller named group')
  const alone = checkKeyList([pool], { ...pool }, { eligible: 5, minGroupSize: 5 })
  assert.is(describeCohort(alone.cohort, alone.pooled), 'everyone in the community')
})

test('fails when our key is not in the list', () => {
  const r = checkKeyList(keys.slice(1), mine, { ...pulse, eligible: 13 })
  assert.not.ok(r.ok)
  assert.is(r.size, 0)
  assert.match(r.problems[0], /not in this pulse's list/)
})

test('fails when the listed public key differs from the one we blind with', () => {
  const r = checkKeyList(keys, { ...mine, publicKey: 'OTHER' }, pulse)
  assert.not.ok(r.ok)
  assert.match(r.problems[0], /not the one listed/)
})

test('fails when our cohort is smaller than the pulse minimum', () => {
  const r = checkKeyList(keys, mine, { eligible: 18, minGroupSize: 6 })
  assert.not.ok(r.ok)
  assert.equal(r.problems, [
    'Your group has only 5 eligible members; this pulse promises at least 6.',
  ])
})

test('fails when the counts do not add up to the pulse eligible', () => {
  const r = checkKeyList(keys, mine, { eligible: 19, minGroupSize: 5 })
  assert.not.ok(r.ok)
  assert.equal(r.problems, ['The groups add up to 18 people, but the pulse counts 19.'])
})

test('fails when a key is listed twice, even if the counts add up', () => {
  const twice = [...keys, { ...keys[0] }]
  assert.not.ok(checkKeyList(twice, mine, { eligible: 23, minGroupSize: 5 }).ok)
  const sameKey = [...keys, { ...keys[1], keyId: 'k4' }]
  assert.not.ok(checkKeyList(sameKey, mine, { eligible: 24, minGroupSize: 5 }).ok)
})

test('fails when a minimum below the floor of 3 is claimed', () => {
  const small = [{ ...keys[0], eligible: 2 }]
  assert.not.ok(checkKeyList(small, mine, { eligible: 2, minGroupSize: 2 }).ok)
})

test('describes cohorts in plain words', () => {
  assert.is(describeCohort({ team: 'Design', role: 'Lead' }), 'team: Design, role: Lead')
  assert.is(describeCohort({}), 'everyone in the community')
})

test.run()

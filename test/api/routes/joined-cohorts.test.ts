// Cohorts on real members, through the API (DESIGN.md 3): every eligible member is in a cohort
// from the start, joined or not; one who joins after the pulse opened answers under the cohort
// the snapshot gave them; a re-invite mid-pulse resets the old device's access, the member
// answers from the new one, and a token the old device already holds still counts once.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { closePulse } from '../../../api/pulses/lifecycle'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, expectStatus } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import {
  inviteKeyOf,
  joinMember,
  myPulse,
  obtainToken,
  requestToken,
  submitWith,
  validAnswers,
} from '../../helpers/protocol'
import { importInto, openNext } from '../../helpers/reports'
import { prepareToken } from '../../../web/member/token-client'

const test = suite<{ t: TestApp }>('cohorts on joined members')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

async function twoTeams(t: TestApp) {
  const owner = await setupOwner(t)
  const community = expectStatus(
    await owner.post('/api/communities', { name: 'Riverside', attributes: ['team'] }),
    201,
  ).body
  const spec = [...Array(6).fill({ team: 'a' }), ...Array(6).fill({ team: 'b' })].map(
    (attributes) => ({ attributes }),
  )
  const members = await importInto(owner, community.id, spec)
  const survey = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' }),
    201,
  ).body
  return { owner, community, members, survey }
}

test('a member who joins after the pulse opened answers under the cohort the snapshot gave them', async ({
  t,
}) => {
  const { owner, members, survey } = await twoTeams(t)
  // Five of each team join; the sixth of team a does not, yet.
  const late = members.find((m) => m.attributes.team === 'a')!
  for (const m of members) if (m !== late) await joinMember(t, m)
  const pulse = await openNext(owner, survey.id)
  const keys = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body
  const teamA = keys.find((k: any) => k.cohort.team === 'a')
  assert.equal([teamA.eligible, teamA.joined], [6, 5])
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.joined, 11)

  await joinMember(t, late)
  const { key } = await myPulse(t, late.memberKey!, pulse.id)
  assert.is(key.keyId, teamA.keyId)
  const token = await obtainToken(t, pulse.id, late.memberKey!)
  assert.is((await submitWith(t, pulse.id, token, validAnswers(survey.questions))).status, 201)
  // Frozen: the key list still says 5 of team a had joined when the pulse opened.
  assert.equal(
    (await owner.get(`/api/pulses/${pulse.id}/keys`)).body.find((k: any) => k.keyId === teamA.keyId)
      .joined,
    5,
  )
})

test('a re-invite mid-pulse: the old device is told its access was reset, its token still counts once, the new device cannot take a second', async ({
  t,
}) => {
  const { owner, community, members, survey } = await twoTeams(t)
  for (const m of members) await joinMember(t, m)
  const pulse = await openNext(owner, survey.id)
  const member = members[0]
  const held = await obtainToken(t, pulse.id, member.memberKey!)
  const reinvite = expectStatus(
    await owner.post(`/api/communities/${community.id}/members/${member.id}/invite`),
    200,
  ).body
  const old = await new Agent(t).get('/api/me', { bearer: member.memberKey! })
  assertProblem(old, 401)
  assert.is(old.body.reason, 'access-reset')
  // The new device joins with the new link and gets the same cohort, but no second token.
  const fresh = { ...member, inviteKey: inviteKeyOf(reinvite.inviteUrl), memberKey: undefined }
  await joinMember(t, fresh)
  assert.is((await myPulse(t, fresh.memberKey!, pulse.id)).key.keyId, held.keyId)
  const { blindedMsg } = await prepareToken(held.publicKey)
  assertProblem(await requestToken(t, pulse.id, fresh.memberKey!, blindedMsg), 409)
  // The token the old device holds needs no credentials: it still answers, once.
  assert.is((await submitWith(t, pulse.id, held, validAnswers(survey.questions))).status, 201)
  assert.is((await submitWith(t, pulse.id, held, validAnswers(survey.questions))).status, 409)
})

test('a close drops the pulse’s private keys from the signer’s memory', async () => {
  const forgotten: string[] = []
  const t = await testApp()
  const forget = t.deps.signer.forget.bind(t.deps.signer)
  t.deps.signer.forget = (spki) => {
    forgotten.push(Buffer.from(spki).toString('base64url'))
    forget(spki)
  }
  const { owner, members, survey } = await twoTeams(t)
  for (const m of members) await joinMember(t, m)
  const pulse = await openNext(owner, survey.id)
  await obtainToken(t, pulse.id, members[0].memberKey!)
  await closePulse(t.deps, pulse.id)
  const keys = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body.map((k: any) => k.publicKey)
  assert.equal(forgotten.sort(), keys.sort())
})

test.run()

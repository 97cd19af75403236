import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  expectStatus,
  fragment,
  inDays,
  rows,
  surveyIn,
  teammate,
  teamMembers,
  type CommunityOptions,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent }>('pulse preview')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
})

/** A community with these options, its imported members and a survey of it. */
async function surveyWith(owner: Agent, options: CommunityOptions) {
  const community = await communityWith(owner, options)
  return { community, survey: await surveyIn(owner, community.id) }
}

/** Members open their invite links, as their browsers would. */
async function join(t: TestApp, members: { inviteUrl: string }[]) {
  for (const m of members) {
    const memberKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
    expectStatus(
      await new Agent(t).post('/api/join', { inviteKey: fragment(m.inviteUrl), memberKey }),
      200,
    )
  }
}

const preview = (agent: Agent, sid: string) => agent.get(`/api/surveys/${sid}/pulse-preview`)
const byCohort = (list: { cohort: Record<string, string> }[]) =>
  [...list].sort((a, b) => JSON.stringify(a.cohort).localeCompare(JSON.stringify(b.cohort)))

test('right after an import, with nobody joined, the preview is one lone root cohort and cuts by nothing', async ({
  owner,
}) => {
  const { survey } = await surveyWith(owner, {
    attributes: ['team'],
    minGroupSize: 3,
    members: teamMembers(2, 5),
  })
  const res = await preview(owner, survey.id)
  assert.is(res.status, 200)
  assert.equal(res.body, {
    eligible: 10,
    joined: 0,
    attributes: ['team'],
    cohorts: [{ cohort: {}, eligible: 10, joined: 0 }],
    cutBy: [],
  })
})

test('once at least k have joined in each team, the preview cuts by team, counting joined members only', async ({
  t,
  owner,
}) => {
  const { community, survey } = await surveyWith(owner, {
    attributes: ['team', 'site'],
    minGroupSize: 3,
    members: teamMembers(3, 4),
  })
  // t00 and t01 each have 3 joined; t02 has 2, which cannot stand alone nor pool (2 < k).
  const [t00, t01, t02] = [0, 1, 2].map((i) => community.members.slice(i * 4, i * 4 + 4))
  await join(t, [...t00.slice(0, 3), ...t01.slice(0, 3), ...t02.slice(0, 2)])
  let res = await preview(owner, survey.id)
  assert.is(res.status, 200)
  assert.equal(
    res.body.cohorts,
    [{ cohort: {}, eligible: 12, joined: 8 }],
    'a pool under k joined keeps the root whole',
  )
  assert.equal(res.body.cutBy, [])
  await join(t, t02.slice(2, 3))
  res = await preview(owner, survey.id)
  assert.equal(res.body, {
    eligible: 12,
    joined: 9,
    attributes: ['team', 'site'],
    cohorts: [
      { cohort: { team: 't00' }, eligible: 4, joined: 3 },
      { cohort: { team: 't01' }, eligible: 4, joined: 3 },
      { cohort: { team: 't02' }, eligible: 4, joined: 3 },
    ],
    cutBy: ['team'],
  })
})

test('the preview is what opening forms: the same cohorts, counts and totals as the opened pulse', async ({
  t,
  owner,
}) => {
  const { community, survey } = await surveyWith(owner, {
    attributes: ['team'],
    minGroupSize: 3,
    members: teamMembers(3, 5),
  })
  await join(
    t,
    community.members.filter((_, i) => i % 5 < 4),
  )
  const before = expectStatus(await preview(owner, survey.id), 200).body
  const pulse = expectStatus(
    await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt: inDays(t, 7) }),
    201,
  ).body
  assert.equal([pulse.eligible, pulse.joined], [before.eligible, before.joined])
  const keys = expectStatus(await owner.get(`/api/pulses/${pulse.id}/keys`), 200).body
  assert.equal(
    byCohort(keys.map(({ cohort, eligible, joined }: any) => ({ cohort, eligible, joined }))),
    byCohort(before.cohorts),
  )
  assert.equal(before.cutBy, ['team'])
})

test('removed members are neither eligible nor joined in the preview', async ({ t, owner }) => {
  const { community, survey } = await surveyWith(owner, { minGroupSize: 3, members: 5 })
  await join(t, community.members.slice(0, 2))
  expectStatus(
    await owner.delete(`/api/communities/${community.id}/members/${community.members[0].id}`),
    204,
  )
  const res = await preview(owner, survey.id)
  assert.equal([res.body.eligible, res.body.joined], [4, 1])
})

test('with fewer eligible members than minGroupSize the preview is 422 at "" with the message opening gives', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { minGroupSize: 3, members: 2, joined: true })
  const res = await preview(owner, survey.id)
  assertProblem(res, 422, [''])
  assert.is(res.body.detail, 'Only 2 members are eligible; a pulse needs at least 3.')
  const opening = await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt: inDays(t, 7) })
  assertProblem(opening, 422, [''])
  assert.equal(res.body.errors, opening.body.errors)
  assert.is(res.body.detail, opening.body.detail)
})

test('a viewer may read the preview; reading it writes nothing', async ({ t, owner }) => {
  const { community, survey } = await surveyWith(owner, {
    minGroupSize: 3,
    members: 4,
    joined: true,
  })
  const viewer = await teammate(owner, community.id, 'viewer')
  const res = await preview(viewer, survey.id)
  assert.is(res.status, 200)
  assert.equal(res.body.cohorts, [{ cohort: {}, eligible: 4, joined: 4 }])
  assert.equal(
    [await rows(t, 'pulses'), await rows(t, 'pulse_keys'), await rows(t, 'pulse_members')],
    [0, 0, 0],
  )
  assertProblem(await new Agent(t).get(`/api/surveys/${survey.id}/pulse-preview`), 401)
})

test.run()

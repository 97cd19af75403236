import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  outsider,
  pulseOf,
  rows,
  surveyIn,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent }>('communities')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
})

test('create applies the defaults 5 / 10 / threshold / 1 and makes the caller its owner', async ({
  owner,
}) => {
  const res = await owner.post('/api/communities', { name: '  Riverside  ' })
  assert.is(res.status, 201)
  assert.type(res.body.id, 'string')
  assert.equal(res.body, {
    id: res.body.id,
    name: 'Riverside',
    attributes: [],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
    epsilon: 1,
    role: 'owner',
  })
  const team = await owner.get(`/api/communities/${res.body.id}/team`)
  assert.equal(
    team.body.map((m: any) => [m.organizer.email, m.role]),
    [['owner@example.org', 'owner']],
  )
})

test('create keeps the given settings and the attribute order', async ({ owner }) => {
  const body = {
    name: 'Lab',
    attributes: ['team', 'site'],
    minGroupSize: 3,
    minCommentGroupSize: 5,
    privacyMode: 'noise',
    epsilon: 0.5,
  }
  const res = await owner.post('/api/communities', body)
  assert.is(res.status, 201)
  assert.equal(res.body, { id: res.body.id, ...body, role: 'owner' })
  assert.equal((await owner.get(`/api/communities/${res.body.id}`)).body, res.body)
})

test('create without a session is 401 and writes nothing', async ({ t }) => {
  assertProblem(await new Agent(t).post('/api/communities', { name: 'Riverside' }), 401)
  assert.is(await rows(t, 'communities'), 0)
})

test('create refuses invalid settings with field paths and writes nothing', async ({
  t,
  owner,
}) => {
  const cases: [object, string[]][] = [
    [{ name: '' }, ['name']],
    [{}, ['name']],
    [{ name: 'A', minGroupSize: 2 }, ['minGroupSize']],
    [{ name: 'A', minGroupSize: 4.5 }, ['minGroupSize']],
    [{ name: 'A', minCommentGroupSize: 4 }, ['minCommentGroupSize']],
    [{ name: 'A', minGroupSize: 8, minCommentGroupSize: 6 }, ['minCommentGroupSize']],
    [{ name: 'A', privacyMode: 'secret' }, ['privacyMode']],
    [{ name: 'A', epsilon: 0 }, ['epsilon']],
    [{ name: 'A', attributes: ['team', 'Email'] }, ['attributes.1']],
    [{ name: 'A', attributes: ['team', 'team'] }, ['attributes']],
  ]
  for (const [body, paths] of cases)
    assertProblem(await owner.post('/api/communities', body), 422, paths)
  assert.is(await rows(t, 'communities'), 0)
  assert.equal((await owner.get('/api/communities')).body, [])
})

test('list shows only the communities where the caller has a role, with that role', async ({
  owner,
}) => {
  const a = await communityWith(owner, { name: 'Alpha' })
  const b = await communityWith(owner, { name: 'Beta' })
  const viewer = await teammate(owner, b.id, 'viewer')
  const stranger = await outsider(owner)
  await stranger.post('/api/communities', { name: 'Gamma' })
  const mine = await owner.get('/api/communities')
  assert.is(mine.status, 200)
  assert.equal(
    mine.body.map((c: any) => [c.id, c.name, c.role]),
    [
      [a.id, 'Alpha', 'owner'],
      [b.id, 'Beta', 'owner'],
    ],
  )
  const theirs = await viewer.get('/api/communities')
  const { members, ...beta } = b
  assert.equal(theirs.body, [{ ...beta, role: 'viewer' }])
  assert.equal(
    (await stranger.get('/api/communities')).body.map((c: any) => c.name),
    ['Elsewhere', 'Gamma'],
  )
  assertProblem(await new Agent(owner.t).get('/api/communities'), 401)
})

test("get answers the community with the caller's role; 404 outside the caller's communities", async ({
  t,
  owner,
}) => {
  const c = await communityWith(owner, { attributes: ['team'] })
  const viewer = await teammate(owner, c.id, 'viewer')
  const got = await viewer.get(`/api/communities/${c.id}`)
  assert.is(got.status, 200)
  assert.equal(got.body, {
    id: c.id,
    name: 'Riverside',
    attributes: ['team'],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
    epsilon: 1,
    role: 'viewer',
  })
  assertProblem(await (await outsider(owner)).get(`/api/communities/${c.id}`), 404)
  assertProblem(await owner.get('/api/communities/no-such-id'), 404)
  assertProblem(await new Agent(t).get(`/api/communities/${c.id}`), 401)
})

test('patch by the owner changes the settings and answers the community', async ({ owner }) => {
  const c = await communityWith(owner)
  const change = {
    name: 'Renamed',
    attributes: ['site', 'team'],
    minGroupSize: 3,
    minCommentGroupSize: 5,
    privacyMode: 'noise',
    epsilon: 2,
  }
  const res = await owner.patch(`/api/communities/${c.id}`, change)
  assert.is(res.status, 200)
  assert.equal(res.body, { id: c.id, ...change, role: 'owner' })
  assert.equal((await owner.get(`/api/communities/${c.id}`)).body, res.body)
  const partial = await owner.patch(`/api/communities/${c.id}`, { epsilon: 0.25 })
  assert.equal(partial.body, { ...res.body, epsilon: 0.25 })
})

test('patch refuses minCommentGroupSize below minGroupSize at path minCommentGroupSize and writes nothing', async ({
  owner,
}) => {
  const c = await communityWith(owner)
  const before = (await owner.get(`/api/communities/${c.id}`)).body
  assertProblem(await owner.patch(`/api/communities/${c.id}`, { minGroupSize: 12 }), 422, [
    'minCommentGroupSize',
  ])
  assertProblem(
    await owner.patch(`/api/communities/${c.id}`, { minGroupSize: 8, minCommentGroupSize: 7 }),
    422,
    ['minCommentGroupSize'],
  )
  assert.equal((await owner.get(`/api/communities/${c.id}`)).body, before)
  const equal = await owner.patch(`/api/communities/${c.id}`, { minGroupSize: 10 })
  assert.is(equal.status, 200)
  assert.is(equal.body.minGroupSize, 10)
})

test('patch holds the floors 3 and 5 and refuses an "email" attribute', async ({ owner }) => {
  const c = await communityWith(owner)
  const before = (await owner.get(`/api/communities/${c.id}`)).body
  assertProblem(await owner.patch(`/api/communities/${c.id}`, { minGroupSize: 2 }), 422, [
    'minGroupSize',
  ])
  assertProblem(await owner.patch(`/api/communities/${c.id}`, { minCommentGroupSize: 4 }), 422, [
    'minCommentGroupSize',
  ])
  assertProblem(await owner.patch(`/api/communities/${c.id}`, { attributes: ['email'] }), 422, [
    'attributes.0',
  ])
  assertProblem(
    await owner.patch(`/api/communities/${c.id}`, { attributes: ['team', ' EMAIL '] }),
    422,
    ['attributes.1'],
  )
  assertProblem(await owner.patch(`/api/communities/${c.id}`, { epsilon: -1 }), 422, ['epsilon'])
  assert.equal((await owner.get(`/api/communities/${c.id}`)).body, before)
  const floors = await owner.patch(`/api/communities/${c.id}`, {
    minGroupSize: 3,
    minCommentGroupSize: 5,
  })
  assert.is(floors.status, 200)
  assert.equal([floors.body.minGroupSize, floors.body.minCommentGroupSize], [3, 5])
})

test('patch is for owners only: organizer and viewer 403, outsider 404, no session 401', async ({
  t,
  owner,
}) => {
  const c = await communityWith(owner)
  const before = (await owner.get(`/api/communities/${c.id}`)).body
  const organizer = await teammate(owner, c.id, 'organizer')
  const viewer = await teammate(owner, c.id, 'viewer')
  assertProblem(await organizer.patch(`/api/communities/${c.id}`, { name: 'Mine' }), 403)
  assertProblem(await viewer.patch(`/api/communities/${c.id}`, { name: 'Mine' }), 403)
  assertProblem(
    await (await outsider(owner)).patch(`/api/communities/${c.id}`, { name: 'Mine' }),
    404,
  )
  assertProblem(await new Agent(t).patch(`/api/communities/${c.id}`, { name: 'Mine' }), 401)
  assert.equal((await owner.get(`/api/communities/${c.id}`)).body, before)
})

test('delete by the owner removes the community with its members, surveys and pulses', async ({
  t,
  owner,
}) => {
  const kept = await communityWith(owner, { name: 'Kept', members: 2 })
  const c = await communityWith(owner, { members: 5 })
  const survey = await surveyIn(owner, c.id)
  const pulse = await pulseOf(owner, survey.id)
  const res = await owner.delete(`/api/communities/${c.id}`)
  assert.is(res.status, 204)
  assert.is(res.text, '')
  assertProblem(await owner.get(`/api/communities/${c.id}`), 404)
  assertProblem(await owner.get(`/api/surveys/${survey.id}`), 404)
  assertProblem(await owner.get(`/api/pulses/${pulse.id}`), 404)
  assert.equal(
    (await owner.get('/api/communities')).body.map((x: any) => x.id),
    [kept.id],
  )
  for (const table of ['surveys', 'pulses', 'pulse_keys', 'pulse_members'])
    assert.is(await rows(t, table), 0, table)
  assert.is(await rows(t, 'members'), 2)
  assert.is(await rows(t, 'communities'), 1)
})

test('delete is for owners only: organizer and viewer 403, outsider 404, no session 401', async ({
  t,
  owner,
}) => {
  const c = await communityWith(owner)
  assertProblem(
    await (await teammate(owner, c.id, 'organizer')).delete(`/api/communities/${c.id}`),
    403,
  )
  assertProblem(
    await (await teammate(owner, c.id, 'viewer')).delete(`/api/communities/${c.id}`),
    403,
  )
  assertProblem(await (await outsider(owner)).delete(`/api/communities/${c.id}`), 404)
  assertProblem(await new Agent(t).delete(`/api/communities/${c.id}`), 401)
  assert.is((await owner.get(`/api/communities/${c.id}`)).status, 200)
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  DAY,
  fragment,
  outsider,
  rows,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('team')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner)).id
})

const invite = (owner: Agent, cid: string, email: string, role = 'organizer') =>
  owner.post(`/api/communities/${cid}/team`, { email, role })

const roleIn = async (agent: Agent, cid: string) =>
  (await agent.get(`/api/communities/${cid}`)).body.role

test('an owner inviting a new email gets an absolute inviteUrl whose fragment is the token', async ({
  t,
  owner,
  cid,
}) => {
  const res = await invite(owner, cid, 'New.Person@Example.ORG')
  assert.is(res.status, 201)
  assert.equal(Object.keys(res.body), ['inviteUrl'])
  assert.match(res.body.inviteUrl, /^https:\/\/pulse\.example\/team-invite#[A-Za-z0-9_-]{43}$/)
  const [stored] = await t.deps.db.query.teamInvites.findMany()
  assert.is(stored.email, 'new.person@example.org')
  assert.is.not(stored.tokenHash, fragment(res.body.inviteUrl))
})

test('accepting the invite creates the organizer, signs them in and grants the role', async ({
  t,
  owner,
  cid,
}) => {
  const url = (await invite(owner, cid, 'New.Person@Example.ORG', 'viewer')).body.inviteUrl
  const agent = new Agent(t)
  const res = await agent.post('/api/team-invites', {
    token: fragment(url),
    password: 'a long password',
    name: 'Noor',
  })
  assert.is(res.status, 201)
  assert.equal(res.body, {
    organizer: { id: res.body.organizer.id, email: 'new.person@example.org', name: 'Noor' },
  })
  assert.match(res.headers.get('set-cookie')!, /^session=.+HttpOnly/)
  assert.equal((await agent.get('/api/session')).body, res.body)
  assert.is(await roleIn(agent, cid), 'viewer')
  const team = await owner.get(`/api/communities/${cid}/team`)
  assert.equal(team.body, [
    { organizer: res.body.organizer, role: 'viewer' },
    {
      organizer: { id: team.body[1].organizer.id, email: 'owner@example.org', name: 'Olu' },
      role: 'owner',
    },
  ])
  assert.is(await rows(t, 'team_invites'), 0)
})

test('an invite token works once; a used, unknown or expired token is 401', async ({
  t,
  owner,
  cid,
}) => {
  const token = fragment((await invite(owner, cid, 'once@example.org')).body.inviteUrl)
  assert.is(
    (await new Agent(t).post('/api/team-invites', { token, password: 'a long password' })).status,
    201,
  )
  const again = new Agent(t)
  assertProblem(await again.post('/api/team-invites', { token, password: 'a long password' }), 401)
  assert.is(again.cookie, undefined)
  assertProblem(
    await new Agent(t).post('/api/team-invites', { token: 'made-up', password: 'a long password' }),
    401,
  )
  const late = fragment((await invite(owner, cid, 'late@example.org')).body.inviteUrl)
  t.clock.now += 15 * DAY
  assertProblem(
    await new Agent(t).post('/api/team-invites', { token: late, password: 'a long password' }),
    401,
  )
  assert.is(await rows(t, 'organizers'), 2)
})

test('accepting checks the password (422 at password), writes nothing and keeps the token usable', async ({
  t,
  owner,
  cid,
}) => {
  const token = fragment((await invite(owner, cid, 'short@example.org')).body.inviteUrl)
  assertProblem(await new Agent(t).post('/api/team-invites', { token, password: 'short' }), 422, [
    'password',
  ])
  assert.is(await rows(t, 'organizers'), 1)
  assert.is(
    (await new Agent(t).post('/api/team-invites', { token, password: 'long enough now' })).status,
    201,
  )
})

test('an invite for an email that has an account by then needs that account’s password', async ({
  t,
  owner,
  cid,
}) => {
  const token = fragment((await invite(owner, cid, 'twice@example.org', 'viewer')).body.inviteUrl)
  const other = await communityWith(owner, { name: 'Other' })
  const colleague = await teammate(owner, other.id, 'organizer', 'twice@example.org')
  assertProblem(
    await new Agent(t).post('/api/team-invites', { token, password: 'not their password' }),
    401,
  )
  assertProblem(await colleague.get(`/api/communities/${cid}`), 404)
  const res = await new Agent(t).post('/api/team-invites', { token, password: 'a long password' })
  assert.is(res.status, 201)
  assert.is(res.body.organizer.id, colleague.id)
  assert.is(await roleIn(colleague, cid), 'viewer')
})

test('inviting an existing organizer adds them at once: 201 without inviteUrl', async ({
  t,
  owner,
  cid,
}) => {
  const other = await communityWith(owner, { name: 'Other' })
  const colleague = await teammate(owner, other.id, 'viewer', 'colleague@example.org')
  assertProblem(await colleague.get(`/api/communities/${cid}`), 404)
  const res = await invite(owner, cid, 'Colleague@Example.org', 'organizer')
  assert.is(res.status, 201)
  assert.equal(res.body, {})
  assert.is(await rows(t, 'team_invites'), 0)
  assert.is(await roleIn(colleague, cid), 'organizer')
  assert.is(await roleIn(colleague, other.id), 'viewer')
})

test('invite input is checked: 422 at email and role, nothing written', async ({
  t,
  owner,
  cid,
}) => {
  assertProblem(await invite(owner, cid, 'not-an-email'), 422, ['email'])
  assertProblem(await invite(owner, cid, 'ok@example.org', 'admin'), 422, ['role'])
  assertProblem(await owner.post(`/api/communities/${cid}/team`, {}), 422, ['email', 'role'])
  assert.is(await rows(t, 'team_invites'), 0)
})

test('a viewer can read the community but not list its members or team (403)', async ({
  owner,
  cid,
}) => {
  const viewer = await teammate(owner, cid, 'viewer')
  assert.is((await viewer.get(`/api/communities/${cid}`)).status, 200)
  assertProblem(await viewer.get(`/api/communities/${cid}/members`), 403)
  assertProblem(await viewer.get(`/api/communities/${cid}/team`), 403)
  assertProblem(await invite(viewer, cid, 'friend@example.org'), 403)
})

test('an organizer lists the team but cannot manage it (403)', async ({ t, owner, cid }) => {
  const organizer = await teammate(owner, cid, 'organizer')
  const viewer = await teammate(owner, cid, 'viewer')
  assert.is((await organizer.get(`/api/communities/${cid}/team`)).body.length, 3)
  assertProblem(await invite(organizer, cid, 'friend@example.org'), 403)
  assertProblem(await organizer.delete(`/api/communities/${cid}/team/${viewer.id}`), 403)
  assert.is(await rows(t, 'team_invites'), 0)
  assert.is(await roleIn(viewer, cid), 'viewer')
})

test('an owner removes a team member, who then no longer sees the community (404)', async ({
  owner,
  cid,
}) => {
  const organizer = await teammate(owner, cid, 'organizer')
  const res = await owner.delete(`/api/communities/${cid}/team/${organizer.id}`)
  assert.is(res.status, 204)
  assertProblem(await organizer.get(`/api/communities/${cid}`), 404)
  assert.equal((await organizer.get('/api/communities')).body, [])
  assert.is((await owner.get(`/api/communities/${cid}/team`)).body.length, 1)
  assertProblem(await owner.delete(`/api/communities/${cid}/team/${organizer.id}`), 404)
})

test('anyone may leave: a viewer removes themself (204)', async ({ owner, cid }) => {
  const viewer = await teammate(owner, cid, 'viewer')
  assert.is((await viewer.delete(`/api/communities/${cid}/team/${viewer.id}`)).status, 204)
  assertProblem(await viewer.get(`/api/communities/${cid}`), 404)
})

test('a viewer removing someone else is 403 and changes nothing', async ({ owner, cid }) => {
  const viewer = await teammate(owner, cid, 'viewer')
  const organizer = await teammate(owner, cid, 'organizer')
  assertProblem(await viewer.delete(`/api/communities/${cid}/team/${organizer.id}`), 403)
  assert.is(await roleIn(organizer, cid), 'organizer')
})

test('the last owner cannot leave (409); once another owner exists they can', async ({
  owner,
  cid,
}) => {
  const ownerId = (await owner.get('/api/session')).body.organizer.id
  assertProblem(await owner.delete(`/api/communities/${cid}/team/${ownerId}`), 409)
  assert.is(await roleIn(owner, cid), 'owner')
  const second = await teammate(owner, cid, 'owner')
  assert.is((await owner.delete(`/api/communities/${cid}/team/${ownerId}`)).status, 204)
  assertProblem(await second.delete(`/api/communities/${cid}/team/${second.id}`), 409)
})

test('the last owner cannot demote themself by re-inviting their own email (409)', async ({
  owner,
  cid,
}) => {
  assertProblem(await invite(owner, cid, 'owner@example.org', 'viewer'), 409)
  assert.is(await roleIn(owner, cid), 'owner')
  const second = await teammate(owner, cid, 'owner')
  assert.is((await invite(owner, cid, 'owner@example.org', 'viewer')).status, 201)
  assert.is(await roleIn(owner, cid), 'viewer')
  assert.is((await invite(second, cid, 'owner@example.org', 'owner')).status, 201)
})

test('team routes answer 404 to an organizer outside the community and 401 without a session', async ({
  t,
  owner,
  cid,
}) => {
  const stranger = await outsider(owner)
  const ownerId = (await owner.get('/api/session')).body.organizer.id
  assertProblem(await stranger.get(`/api/communities/${cid}/team`), 404)
  assertProblem(await invite(stranger, cid, 'friend@example.org'), 404)
  assertProblem(await stranger.delete(`/api/communities/${cid}/team/${ownerId}`), 404)
  assertProblem(await stranger.delete(`/api/communities/${cid}/team/${stranger.id}`), 404)
  assertProblem(await new Agent(t).get(`/api/communities/${cid}/team`), 401)
  assertProblem(await invite(new Agent(t), cid, 'friend@example.org'), 401)
  assert.is(await rows(t, 'team_invites'), 0)
})

test.run()

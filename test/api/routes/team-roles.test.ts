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
  signInAgain,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

// Pending team invites (listed, revoked) and role changes without a new invite.

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('team invites and roles')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner)).id
})

const invite = (owner: Agent, cid: string, email: string, role = 'organizer') =>
  owner.post(`/api/communities/${cid}/team`, { email, role })
const invites = (agent: Agent, cid: string) => agent.get(`/api/communities/${cid}/team/invites`)
const accept = (t: TestApp, url: string) =>
  new Agent(t).post('/api/team-invites', { token: fragment(url), password: 'a long password' })
const roleIn = async (agent: Agent, cid: string) =>
  (await agent.get(`/api/communities/${cid}`)).body.role
const ownerId = async (owner: Agent) => (await owner.get('/api/session')).body.organizer.id

test('pending invites are listed by email with id, role and expiry, never a token or its hash', async ({
  t,
  owner,
  cid,
}) => {
  const first = await invite(owner, cid, 'zoe@example.org', 'viewer')
  await invite(owner, cid, 'ada@example.org', 'owner')
  const res = await invites(owner, cid)
  assert.is(res.status, 200)
  const expiresAt = new Date(t.clock.now + 14 * DAY).toISOString()
  assert.equal(res.body, [
    { id: res.body[0].id, email: 'ada@example.org', role: 'owner', expiresAt },
    { id: res.body[1].id, email: 'zoe@example.org', role: 'viewer', expiresAt },
  ])
  assert.match(res.body[0].id, /^[A-Za-z0-9_-]{22}$/)
  const stored = await t.deps.db.query.teamInvites.findMany()
  for (const secret of [fragment(first.body.inviteUrl), ...stored.map((s) => s.tokenHash)]) {
    assert.not.ok(res.text.includes(secret), 'the list holds nothing that accepts an invite')
  }
})

test('an organizer may read the pending invites; a viewer may not (403)', async ({
  owner,
  cid,
}) => {
  await invite(owner, cid, 'ada@example.org')
  const organizer = await teammate(owner, cid, 'organizer')
  const viewer = await teammate(owner, cid, 'viewer')
  const listed = await invites(organizer, cid)
  assert.is(listed.status, 200)
  assert.equal(
    listed.body.map((i: { email: string }) => i.email),
    ['ada@example.org'],
  )
  assertProblem(await invites(viewer, cid), 403)
})

test('accepted and expired invites leave the list', async ({ t, owner, cid }) => {
  const soon = await invite(owner, cid, 'soon@example.org')
  t.clock.now += 10 * DAY
  await invite(owner, cid, 'later@example.org')
  assert.is((await accept(t, soon.body.inviteUrl)).status, 201)
  assert.equal(
    (await invites(owner, cid)).body.map((i: { email: string }) => i.email),
    ['later@example.org'],
  )
  t.clock.now += 14 * DAY
  await signInAgain(owner)
  assert.equal((await invites(owner, cid)).body, [])
})

test('a newer invite of the same email replaces the earlier one, whose link stops working', async ({
  t,
  owner,
  cid,
}) => {
  const old = await invite(owner, cid, 'ada@example.org', 'viewer')
  const fresh = await invite(owner, cid, 'Ada@Example.org', 'organizer')
  const listed = (await invites(owner, cid)).body
  assert.equal(
    listed.map((i: { email: string; role: string }) => [i.email, i.role]),
    [['ada@example.org', 'organizer']],
  )
  assertProblem(await accept(t, old.body.inviteUrl), 401)
  assert.is((await accept(t, fresh.body.inviteUrl)).status, 201)
})

test('adding an organizer directly drops their pending invite to the community', async ({
  owner,
  cid,
}) => {
  await invite(owner, cid, 'colleague@example.org', 'viewer')
  // They get an account elsewhere first; the owner then adds that account here.
  const other = await communityWith(owner, { name: 'Other' })
  const colleague = await teammate(owner, other.id, 'viewer', 'colleague@example.org')
  assert.is((await invites(owner, cid)).body.length, 1)
  assert.equal((await invite(owner, cid, 'colleague@example.org')).body, {})
  assert.equal((await invites(owner, cid)).body, [])
  assert.is(await roleIn(colleague, cid), 'organizer')
})

test('an owner revokes a pending invite: 204, it leaves the list and its link is refused', async ({
  t,
  owner,
  cid,
}) => {
  const made = await invite(owner, cid, 'ada@example.org')
  await invite(owner, cid, 'ben@example.org')
  const [ada] = (await invites(owner, cid)).body
  const res = await owner.delete(`/api/communities/${cid}/team/invites/${ada.id}`)
  assert.is(res.status, 204)
  assert.is(res.text, '')
  assert.equal(
    (await invites(owner, cid)).body.map((i: { email: string }) => i.email),
    ['ben@example.org'],
  )
  assertProblem(await accept(t, made.body.inviteUrl), 401)
  assert.is(await rows(t, 'organizers'), 1)
  assertProblem(await owner.delete(`/api/communities/${cid}/team/invites/${ada.id}`), 404)
})

test('revoking an expired, accepted or unknown invite is 404', async ({ t, owner, cid }) => {
  const made = await invite(owner, cid, 'ada@example.org')
  const [ada] = (await invites(owner, cid)).body
  assert.is((await accept(t, made.body.inviteUrl)).status, 201)
  assertProblem(await owner.delete(`/api/communities/${cid}/team/invites/${ada.id}`), 404)
  await invite(owner, cid, 'ben@example.org')
  const [ben] = (await invites(owner, cid)).body
  t.clock.now += 15 * DAY
  await signInAgain(owner)
  assertProblem(await owner.delete(`/api/communities/${cid}/team/invites/${ben.id}`), 404)
  assertProblem(await owner.delete(`/api/communities/${cid}/team/invites/made-up`), 404)
})

test('only an owner revokes (403 for an organizer); the invite stays usable', async ({
  t,
  owner,
  cid,
}) => {
  const made = await invite(owner, cid, 'ada@example.org')
  const organizer = await teammate(owner, cid, 'organizer')
  const [ada] = (await invites(owner, cid)).body
  assertProblem(await organizer.delete(`/api/communities/${cid}/team/invites/${ada.id}`), 403)
  assert.is((await accept(t, made.body.inviteUrl)).status, 201)
})

test('an owner changes a role without a new invite; access follows at once', async ({
  t,
  owner,
  cid,
}) => {
  const colleague = await teammate(owner, cid, 'organizer', 'colleague@example.org')
  const res = await owner.patch(`/api/communities/${cid}/team/${colleague.id}`, { role: 'viewer' })
  assert.is(res.status, 200)
  assert.equal(res.body, {
    organizer: { id: colleague.id, email: 'colleague@example.org', name: '' },
    role: 'viewer',
  })
  assert.is(await roleIn(colleague, cid), 'viewer')
  assertProblem(await colleague.get(`/api/communities/${cid}/members`), 403)
  assert.is(
    (await owner.patch(`/api/communities/${cid}/team/${colleague.id}`, { role: 'owner' })).status,
    200,
  )
  assert.is((await colleague.patch(`/api/communities/${cid}`, { name: 'Renamed' })).status, 200)
  assert.is(await rows(t, 'team_invites'), 0)
})

test('the last owner cannot be demoted (409), not even by themself; with a second owner they can', async ({
  owner,
  cid,
}) => {
  const me = await ownerId(owner)
  assertProblem(await owner.patch(`/api/communities/${cid}/team/${me}`, { role: 'organizer' }), 409)
  assert.is(await roleIn(owner, cid), 'owner')
  assert.is(
    (await owner.patch(`/api/communities/${cid}/team/${me}`, { role: 'owner' })).status,
    200,
  )
  const second = await teammate(owner, cid, 'owner')
  const res = await second.patch(`/api/communities/${cid}/team/${me}`, { role: 'viewer' })
  assert.is(res.status, 200)
  assert.is(res.body.role, 'viewer')
  assert.is(await roleIn(owner, cid), 'viewer')
  assertProblem(
    await second.patch(`/api/communities/${cid}/team/${second.id}`, { role: 'organizer' }),
    409,
  )
})

test('only an owner changes roles (403); someone outside the team is 404; the role is checked (422)', async ({
  owner,
  cid,
}) => {
  const organizer = await teammate(owner, cid, 'organizer')
  const viewer = await teammate(owner, cid, 'viewer')
  assertProblem(
    await organizer.patch(`/api/communities/${cid}/team/${viewer.id}`, { role: 'organizer' }),
    403,
  )
  assertProblem(
    await viewer.patch(`/api/communities/${cid}/team/${viewer.id}`, { role: 'owner' }),
    403,
  )
  assert.is(await roleIn(viewer, cid), 'viewer')
  const stranger = await outsider(owner)
  assertProblem(
    await owner.patch(`/api/communities/${cid}/team/${stranger.id}`, { role: 'viewer' }),
    404,
  )
  assertProblem(
    await owner.patch(`/api/communities/${cid}/team/${viewer.id}`, { role: 'admin' }),
    422,
    ['role'],
  )
  assertProblem(await owner.patch(`/api/communities/${cid}/team/${viewer.id}`, {}), 422, ['role'])
})

test('invites and roles answer 404 to an organizer outside the community, 401 without a session', async ({
  t,
  owner,
  cid,
}) => {
  await invite(owner, cid, 'ada@example.org')
  const [ada] = (await invites(owner, cid)).body
  const me = await ownerId(owner)
  const stranger = await outsider(owner)
  assertProblem(await invites(stranger, cid), 404)
  assertProblem(await stranger.delete(`/api/communities/${cid}/team/invites/${ada.id}`), 404)
  assertProblem(await stranger.patch(`/api/communities/${cid}/team/${me}`, { role: 'viewer' }), 404)
  assertProblem(await invites(new Agent(t), cid), 401)
  assertProblem(
    await new Agent(t).patch(`/api/communities/${cid}/team/${me}`, { role: 'viewer' }),
    401,
  )
  assert.is((await invites(owner, cid)).body.length, 1)
  assert.is(await roleIn(owner, cid), 'owner')
})

test.run()

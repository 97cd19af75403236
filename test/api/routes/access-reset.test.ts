import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomToken, sha256 } from '../../../api/privacy/ids'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  expectStatus,
  fragment,
  inDays,
  surveyIn,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

// A re-invite revokes the member's key and records it, so the device that held it is told its
// access was reset (DESIGN.md, "The anonymity model" 3) instead of that it is unknown.

const test = suite<{
  t: TestApp
  owner: Agent
  cid: string
  ana: { id: string; inviteUrl: string }
}>('access reset')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  const community = await communityWith(ctx.owner, { members: 1 })
  ctx.cid = community.id
  ctx.ana = community.members[0]
})

const join = (t: TestApp, url: string, memberKey = randomToken(32)) =>
  new Agent(t).post('/api/join', { inviteKey: fragment(url), memberKey })
const reinvite = (owner: Agent, cid: string, mid: string) =>
  owner
    .post(`/api/communities/${cid}/members/${mid}/invite`)
    .then((res) => expectStatus(res, 200).body.inviteUrl as string)
const me = (t: TestApp, memberKey: string) => new Agent(t).get('/api/me', { bearer: memberKey })
const revoked = (t: TestApp, mid: string) =>
  t.deps.db.get<{ hash: string | null; by: string | null }>(
    sql`select revoked_key_hash as hash, revoked_by as by from members where id = ${mid}`,
  )

/** Asserts the 401 a re-invite's revoked key gets: reason "access-reset" and what to do, in plain words. */
function assertAccessReset(res: Awaited<ReturnType<typeof me>>, what = '') {
  assertProblem(res, 401)
  assert.is(res.body.reason, 'access-reset', what)
  assert.is(
    res.body.detail,
    'An organizer sent you a new invite link, which reset your access on this device. Open the new link to go on.',
  )
}

test("a re-invite stores the revoked key's hash, marked as revoked by the re-invite", async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const memberKey = randomToken(32)
  expectStatus(await join(t, ana.inviteUrl, memberKey), 200)
  assert.equal(await revoked(t, ana.id), { hash: null, by: null })
  await reinvite(owner, cid, ana.id)
  assert.equal(await revoked(t, ana.id), { hash: sha256(memberKey), by: 'reinvite' })
})

test('the revoked key answers 401 with reason access-reset on every member route', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const memberKey = randomToken(32)
  expectStatus(await join(t, ana.inviteUrl, memberKey), 200)
  const pulse = await opened(t, owner, cid)
  await reinvite(owner, cid, ana.id)
  const agent = new Agent(t)
  assertAccessReset(await agent.get('/api/me', { bearer: memberKey }), '/api/me')
  assertAccessReset(await agent.get('/api/me/pulses', { bearer: memberKey }), '/api/me/pulses')
  assertAccessReset(await agent.get('/api/me/results', { bearer: memberKey }), '/api/me/results')
  assertAccessReset(
    await agent.post(`/api/pulses/${pulse}/tokens`, { blindedMsg: 'AAAA' }, { bearer: memberKey }),
    'tokens',
  )
  assertAccessReset(await agent.get(`/api/pulses/${pulse}/keys`, { bearer: memberKey }), 'keys')
})

test('an unknown key, or none, answers the plain 401 without a reason', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  expectStatus(await join(t, ana.inviteUrl), 200)
  await reinvite(owner, cid, ana.id)
  for (const res of [await me(t, randomToken(32)), await new Agent(t).get('/api/me')]) {
    assertProblem(res, 401)
    assert.not.ok('reason' in res.body)
    assert.match(res.body.detail, /not signed in as a member/)
  }
})

test('the new invite joins with a fresh key; the old key still answers access-reset afterwards', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const oldKey = randomToken(32)
  expectStatus(await join(t, ana.inviteUrl, oldKey), 200)
  const url = await reinvite(owner, cid, ana.id)
  const newKey = randomToken(32)
  const joined = await join(t, url, newKey)
  assert.is(joined.status, 200)
  assert.equal(joined.body, { community: { id: cid, name: 'Riverside' } })
  assert.is((await me(t, newKey)).status, 200)
  assertAccessReset(await me(t, oldKey))
  // Kept until a later re-invite replaces it.
  assert.equal(await revoked(t, ana.id), { hash: sha256(oldKey), by: 'reinvite' })
})

test('a re-invite replaces the revoked hash only when there was a key: a member who never joined records none', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  await reinvite(owner, cid, ana.id)
  assert.equal(await revoked(t, ana.id), { hash: null, by: null })
  const first = randomToken(32)
  expectStatus(await join(t, await reinvite(owner, cid, ana.id), first), 200)
  const unused = await reinvite(owner, cid, ana.id)
  await reinvite(owner, cid, ana.id) // the member had no key in between: the first one stays
  assert.equal(await revoked(t, ana.id), { hash: sha256(first), by: 'reinvite' })
  assertAccessReset(await me(t, first))
  assertProblem(await join(t, unused), 401)
})

test('a second re-invite after joining again records the newer key in place of the older', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const first = randomToken(32)
  expectStatus(await join(t, ana.inviteUrl, first), 200)
  const second = randomToken(32)
  expectStatus(await join(t, await reinvite(owner, cid, ana.id), second), 200)
  await reinvite(owner, cid, ana.id)
  assert.equal(await revoked(t, ana.id), { hash: sha256(second), by: 'reinvite' })
  assertAccessReset(await me(t, second))
  const plain = await me(t, first)
  assertProblem(plain, 401)
  assert.not.ok('reason' in plain.body)
})

test("removing a member does not mark access-reset: the removed member's key gets the plain 401", async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const memberKey = randomToken(32)
  expectStatus(await join(t, ana.inviteUrl, memberKey), 200)
  expectStatus(await owner.delete(`/api/communities/${cid}/members/${ana.id}`), 204)
  assert.equal(await revoked(t, ana.id), { hash: null, by: null })
  const res = await me(t, memberKey)
  assertProblem(res, 401)
  assert.not.ok('reason' in res.body)
})

test('a re-invited member who is then removed is not told to open a new link', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const memberKey = randomToken(32)
  expectStatus(await join(t, ana.inviteUrl, memberKey), 200)
  await reinvite(owner, cid, ana.id)
  expectStatus(await owner.delete(`/api/communities/${cid}/members/${ana.id}`), 204)
  assert.equal(await revoked(t, ana.id), { hash: null, by: null })
  const res = await me(t, memberKey)
  assertProblem(res, 401)
  assert.not.ok('reason' in res.body)
})

/** An open pulse of a new survey of `cid`, after two more joined members make it openable. */
async function opened(t: TestApp, owner: Agent, cid: string): Promise<string> {
  expectStatus(await owner.patch(`/api/communities/${cid}`, { minGroupSize: 3 }), 200)
  const added = expectStatus(
    await owner.post(`/api/communities/${cid}/members`, {
      members: [{ email: 'bo@example.org' }, { email: 'cy@example.org' }],
    }),
    201,
  ).body.members
  for (const m of added) expectStatus(await join(t, m.inviteUrl), 200)
  const survey = await surveyIn(owner, cid)
  return expectStatus(
    await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt: inDays(t, 7) }),
    201,
  ).body.id
}

test.run()

import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { moveKeyLifetime } from '../../../api/members/move'
import { randomToken, sha256 } from '../../../api/privacy/ids'
import { T0, testApp, type TestApp } from '../../helpers/app'
import { assertProblem, expectStatus, fragment } from '../../helpers/fixtures'
import { Agent, type Reply } from '../../helpers/http'
import {
  obtainToken,
  openPulseWithMembers,
  requestToken,
  submitWith,
  validAnswers,
  type OpenedPulse,
} from '../../helpers/protocol'
import { memberKey as drawKey, prepareToken } from '../../../web/member/token-client'

// Moving a membership to another device: the device holding the member key asks for a
// single-use move key (POST /api/me/move); the other device exchanges it for a key it drew
// itself (POST /api/move), which replaces the member's key, marks the old one "moved" and uses
// the move key up (docs/api.md, "Members (Bearer memberKey)").

const test = suite<{ t: TestApp; p: OpenedPulse; ana: { id: string; key: string } }>('move')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.p = await openPulseWithMembers(ctx.t, { communityName: 'Riverside' })
  const ana = ctx.p.members[0]
  ctx.ana = { id: ana.id, key: ana.memberKey! }
})

const askMove = (t: TestApp, key: string) =>
  new Agent(t).post('/api/me/move', undefined, { bearer: key })
const moveKeyOf = async (t: TestApp, key: string) =>
  expectStatus(await askMove(t, key), 201).body.moveKey as string
const move = (t: TestApp, moveKey: string, memberKey: string) =>
  new Agent(t).post('/api/move', { moveKey, memberKey })
const me = (t: TestApp, key: string) => new Agent(t).get('/api/me', { bearer: key })
const stored = (t: TestApp) =>
  t.deps.db.all<Record<string, unknown>>(sql`select * from member_moves`)
const revoked = (t: TestApp, mid: string) =>
  t.deps.db.get<{ key: string | null; hash: string | null; by: string | null }>(
    sql`select key_hash as key, revoked_key_hash as hash, revoked_by as by from members where id = ${mid}`,
  )

const movedDetail =
  'Your membership was moved to another device with a move link, which ended access on this one. Go on there. Answers for pulses this device still holds a token for can still be sent from here.'

/** The 401 a key replaced by a move gets: reason "moved" and what happened, in plain words. */
function assertMoved(res: Reply, what = '') {
  assertProblem(res, 401)
  assert.is(res.body.reason, 'moved', what)
  assert.is(res.body.detail, movedDetail, what)
}

/** The 401 for a move key that cannot be used (any reason: the same answer for all). */
function assertUnusable(res: Reply) {
  assertProblem(res, 401)
  assert.is(
    res.body.detail,
    'This move link was already used, has expired, or was cancelled by a new invitation. Make a new one on the device you are moving from.',
  )
}

test('a member asks for a move key: 201 with the key and when it expires, stored only as a hash', async ({
  t,
  ana,
}) => {
  const res = await askMove(t, ana.key)
  assert.is(res.status, 201)
  assert.equal(Object.keys(res.body).sort(), ['expiresAt', 'moveKey'])
  assert.match(res.body.moveKey, /^[A-Za-z0-9_-]{43}$/)
  assert.is(res.body.expiresAt, new Date(T0 + 60 * 60 * 1000).toISOString())
  assert.is(moveKeyLifetime, 60 * 60 * 1000)
  const rows = await stored(t)
  assert.equal(rows, [
    {
      member_id: ana.id,
      key_hash: sha256(res.body.moveKey),
      from_key_hash: sha256(ana.key),
      expires_at: T0 + moveKeyLifetime,
      used_by: null,
    },
  ])
  assert.not.ok(JSON.stringify(rows).includes(res.body.moveKey), 'never the key itself')
})

test('the new device exchanges the move key for its own key: it is the member now, the old key answers "moved"', async ({
  t,
  p,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  const newKey = drawKey()
  const res = await move(t, moveKey, newKey)
  assert.is(res.status, 200)
  assert.equal(res.body, { community: { id: p.community.id, name: 'Riverside' } })
  const mine = await me(t, newKey)
  assert.is(mine.status, 200)
  assert.equal(mine.body, { community: { id: p.community.id, name: 'Riverside' }, attributes: {} })
  assertMoved(await me(t, ana.key))
  assert.equal(await revoked(t, ana.id), { key: sha256(newKey), hash: sha256(ana.key), by: 'move' })
  assert.is((await stored(t))[0].used_by, sha256(newKey), 'the move key is used up')
})

test('the key a move replaced answers 401 with reason "moved" on every member route', async ({
  t,
  p,
  ana,
}) => {
  expectStatus(await move(t, await moveKeyOf(t, ana.key), drawKey()), 200)
  const agent = new Agent(t)
  const bearer = { bearer: ana.key }
  const pid = p.pulse.id
  assertMoved(await agent.get('/api/me', bearer), '/api/me')
  assertMoved(await agent.get('/api/me/pulses', bearer), '/api/me/pulses')
  assertMoved(await agent.get('/api/me/results', bearer), '/api/me/results')
  assertMoved(await agent.post('/api/me/move', undefined, bearer), '/api/me/move')
  assertMoved(await agent.post(`/api/pulses/${pid}/tokens`, { blindedMsg: 'AAAA' }, bearer))
  assertMoved(await agent.get(`/api/pulses/${pid}/keys`, bearer), 'keys')
})

test('a move key works once: another key with it is refused and changes nothing', async ({
  t,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  const first = drawKey()
  expectStatus(await move(t, moveKey, first), 200)
  const second = drawKey()
  assertUnusable(await move(t, moveKey, second))
  assert.is((await me(t, first)).status, 200, 'the first device stays the member')
  const refused = await me(t, second)
  assertProblem(refused, 401)
  assert.not.ok('reason' in refused.body)
  assert.equal(await revoked(t, ana.id), { key: sha256(first), hash: sha256(ana.key), by: 'move' })
})

test('the same pair sent again succeeds, like /api/join: a lost reply can be retried', async ({
  t,
  p,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  const newKey = drawKey()
  expectStatus(await move(t, moveKey, newKey), 200)
  const again = await move(t, moveKey, newKey)
  assert.is(again.status, 200)
  assert.equal(again.body, { community: { id: p.community.id, name: 'Riverside' } })
  assert.equal(await revoked(t, ana.id), { key: sha256(newKey), hash: sha256(ana.key), by: 'move' })
})

test('an unknown move key is refused and writes nothing', async ({ t, ana }) => {
  await moveKeyOf(t, ana.key)
  const before = await stored(t)
  assertUnusable(await move(t, randomToken(32), drawKey()))
  assert.equal(await stored(t), before)
  assert.is((await me(t, ana.key)).status, 200)
  assert.equal(await revoked(t, ana.id), { key: sha256(ana.key), hash: null, by: null })
})

test('a malformed move key or member key is a 422', async ({ t, ana }) => {
  const moveKey = await moveKeyOf(t, ana.key)
  assertProblem(await move(t, 'short', drawKey()), 422, ['moveKey'])
  assertProblem(await move(t, moveKey, 'short'), 422, ['memberKey'])
  assert.is((await me(t, ana.key)).status, 200)
})

test('a move key expires after an hour: refused then, and the old device keeps its access', async ({
  t,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  t.clock.now = T0 + moveKeyLifetime - 1
  const late = drawKey()
  expectStatus(await move(t, moveKey, late), 200) // still in time
  const other = await moveKeyOf(t, late)
  t.clock.now += moveKeyLifetime
  assertUnusable(await move(t, other, drawKey()))
  assert.is((await me(t, late)).status, 200)
})

test('the same pair is refused after the move key expired (the member key it gave still works)', async ({
  t,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  const newKey = drawKey()
  expectStatus(await move(t, moveKey, newKey), 200)
  t.clock.now += moveKeyLifetime
  assertUnusable(await move(t, moveKey, newKey))
  assert.is((await me(t, newKey)).status, 200)
})

test('one move key per member: asking again makes the earlier one useless', async ({ t, ana }) => {
  const first = await moveKeyOf(t, ana.key)
  const second = await moveKeyOf(t, ana.key)
  assert.is.not(first, second)
  assert.is((await stored(t)).length, 1)
  assertUnusable(await move(t, first, drawKey()))
  expectStatus(await move(t, second, drawKey()), 200)
})

test('a re-invite cancels the move: its key is refused and the old device is told "access reset"', async ({
  t,
  p,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  const url = expectStatus(
    await p.owner.post(`/api/communities/${p.community.id}/members/${ana.id}/invite`),
    200,
  ).body.inviteUrl
  assert.equal(await stored(t), [], 'the move is deleted')
  assertUnusable(await move(t, moveKey, drawKey()))
  const res = await me(t, ana.key)
  assertProblem(res, 401)
  assert.is(res.body.reason, 'access-reset')
  const newKey = drawKey()
  expectStatus(
    await new Agent(t).post('/api/join', { inviteKey: fragment(url), memberKey: newKey }),
    200,
  )
  assertUnusable(await move(t, moveKey, drawKey()))
  assert.is((await me(t, newKey)).status, 200)
})

test('a move key works only while the member still holds the key that asked for it', async ({
  t,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  // As if the key had changed without the move being cancelled (defence in depth).
  await t.deps.db.run(sql`update member_moves set from_key_hash = ${sha256(drawKey())}`)
  assertUnusable(await move(t, moveKey, drawKey()))
  assert.is((await me(t, ana.key)).status, 200)
})

test('removing the member cancels the move', async ({ t, p, ana }) => {
  const moveKey = await moveKeyOf(t, ana.key)
  expectStatus(await p.owner.delete(`/api/communities/${p.community.id}/members/${ana.id}`), 204)
  assert.equal(await stored(t), [])
  assertUnusable(await move(t, moveKey, drawKey()))
})

test("a member key that is already another member's is a 409, and nothing changes", async ({
  t,
  p,
  ana,
}) => {
  const moveKey = await moveKeyOf(t, ana.key)
  const taken = p.members[1].memberKey!
  const res = await move(t, moveKey, taken)
  assertProblem(res, 409)
  assert.match(res.body.detail, /already in use/)
  assert.is((await me(t, ana.key)).status, 200)
  assert.is((await stored(t))[0].used_by, null)
  expectStatus(await move(t, moveKey, drawKey()), 200) // a fresh key still works
})

test("the old device's token still submits once after the move; the new device cannot get another", async ({
  t,
  p,
  ana,
}) => {
  const pid = p.pulse.id
  const token = await obtainToken(t, pid, ana.key)
  const newKey = drawKey()
  expectStatus(await move(t, await moveKeyOf(t, ana.key), newKey), 200)

  const sent = await submitWith(t, pid, token, validAnswers(p.survey.questions))
  assert.is(sent.status, 201)
  const again = await submitWith(t, pid, token, validAnswers(p.survey.questions, 1))
  assertProblem(again, 409)
  assert.is(again.body.receipt, sent.body.receipt, 'a spent token: the same receipt')

  const listed = await new Agent(t).get('/api/me/pulses', { bearer: newKey })
  assert.is(listed.status, 200)
  assert.equal(
    listed.body.map((e: { pulse: { id: string }; issued: boolean }) => [e.pulse.id, e.issued]),
    [[pid, true]],
  )
  const { blindedMsg } = await prepareToken(token.publicKey)
  const refused = await requestToken(t, pid, newKey, blindedMsg)
  assertProblem(refused, 409)
})

test('moving again from the new device works the same way', async ({ t, ana }) => {
  const second = drawKey()
  expectStatus(await move(t, await moveKeyOf(t, ana.key), second), 200)
  const third = drawKey()
  expectStatus(await move(t, await moveKeyOf(t, second), third), 200)
  assertMoved(await me(t, second))
  assert.is((await me(t, third)).status, 200)
  assert.equal(await revoked(t, ana.id), { key: sha256(third), hash: sha256(second), by: 'move' })
})

test.run()

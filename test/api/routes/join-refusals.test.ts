// POST /api/join refusals say why (docs/api.md "Members"): an invite a device already exchanged
// is `used`; a damaged key, or one a re-invite or a removal replaced, is `unknown`. The member's
// page tells a used link ("someone else may have opened it") from a broken one.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomToken } from '../../../api/privacy/ids'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, communityWith, expectStatus, fragment } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{
  t: TestApp
  owner: Agent
  cid: string
  ana: { id: string; inviteUrl: string }
}>('join refusals')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  const community = await communityWith(ctx.owner, { members: 1 })
  ctx.cid = community.id
  ctx.ana = community.members[0]
})

const join = (t: TestApp, inviteKey: string, memberKey = randomToken(32)) =>
  new Agent(t).post('/api/join', { inviteKey, memberKey })

function assertRefused(res: Awaited<ReturnType<typeof join>>, reason: 'used' | 'unknown') {
  assertProblem(res, 401)
  assert.is(res.body.reason, reason)
  assert.match(res.body.detail, reason === 'used' ? /already used/ : /may be damaged/)
}

test('an invite another device already exchanged: 401 with reason used', async ({ t, ana }) => {
  expectStatus(await join(t, fragment(ana.inviteUrl)), 200)
  assertRefused(await join(t, fragment(ana.inviteUrl)), 'used')
})

test('a damaged invite key (one character changed, cut short, or extended): reason unknown', async ({
  t,
  ana,
}) => {
  const key = fragment(ana.inviteUrl)
  const changed = (key[0] === 'A' ? 'B' : 'A') + key.slice(1)
  for (const inviteKey of [changed, key.slice(0, 30), `${key}.`]) {
    assertRefused(await join(t, inviteKey), 'unknown')
  }
  // Nothing was used up: the intact link still works.
  expectStatus(await join(t, key), 200)
})

test('an invite a re-invite replaced, or of a removed member: reason unknown', async ({
  t,
  owner,
  cid,
  ana,
}) => {
  const old = fragment(ana.inviteUrl)
  expectStatus(await join(t, old), 200)
  const again = expectStatus(
    await owner.post(`/api/communities/${cid}/members/${ana.id}/invite`),
    200,
  )
  assertRefused(await join(t, old), 'unknown')
  expectStatus(await owner.delete(`/api/communities/${cid}/members/${ana.id}`), 204)
  assertRefused(await join(t, fragment(again.body.inviteUrl)), 'unknown')
})

test.run()

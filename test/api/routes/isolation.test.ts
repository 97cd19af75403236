import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  inDays,
  outsider,
  pulseOf,
  rows,
  surveyIn,
} from '../../helpers/fixtures'
import { setupOwner, type Agent } from '../../helpers/http'

// An owner of one community is a stranger to another: its data answers 404, exactly as an
// unknown id does, so a stranger cannot even learn that it exists.
const test = suite<{
  t: TestApp
  owner: Agent
  stranger: Agent
  cid: string
  sid: string
  pid: string
}>('cross-community access')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { members: 5 })).id
  ctx.sid = (await surveyIn(ctx.owner, ctx.cid)).id
  ctx.pid = (await pulseOf(ctx.owner, ctx.sid)).id
  ctx.stranger = await outsider(ctx.owner)
  const own = await communityWith(ctx.stranger, { name: 'Theirs', members: 5 })
  await surveyIn(ctx.stranger, own.id)
})

test("another community's survey is 404 on every survey route, like an unknown id", async ({
  t,
  stranger,
  sid,
}) => {
  const foreign = await stranger.get(`/api/surveys/${sid}`)
  assertProblem(foreign, 404)
  assert.equal(foreign.body, (await stranger.get('/api/surveys/no-such-survey')).body)
  assertProblem(await stranger.patch(`/api/surveys/${sid}`, { title: 'Mine' }), 404)
  assertProblem(await stranger.delete(`/api/surveys/${sid}`), 404)
  assertProblem(await stranger.get(`/api/surveys/${sid}/pulses`), 404)
  assertProblem(await stranger.post(`/api/surveys/${sid}/pulses`, { closesAt: inDays(t, 7) }), 404)
  assertProblem(
    await stranger.put(`/api/surveys/${sid}/schedule`, {
      cadence: 'weekly',
      startsAt: inDays(t, 1),
      durationDays: 2,
    }),
    404,
  )
  assertProblem(await stranger.get(`/api/surveys/${sid}/schedule`), 404)
  assert.is(await rows(t, 'pulses'), 1)
  assert.is(await rows(t, 'schedules'), 0)
})

test("another community's pulse is 404 to close, share or read, like an unknown id", async ({
  owner,
  stranger,
  pid,
}) => {
  const foreign = await stranger.post(`/api/pulses/${pid}/close`)
  assertProblem(foreign, 404)
  assert.equal(foreign.body, (await stranger.post('/api/pulses/no-such-pulse/close')).body)
  assertProblem(await stranger.post(`/api/pulses/${pid}/share`), 404)
  assertProblem(await stranger.delete(`/api/pulses/${pid}/share`), 404)
  assertProblem(await stranger.get(`/api/pulses/${pid}`), 404)
  assert.is((await owner.get(`/api/pulses/${pid}`)).body.status, 'open')
})

test("another community's settings, team, members and surveys are 404", async ({
  t,
  stranger,
  cid,
}) => {
  assertProblem(await stranger.get(`/api/communities/${cid}`), 404)
  assertProblem(await stranger.get(`/api/communities/${cid}/team`), 404)
  assertProblem(await stranger.get(`/api/communities/${cid}/members`), 404)
  assertProblem(
    await stranger.post(`/api/communities/${cid}/members`, {
      members: [{ email: 'spy@example.org' }],
    }),
    404,
  )
  assertProblem(await stranger.get(`/api/communities/${cid}/surveys`), 404)
  assertProblem(
    await stranger.post(`/api/communities/${cid}/surveys`, { template: 'trust-pulse' }),
    404,
  )
  assert.is(await rows(t, 'members'), 10)
  assert.is(await rows(t, 'surveys'), 2)
})

test.run()

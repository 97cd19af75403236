// GET /api/surveys/:sid carries the survey's schedule when it has one (docs/api.md), so the
// pulses page never asks for a schedule that answers 404; the schedule route keeps its 404.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, communityWith, inDays, surveyIn, teammate } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent; cid: string; sid: string }>('survey schedule field')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { members: 5 })).id
  ctx.sid = (await surveyIn(ctx.owner, ctx.cid)).id
})

test('a survey without a schedule has no schedule field; the schedule route still answers 404', async ({
  owner,
  sid,
}) => {
  const got = await owner.get(`/api/surveys/${sid}`)
  assert.is(got.status, 200)
  assert.is(got.body.id, sid)
  assert.not.ok('schedule' in got.body)
  assertProblem(await owner.get(`/api/surveys/${sid}/schedule`), 404)
})

test('the survey carries its schedule exactly as the schedule route answers it, for viewers too', async ({
  t,
  owner,
  cid,
  sid,
}) => {
  const body = { cadence: 'biweekly', startsAt: inDays(t, 3), durationDays: 5 }
  const put = await owner.put(`/api/surveys/${sid}/schedule`, body)
  assert.is(put.status, 200)
  const viewer = await teammate(owner, cid, 'viewer')
  const got = await viewer.get(`/api/surveys/${sid}`)
  assert.is(got.status, 200)
  assert.equal(got.body.schedule, { ...body, nextOpensAt: body.startsAt })
  assert.equal(got.body.schedule, (await owner.get(`/api/surveys/${sid}/schedule`)).body)
})

test('dropping the schedule drops the field', async ({ t, owner, sid }) => {
  await owner.put(`/api/surveys/${sid}/schedule`, {
    cadence: 'weekly',
    startsAt: inDays(t, 1),
    durationDays: 3,
  })
  assert.is((await owner.delete(`/api/surveys/${sid}/schedule`)).status, 204)
  const got = await owner.get(`/api/surveys/${sid}`)
  assert.is(got.status, 200)
  assert.not.ok('schedule' in got.body)
})

test.run()

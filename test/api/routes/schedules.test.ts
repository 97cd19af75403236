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
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent; cid: string; sid: string }>('schedules')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { members: 5 })).id
  ctx.sid = (await surveyIn(ctx.owner, ctx.cid)).id
})

const put = (agent: Agent, sid: string, body: object) =>
  agent.put(`/api/surveys/${sid}/schedule`, body)

test('PUT stores a schedule whose first pulse opens at startsAt; GET answers it', async ({
  t,
  owner,
  sid,
}) => {
  const startsAt = inDays(t, 3)
  const res = await put(owner, sid, { cadence: 'weekly', startsAt, durationDays: 5 })
  assert.is(res.status, 200)
  assert.equal(res.body, { cadence: 'weekly', startsAt, durationDays: 5, nextOpensAt: startsAt })
  const got = await owner.get(`/api/surveys/${sid}/schedule`)
  assert.is(got.status, 200)
  assert.equal(got.body, res.body)
})

test('a startsAt in the past makes nextOpensAt the first occurrence from now on', async ({
  t,
  owner,
  sid,
}) => {
  const res = await put(owner, sid, {
    cadence: 'biweekly',
    startsAt: inDays(t, -20),
    durationDays: 3,
  })
  assert.is(res.status, 200)
  assert.is(res.body.nextOpensAt, inDays(t, 8))
  const exact = await put(owner, sid, {
    cadence: 'weekly',
    startsAt: inDays(t, -14),
    durationDays: 3,
  })
  assert.is(exact.body.nextOpensAt, inDays(t, 0))
})

test('durationDays is at most 7, 14 and 28 for weekly, biweekly and monthly (422 at durationDays)', async ({
  t,
  owner,
  sid,
}) => {
  const startsAt = inDays(t, 1)
  for (const [cadence, max] of [
    ['weekly', 7],
    ['biweekly', 14],
    ['monthly', 28],
  ] as const) {
    assertProblem(await put(owner, sid, { cadence, startsAt, durationDays: max + 1 }), 422, [
      'durationDays',
    ])
    assert.is((await owner.get(`/api/surveys/${sid}/schedule`)).status, 404)
    const ok = await put(owner, sid, { cadence, startsAt, durationDays: max })
    assert.is(ok.status, 200)
    assert.equal([ok.body.cadence, ok.body.durationDays], [cadence, max])
    await owner.delete(`/api/surveys/${sid}/schedule`)
  }
  assertProblem(await put(owner, sid, { cadence: 'weekly', startsAt, durationDays: 0 }), 422, [
    'durationDays',
  ])
  assertProblem(await put(owner, sid, { cadence: 'weekly', startsAt, durationDays: 2.5 }), 422, [
    'durationDays',
  ])
  assert.is(await rows(t, 'schedules'), 0)
})

test('cadence and startsAt are checked (422 at their paths), leaving the stored schedule as it was', async ({
  t,
  owner,
  sid,
}) => {
  const stored = (
    await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 2 })
  ).body
  assertProblem(
    await put(owner, sid, { cadence: 'daily', startsAt: inDays(t, 1), durationDays: 2 }),
    422,
    ['cadence'],
  )
  assertProblem(
    await put(owner, sid, { cadence: 'weekly', startsAt: 'tomorrow', durationDays: 2 }),
    422,
    ['startsAt'],
  )
  assertProblem(
    await put(owner, sid, { cadence: 'weekly', startsAt: '2026-03-05T09:00:00', durationDays: 2 }),
    422,
    ['startsAt'],
  )
  assertProblem(
    await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 9 }),
    422,
    ['durationDays'],
  )
  assert.equal((await owner.get(`/api/surveys/${sid}/schedule`)).body, stored)
})

test('PUT again replaces the schedule', async ({ t, owner, sid }) => {
  await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 2 })
  const startsAt = inDays(t, 10)
  const res = await put(owner, sid, { cadence: 'monthly', startsAt, durationDays: 20 })
  assert.equal((await owner.get(`/api/surveys/${sid}/schedule`)).body, {
    cadence: 'monthly',
    startsAt,
    durationDays: 20,
    nextOpensAt: startsAt,
  })
  assert.equal(res.body, { cadence: 'monthly', startsAt, durationDays: 20, nextOpensAt: startsAt })
  assert.is(await rows(t, 'schedules'), 1)
})

test('DELETE removes the schedule: 204, then GET is 404', async ({ t, owner, sid }) => {
  await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 2 })
  const res = await owner.delete(`/api/surveys/${sid}/schedule`)
  assert.is(res.status, 204)
  assertProblem(await owner.get(`/api/surveys/${sid}/schedule`), 404)
  assert.is((await owner.delete(`/api/surveys/${sid}/schedule`)).status, 204)
})

test('archiving a survey drops its schedule and its pulses not yet open; an open one stays', async ({
  t,
  owner,
  sid,
}) => {
  await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 2 })
  const running = await pulseOf(owner, sid, 3)
  await pulseOf(owner, sid, 9, inDays(t, 5))
  assert.is((await owner.delete(`/api/surveys/${sid}`)).status, 204)
  assertProblem(await owner.get(`/api/surveys/${sid}/schedule`), 404)
  assert.equal(
    (await owner.get(`/api/surveys/${sid}/pulses`)).body.map((p: any) => [p.id, p.status]),
    [[running.id, 'open']],
  )
})

test('viewers read the schedule but may not set or delete it (403)', async ({
  t,
  owner,
  cid,
  sid,
}) => {
  const schedule = (
    await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 2 })
  ).body
  const viewer = await teammate(owner, cid, 'viewer')
  assert.equal((await viewer.get(`/api/surveys/${sid}/schedule`)).body, schedule)
  assertProblem(
    await put(viewer, sid, { cadence: 'monthly', startsAt: inDays(t, 1), durationDays: 2 }),
    403,
  )
  assertProblem(await viewer.delete(`/api/surveys/${sid}/schedule`), 403)
  assert.equal((await owner.get(`/api/surveys/${sid}/schedule`)).body, schedule)
})

test('schedule routes: 401 without a session, 404 for an organizer outside the community', async ({
  t,
  owner,
  sid,
}) => {
  const schedule = (
    await put(owner, sid, { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 2 })
  ).body
  for (const [agent, status] of [
    [new Agent(t), 401],
    [await outsider(owner), 404],
  ] as const) {
    assertProblem(await agent.get(`/api/surveys/${sid}/schedule`), status)
    assertProblem(
      await put(agent, sid, { cadence: 'monthly', startsAt: inDays(t, 1), durationDays: 2 }),
      status,
    )
    assertProblem(await agent.delete(`/api/surveys/${sid}/schedule`), status)
  }
  assert.equal((await owner.get(`/api/surveys/${sid}/schedule`)).body, schedule)
})

test.run()

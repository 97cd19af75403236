import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  expectStatus,
  outsider,
  rows,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const MIN = 60_000

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('meetings')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner)).id
})

async function meetingIn(
  agent: Agent,
  cid: string,
  body: object = { title: 'Planning', seats: 4 },
) {
  return expectStatus(await agent.post(`/api/communities/${cid}/meetings`, body), 201).body as {
    id: string
    startedAt: string
  }
}

/** `n` turns for `seat`, a minute each, starting at `from` minutes. */
const turnsFor = (seat: number, n: number, from: number, prefix = `s${seat}`) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    seat,
    start: (from + i) * MIN,
    end: (from + i + 1) * MIN,
  }))

test('an organizer creates a meeting: seats numbered, labels optional, started now', async ({
  t,
  owner,
  cid,
}) => {
  const res = await owner.post(`/api/communities/${cid}/meetings`, { title: ' Retro ', seats: 3 })
  assert.is(res.status, 201)
  assert.equal(res.body, {
    id: res.body.id,
    communityId: cid,
    title: 'Retro',
    seats: 3,
    labels: ['1', '2', '3'],
    startedAt: new Date(t.clock.now).toISOString(),
    endedAt: null,
    status: 'running',
  })
  const labelled = await owner.post(`/api/communities/${cid}/meetings`, {
    title: 'Sync',
    seats: 2,
    labels: ['AB', ' CD '],
  })
  assert.equal(labelled.body.labels, ['AB', 'CD'])
})

test('bad meetings are 422 with paths and write nothing', async ({ t, owner, cid }) => {
  const bad = (body: unknown) => owner.post(`/api/communities/${cid}/meetings`, body)
  assertProblem(await bad({ title: '', seats: 4 }), 422, ['title'])
  assertProblem(await bad({ title: 'x', seats: 1 }), 422, ['seats'])
  assertProblem(await bad({ title: 'x', seats: 41 }), 422, ['seats'])
  assertProblem(await bad({ title: 'x', seats: 2.5 }), 422, ['seats'])
  assertProblem(await bad({ title: 'x', seats: 3, labels: ['a', 'b'] }), 422, ['labels'])
  assertProblem(await bad({ title: 'x', seats: 2, labels: ['a', 'far too long a label'] }), 422, [
    'labels.1',
  ])
  assert.is(await rows(t, 'meetings'), 0)
})

test('roles: nobody 401, viewer reads but may not run, another community 404', async ({
  t,
  owner,
  cid,
}) => {
  const { id } = await meetingIn(owner, cid)
  t.clock.now += 10 * MIN
  expectStatus(await owner.post(`/api/meetings/${id}/turns`, { turns: turnsFor(1, 2, 0) }), 200)
  const nobody = new Agent(t)
  assertProblem(await nobody.get(`/api/communities/${cid}/meetings`), 401)
  assertProblem(await nobody.get(`/api/meetings/${id}`), 401)
  assertProblem(await nobody.post(`/api/meetings/${id}/turns`, { turns: [] }), 401)

  const viewer = await teammate(owner, cid, 'viewer')
  assert.is((await viewer.get(`/api/communities/${cid}/meetings`)).status, 200)
  assert.is((await viewer.get(`/api/meetings/${id}`)).body.measures.turns, 2)
  assert.is((await viewer.get(`/api/communities/${cid}/meetings/trend`)).status, 200)
  assert.is((await viewer.get(`/api/communities/${cid}/meetings/trend.csv`)).status, 200)
  assertProblem(
    await viewer.post(`/api/communities/${cid}/meetings`, { title: 'x', seats: 2 }),
    403,
  )
  assertProblem(await viewer.post(`/api/meetings/${id}/turns`, { turns: turnsFor(2, 1, 5) }), 403)
  assertProblem(await viewer.post(`/api/meetings/${id}/end`, {}), 403)

  const organizer = await teammate(owner, cid, 'organizer')
  assert.is(
    (await organizer.post(`/api/meetings/${id}/turns`, { turns: turnsFor(2, 1, 5) })).status,
    200,
  )

  const stranger = await outsider(owner)
  const foreign = await stranger.get(`/api/meetings/${id}`)
  assertProblem(foreign, 404)
  assert.equal(foreign.body, (await stranger.get('/api/meetings/no-such-meeting')).body)
  assertProblem(await stranger.post(`/api/meetings/${id}/turns`, { turns: turnsFor(3, 1, 6) }), 404)
  assertProblem(await stranger.post(`/api/meetings/${id}/end`, {}), 404)
  assertProblem(await stranger.get(`/api/communities/${cid}/meetings`), 404)
  assertProblem(await stranger.get(`/api/communities/${cid}/meetings/trend.csv`), 404)
  assertProblem(
    await stranger.post(`/api/communities/${cid}/meetings`, { title: 'x', seats: 2 }),
    404,
  )
  assert.is(await rows(t, 'meeting_turns'), 3)
})

test('turns in batches, an open turn ended later, undo; the meeting answers its measures', async ({
  t,
  owner,
  cid,
}) => {
  const { id } = await meetingIn(owner, cid)
  t.clock.now += 10 * MIN
  const first = await owner.post(`/api/meetings/${id}/turns`, {
    turns: [...turnsFor(1, 3, 0), { id: 'open', seat: 2, start: 3 * MIN }],
  })
  assert.equal([first.status, first.body], [200, { turns: 4 }])
  // The open turn's end arrives in the next batch, with a tap that is then undone.
  const second = await owner.post(`/api/meetings/${id}/turns`, {
    turns: [
      { id: 'open', seat: 2, start: 3 * MIN, end: 5 * MIN },
      { id: 'oops', seat: 4, start: 5 * MIN },
    ],
    undo: ['oops'],
  })
  assert.equal(second.body, { turns: 4 })
  const got = (await owner.get(`/api/meetings/${id}`)).body
  assert.equal(got.turns, [
    { id: 's1-0', seat: 1, start: 0, end: MIN },
    { id: 's1-1', seat: 1, start: MIN, end: 2 * MIN },
    { id: 's1-2', seat: 1, start: 2 * MIN, end: 3 * MIN },
    { id: 'open', seat: 2, start: 3 * MIN, end: 5 * MIN },
  ])
  const m = got.measures
  assert.is(m.basis, 'time')
  assert.equal(
    m.perSeat.map((s: any) => [s.turns, s.speakingMs]),
    [
      [3, 3 * MIN],
      [1, 2 * MIN],
      [0, null],
      [0, null],
    ],
  )
  assert.is(m.silentSeats, 2)
  // [3, 2, 0, 0] minutes: sorted coefficients −3, −1, 1, 3 → 2 + 9 = 11; 11 / (4 · 5) = 0.55
  assert.ok(Math.abs(m.gini - 0.55) < 1e-9)
  assert.is(m.turnsPerMinute, 0.4)
  assert.is(m.summary, '2 of 4 seats took 100% of speaking time; 2 seats never spoke.')
  assert.type(m.suggestion, 'string')
})

test('a resent batch is not counted twice, and an undone turn stays undone when resent', async ({
  t,
  owner,
  cid,
}) => {
  const { id } = await meetingIn(owner, cid)
  t.clock.now += 10 * MIN
  const batch = { turns: turnsFor(1, 2, 0).concat(turnsFor(2, 2, 2)) }
  expectStatus(await owner.post(`/api/meetings/${id}/turns`, batch), 200)
  assert.equal((await owner.post(`/api/meetings/${id}/turns`, batch)).body, { turns: 4 })
  expectStatus(await owner.post(`/api/meetings/${id}/turns`, { turns: [], undo: ['s2-1'] }), 200)
  assert.equal((await owner.post(`/api/meetings/${id}/turns`, batch)).body, { turns: 3 })
  assert.is((await owner.get(`/api/meetings/${id}`)).body.measures.turns, 3)
  assert.is(await rows(t, 'meeting_turns'), 4)
})

test('ISO times are accepted and stored as offsets from the start', async ({ t, owner, cid }) => {
  const { id, startedAt } = await meetingIn(owner, cid)
  t.clock.now += 5 * MIN
  const at = (ms: number) => new Date(Date.parse(startedAt) + ms).toISOString()
  expectStatus(
    await owner.post(`/api/meetings/${id}/turns`, {
      turns: [{ id: 'a', seat: 3, start: at(MIN), end: at(2 * MIN) }],
    }),
    200,
  )
  assert.equal((await owner.get(`/api/meetings/${id}`)).body.turns, [
    { id: 'a', seat: 3, start: MIN, end: 2 * MIN },
  ])
})

test('every bad turn is 422 with its path and the batch writes nothing', async ({
  t,
  owner,
  cid,
}) => {
  const { id } = await meetingIn(owner, cid)
  t.clock.now += 10 * MIN
  expectStatus(await owner.post(`/api/meetings/${id}/turns`, { turns: turnsFor(1, 1, 0) }), 200)
  const send = (turns: unknown[], undo?: string[]) =>
    owner.post(`/api/meetings/${id}/turns`, { turns, undo })
  const good = { id: 'ok', seat: 2, start: MIN }
  const cases: [unknown, string][] = [
    [{ id: 'x', seat: 0, start: MIN }, 'turns.1.seat'],
    [{ id: 'x', seat: 5, start: MIN }, 'turns.1.seat'],
    [{ id: 'x', seat: 1.5, start: MIN }, 'turns.1.seat'],
    [{ id: 'x', seat: 1, start: -1 }, 'turns.1.start'],
    [{ id: 'x', seat: 1, start: 3 * MIN, end: 2 * MIN }, 'turns.1.end'],
    [{ id: 'x', seat: 1, start: 12 * MIN }, 'turns.1.start'],
    [{ id: 'x', seat: 1, start: MIN, end: 12 * MIN }, 'turns.1.end'],
    [{ id: 'x', seat: 1, start: 'yesterday' }, 'turns.1.start'],
    [{ id: 'no spaces', seat: 1, start: MIN }, 'turns.1.id'],
    [{ id: 'ok', seat: 1, start: MIN }, 'turns.1.id'],
  ]
  for (const [turn, path] of cases) {
    const res = await send([good, turn])
    assertProblem(res, 422, [path])
  }
  assertProblem(await send([good], ['bad id!']), 422, ['undo.0'])
  assertProblem(
    await owner.post(`/api/meetings/${id}/turns`, {
      turns: Array.from({ length: 501 }, (_, i) => ({ ...good, id: `t${i}` })),
    }),
    422,
    ['turns'],
  )
  assertProblem(await owner.post(`/api/meetings/${id}/turns`, '{"turns": ['), 400)
  assert.is(await rows(t, 'meeting_turns'), 1)
  assert.equal(
    (await owner.get(`/api/meetings/${id}`)).body.turns.map((x: any) => x.id),
    ['s1-0'],
  )
})

test('ending: bad ends are 422; turns after the end are refused, a late offline batch timed before it is accepted', async ({
  t,
  owner,
  cid,
}) => {
  const { id } = await meetingIn(owner, cid)
  t.clock.now += 30 * MIN
  expectStatus(await owner.post(`/api/meetings/${id}/turns`, { turns: turnsFor(1, 1, 10) }), 200)
  const end = (body: unknown) => owner.post(`/api/meetings/${id}/end`, body)
  assertProblem(await end({ end: -5 }), 422, ['end'])
  assertProblem(await end({ end: 5 * MIN }), 422, ['end']) // before the recorded turn ends at 11 min
  assertProblem(await end({ end: 60 * MIN }), 422, ['end']) // in the future
  assert.is((await owner.get(`/api/meetings/${id}`)).body.status, 'running')

  const ended = await end({ end: 20 * MIN })
  assert.is(ended.status, 200)
  assert.is(ended.body.status, 'ended')
  assert.is(ended.body.endedAt, new Date(Date.parse(ended.body.startedAt) + 20 * MIN).toISOString())
  assert.is(ended.body.measures.turns, 1)
  // Ending again answers the same and changes nothing.
  assert.is((await end({ end: 25 * MIN })).body.endedAt, ended.body.endedAt)

  t.clock.now += 60 * MIN
  const offline = [...turnsFor(2, 2, 12), ...turnsFor(3, 1, 14)]
  assert.equal((await owner.post(`/api/meetings/${id}/turns`, { turns: offline })).body, {
    turns: 4,
  })
  assertProblem(
    await owner.post(`/api/meetings/${id}/turns`, {
      turns: [{ id: 'late', seat: 1, start: 19 * MIN, end: 21 * MIN }],
    }),
    422,
    ['turns.0.end'],
  )
  assertProblem(
    await owner.post(`/api/meetings/${id}/turns`, {
      turns: [{ id: 'late', seat: 1, start: 21 * MIN }],
    }),
    422,
    ['turns.0.start'],
  )
  const m = (await owner.get(`/api/meetings/${id}`)).body.measures
  assert.is(m.turns, 4)
  assert.is(m.turnsPerMinute, 4 / 20)
})

test('list newest first with balance; trend and CSV hold ended meetings in order', async ({
  t,
  owner,
  cid,
}) => {
  const a = await meetingIn(owner, cid, { title: '=Kick-off', seats: 4 })
  t.clock.now += 10 * MIN
  expectStatus(
    await owner.post(`/api/meetings/${a.id}/turns`, {
      turns: [...turnsFor(1, 3, 0), ...turnsFor(2, 3, 3), ...turnsFor(3, 3, 6)],
    }),
    200,
  )
  expectStatus(await owner.post(`/api/meetings/${a.id}/end`, {}), 200)
  const b = await meetingIn(owner, cid, { title: 'Weekly', seats: 2 })
  t.clock.now += 10 * MIN
  expectStatus(
    await owner.post(`/api/meetings/${b.id}/turns`, {
      turns: [...turnsFor(1, 2, 0), ...turnsFor(2, 2, 2)],
    }),
    200,
  )
  expectStatus(await owner.post(`/api/meetings/${b.id}/end`, { end: 5 * MIN }), 200)
  const running = await meetingIn(owner, cid, { title: 'Now', seats: 3 })

  const list = (await owner.get(`/api/communities/${cid}/meetings`)).body
  assert.equal(
    list.map((m: any) => m.id),
    [running.id, b.id, a.id],
  )
  assert.equal(list[2].measures, {
    turns: 9,
    basis: 'time',
    gini: 0.25,
    entropy: Math.log(3) / Math.log(4),
    topTwoShare: 6 / 9,
    silentSeats: 1,
    balance: 'uneven',
    summary: '3 of 4 seats took 100% of speaking time; 1 seat never spoke.',
  })
  assert.equal(list[0].measures.gini, null)

  const trend = (await owner.get(`/api/communities/${cid}/meetings/trend`)).body
  assert.equal(
    trend.meetings.map((m: any) => [m.id, m.gini, m.silentSeats, m.turnsPerMinute]),
    [
      [a.id, 0.25, 1, 0.9],
      [b.id, 0, 0, 0.8],
    ],
  )

  const csv = await owner.get(`/api/communities/${cid}/meetings/trend.csv`)
  assert.is(csv.headers.get('content-type'), 'text/csv; charset=utf-8')
  const lines = csv.text.split('\r\n')
  assert.is(
    lines[0],
    'meeting_id,title,started_at,ended_at,seats,turns,basis,gini,entropy,top_two_share,silent_seats,turns_per_minute',
  )
  assert.is(
    lines[1],
    [
      a.id,
      "'=Kick-off",
      a.startedAt,
      trend.meetings[0].endedAt,
      4,
      9,
      'time',
      0.25,
      Math.log(3) / Math.log(4),
      6 / 9,
      1,
      0.9,
    ].join(','),
  )
  assert.is(lines[2].split(',')[7], '0')
  assert.is(lines.length, 4)
  assert.is(lines[3], '')
})

test('deleting the community deletes its meetings and turns', async ({ t, owner, cid }) => {
  const { id } = await meetingIn(owner, cid)
  t.clock.now += MIN
  expectStatus(await owner.post(`/api/meetings/${id}/turns`, { turns: turnsFor(1, 1, 0) }), 200)
  expectStatus(await owner.delete(`/api/communities/${cid}`), 204)
  assert.is(await rows(t, 'meetings'), 0)
  assert.is(await rows(t, 'meeting_turns'), 0)
})

test.run()

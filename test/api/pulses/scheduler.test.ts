import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import {
  communityWith,
  DAY,
  inDays,
  pulseOf,
  rows,
  signInAgain,
  surveyIn,
  teamMembers,
} from '../../helpers/fixtures'
import { setupOwner, type Agent } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent }>('scheduler')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
})

const idle = { created: 0, opened: 0, skipped: 0, closed: 0 }

/** A survey of a community with `members` members, scheduled as given. */
async function scheduled(
  owner: Agent,
  members: number,
  schedule: { cadence: string; startsAt: string; durationDays: number },
) {
  const community = await communityWith(owner, { members })
  const survey = await surveyIn(owner, community.id)
  const res = await owner.put(`/api/surveys/${survey.id}/schedule`, schedule)
  assert.is(res.status, 200)
  return { community, survey }
}

const pulsesOf = async (owner: Agent, sid: string) =>
  (await owner.get(`/api/surveys/${sid}/pulses`)).body

test('a due schedule creates and opens its pulse once, even when the scheduler runs twice', async ({
  t,
  owner,
}) => {
  const startsAt = inDays(t, 1)
  const { survey } = await scheduled(owner, 5, { cadence: 'weekly', startsAt, durationDays: 3 })
  assert.equal(await runScheduler(t.deps), idle)
  assert.equal(await pulsesOf(owner, survey.id), [])
  t.clock.now += DAY
  assert.equal(await runScheduler(t.deps), { ...idle, created: 1, opened: 1 })
  assert.equal(await runScheduler(t.deps), idle)
  const [pulse, ...others] = await pulsesOf(owner, survey.id)
  assert.equal(others, [])
  assert.equal(
    [pulse.status, pulse.opensAt, pulse.closesAt, pulse.eligible],
    ['open', startsAt, inDays(t, 3), 5],
  )
  assert.is((await owner.get(`/api/surveys/${survey.id}/schedule`)).body.nextOpensAt, inDays(t, 7))
})

test('two ticks running at once still make one pulse', async ({ t, owner }) => {
  const { survey } = await scheduled(owner, 5, {
    cadence: 'weekly',
    startsAt: inDays(t, 0),
    durationDays: 3,
  })
  await Promise.all([runScheduler(t.deps), runScheduler(t.deps)])
  assert.equal(
    (await pulsesOf(owner, survey.id)).map((p: any) => p.status),
    ['open'],
  )
  assert.is(await rows(t, 'pulse_keys'), 1)
})

test('advancing the clock past closesAt closes the pulse', async ({ t, owner }) => {
  const { survey } = await scheduled(owner, 5, {
    cadence: 'weekly',
    startsAt: inDays(t, 0),
    durationDays: 2,
  })
  await runScheduler(t.deps)
  t.clock.now += 2 * DAY - 1
  assert.equal(await runScheduler(t.deps), idle)
  t.clock.now += 1
  assert.equal(await runScheduler(t.deps), { ...idle, closed: 1 })
  assert.equal(
    (await pulsesOf(owner, survey.id)).map((p: any) => [p.status, p.responded]),
    // Nobody answered: the overall group is suppressed, and so is its count.
    [['closed', null]],
  )
  assert.equal(await runScheduler(t.deps), idle)
})

test('with too few members the pulse becomes skipped with a readable reason', async ({
  t,
  owner,
}) => {
  const { survey } = await scheduled(owner, 4, {
    cadence: 'weekly',
    startsAt: inDays(t, 0),
    durationDays: 3,
  })
  assert.equal(await runScheduler(t.deps), { ...idle, created: 1, skipped: 1 })
  const [pulse] = await pulsesOf(owner, survey.id)
  assert.is(pulse.status, 'skipped')
  assert.is(pulse.reason, 'Only 4 members are eligible; a pulse needs at least 5.')
  assert.is(await rows(t, 'pulse_members'), 0)
  assert.equal(await runScheduler(t.deps), idle)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.status, 'skipped')
})

test('a pulse created with a future opensAt opens when its time comes', async ({ t, owner }) => {
  const community = await communityWith(owner, { members: 5 })
  const survey = await surveyIn(owner, community.id)
  const pulse = await pulseOf(owner, survey.id, 5, inDays(t, 2))
  await owner.post(`/api/communities/${community.id}/members`, {
    members: [{ email: 'late@example.org' }],
  })
  t.clock.now += 2 * DAY - 1
  assert.equal(await runScheduler(t.deps), idle)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.status, 'scheduled')
  t.clock.now += 1
  assert.equal(await runScheduler(t.deps), { ...idle, opened: 1 })
  const opened = (await owner.get(`/api/pulses/${pulse.id}`)).body
  assert.equal([opened.status, opened.eligible, opened.opensAt], ['open', 6, inDays(t, 0)])
})

test("the pulse copies the community's settings when it opens, not when it was scheduled", async ({
  t,
  owner,
}) => {
  const { community, survey } = await scheduled(owner, 5, {
    cadence: 'weekly',
    startsAt: inDays(t, 1),
    durationDays: 3,
  })
  await owner.patch(`/api/communities/${community.id}`, {
    minGroupSize: 3,
    minCommentGroupSize: 6,
    privacyMode: 'noise',
    epsilon: 2,
  })
  t.clock.now += DAY
  await runScheduler(t.deps)
  const [pulse] = await pulsesOf(owner, survey.id)
  assert.equal(
    [pulse.minGroupSize, pulse.minCommentGroupSize, pulse.privacyMode, pulse.epsilon],
    [3, 6, 'noise', 2],
  )
})

test('a pulse whose closing time passed before any tick is skipped; missed occurrences are not replayed', async ({
  t,
  owner,
}) => {
  const { survey } = await scheduled(owner, 5, {
    cadence: 'weekly',
    startsAt: inDays(t, 0),
    durationDays: 3,
  })
  t.clock.now += 15 * DAY
  await signInAgain(owner)
  assert.equal(await runScheduler(t.deps), { ...idle, created: 1, skipped: 1 })
  const [pulse, ...others] = await pulsesOf(owner, survey.id)
  assert.equal(others, [])
  assert.equal([pulse.status, typeof pulse.reason], ['skipped', 'string'])
  assert.is((await owner.get(`/api/surveys/${survey.id}/schedule`)).body.nextOpensAt, inDays(t, 6))
})

test('monthly cadence steps month by month, keeping the day or taking the month’s last day', async ({
  t,
  owner,
}) => {
  const startsAt = '2026-03-31T09:00:00.000Z'
  const { survey } = await scheduled(owner, 5, { cadence: 'monthly', startsAt, durationDays: 28 })
  const expected = [
    startsAt,
    '2026-04-30T09:00:00.000Z',
    '2026-05-31T09:00:00.000Z',
    '2026-06-30T09:00:00.000Z',
  ]
  for (const [i, opensAt] of expected.slice(0, 3).entries()) {
    t.clock.now = Date.parse(opensAt)
    await signInAgain(owner)
    const report = await runScheduler(t.deps)
    assert.equal(report, { ...idle, created: 1, opened: 1, closed: i === 0 ? 0 : 1 }, opensAt)
    assert.is(
      (await owner.get(`/api/surveys/${survey.id}/schedule`)).body.nextOpensAt,
      expected[i + 1],
    )
  }
  const pulses = await pulsesOf(owner, survey.id)
  assert.equal(
    pulses.map((p: any) => [p.opensAt, p.closesAt, p.status]),
    [
      [expected[2], '2026-06-28T09:00:00.000Z', 'open'],
      [expected[1], '2026-05-28T09:00:00.000Z', 'closed'],
      [expected[0], '2026-04-28T09:00:00.000Z', 'closed'],
    ],
  )
})

test('keys left unmade by a restart are finished by the next tick, which opens the pulse', async () => {
  const t = await testApp({ inlineKeyLimit: 1, background: () => {} })
  const owner = await setupOwner(t)
  const community = await communityWith(owner, {
    attributes: ['team'],
    members: teamMembers(2, 5),
    joined: true,
  })
  const survey = await surveyIn(owner, community.id)
  const pulse = await pulseOf(owner, survey.id)
  assert.equal([pulse.status, (pulse as any).reason], ['scheduled', 'preparing keys'])
  await runScheduler(t.deps)
  const got = (await owner.get(`/api/pulses/${pulse.id}`)).body
  assert.equal([got.status, got.reason, got.eligible], ['open', undefined, 10])
})

test('an occurrence overlapping a manually opened pulse is stored skipped with the reason; the next one opens normally', async ({
  t,
  owner,
}) => {
  // Weekly from day 2 for 3 days: [2, 5), [9, 12), … The organizer opens one by hand for [0, 4).
  const { survey } = await scheduled(owner, 5, {
    cadence: 'weekly',
    startsAt: inDays(t, 2),
    durationDays: 3,
  })
  const manual = await pulseOf(owner, survey.id, 4)
  assert.is(manual.status, 'open')
  t.clock.now += 2 * DAY
  assert.is((await runScheduler(t.deps)).created, 1)
  const [occurrence, ...others] = (await pulsesOf(owner, survey.id)).filter(
    (p: any) => p.id !== manual.id,
  )
  assert.equal(others, [])
  assert.equal(
    [occurrence.status, occurrence.reason, occurrence.opensAt, occurrence.closesAt],
    [
      'skipped',
      'Another open or scheduled pulse of this survey covers this time.',
      inDays(t, 0),
      inDays(t, 3),
    ],
  )
  assert.is(await rows(t, 'pulse_keys'), 1, 'keys of the manual pulse only')
  assert.is((await owner.get(`/api/pulses/${manual.id}`)).body.status, 'open')
  assert.is((await owner.get(`/api/surveys/${survey.id}/schedule`)).body.nextOpensAt, inDays(t, 7))
  assert.equal(await runScheduler(t.deps), idle)

  // The manual pulse closes on day 4; the skipped occurrence takes no window, so a pulse may open in it.
  t.clock.now += 2 * DAY
  assert.equal(await runScheduler(t.deps), { ...idle, closed: 1 })
  const inSkipped = await pulseOf(owner, survey.id, 0.5)
  assert.is(inSkipped.status, 'open')
  t.clock.now += DAY
  assert.equal(await runScheduler(t.deps), { ...idle, closed: 1 })

  // Day 9: the next occurrence is created and opens as usual.
  t.clock.now += 4 * DAY
  assert.equal(await runScheduler(t.deps), { ...idle, created: 1, opened: 1 })
  const [next] = await pulsesOf(owner, survey.id)
  assert.equal(
    [next.status, next.reason, next.opensAt, next.closesAt, next.eligible],
    ['open', undefined, inDays(t, 0), inDays(t, 3), 5],
  )
  assert.equal(
    (await pulsesOf(owner, survey.id)).map((p: any) => [p.id, p.status]),
    [
      [next.id, 'open'],
      [inSkipped.id, 'closed'],
      [occurrence.id, 'skipped'],
      [manual.id, 'closed'],
    ],
  )
})

test.run()

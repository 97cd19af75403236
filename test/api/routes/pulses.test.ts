import { eq } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pulses } from '../../../schema'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  DAY,
  inDays,
  pulseOf,
  rows,
  surveyIn,
  teammate,
  teamMembers,
  type CommunityOptions,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent }>('pulses')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
})

/** A community with these options and a survey of it. */
async function surveyWith(owner: Agent, options: CommunityOptions) {
  const community = await communityWith(owner, options)
  return { community, survey: await surveyIn(owner, community.id) }
}

const open = (agent: Agent, sid: string, body: object) =>
  agent.post(`/api/surveys/${sid}/pulses`, body)

test("opening now answers an open pulse with its eligible count and the community's settings", async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, {
    members: 6,
    minGroupSize: 3,
    minCommentGroupSize: 6,
    privacyMode: 'noise',
    epsilon: 0.5,
  })
  const closesAt = inDays(t, 7)
  const res = await open(owner, survey.id, { closesAt })
  assert.is(res.status, 201)
  assert.equal(res.body, {
    id: res.body.id,
    surveyId: survey.id,
    status: 'open',
    opensAt: new Date(t.clock.now).toISOString(),
    closesAt,
    eligible: 6,
    joined: 0,
    responded: 0,
    minGroupSize: 3,
    minCommentGroupSize: 6,
    privacyMode: 'noise',
    epsilon: 0.5,
    shared: false,
    fingerprint: res.body.fingerprint,
  })
  assert.match(res.body.fingerprint, /^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/)
  assert.is(await rows(t, 'pulse_members'), 6)
})

test('a later PATCH of the community does not change an opened pulse', async ({ owner }) => {
  const { community, survey } = await surveyWith(owner, { members: 5 })
  const pulse = await pulseOf(owner, survey.id)
  const patched = await owner.patch(`/api/communities/${community.id}`, {
    minGroupSize: 3,
    minCommentGroupSize: 5,
    privacyMode: 'noise',
    epsilon: 3,
  })
  assert.is(patched.status, 200)
  const got = await owner.get(`/api/pulses/${pulse.id}`)
  assert.equal(got.body, pulse)
  assert.equal((await owner.get(`/api/surveys/${survey.id}/pulses`)).body, [pulse])
})

test('with fewer eligible members than minGroupSize opening is 422 and writes nothing', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { members: 4 })
  const res = await open(owner, survey.id, { closesAt: inDays(t, 7) })
  assertProblem(res, 422)
  assert.match(res.body.detail, /4 members/)
  for (const table of ['pulses', 'pulse_keys', 'pulse_members'])
    assert.is(await rows(t, table), 0, table)
  assert.equal((await owner.get(`/api/surveys/${survey.id}/pulses`)).body, [])
})

test('closesAt not after opensAt is 422 at closesAt and writes nothing', async ({ t, owner }) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  assertProblem(await open(owner, survey.id, { closesAt: inDays(t, 0) }), 422, ['closesAt'])
  assertProblem(await open(owner, survey.id, { closesAt: inDays(t, -1) }), 422, ['closesAt'])
  assertProblem(
    await open(owner, survey.id, { opensAt: inDays(t, 2), closesAt: inDays(t, 2) }),
    422,
    ['closesAt'],
  )
  assertProblem(
    await open(owner, survey.id, { opensAt: inDays(t, 3), closesAt: inDays(t, 2) }),
    422,
    ['closesAt'],
  )
  assertProblem(await open(owner, survey.id, { closesAt: 'next friday' }), 422, ['closesAt'])
  assertProblem(await open(owner, survey.id, {}), 422, ['closesAt'])
  assert.is(await rows(t, 'pulses'), 0)
})

test('a future opensAt makes a scheduled pulse; any offset is accepted, answers are UTC', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const opensAt = new Date(t.clock.now + 2 * 86_400_000)
  const local = opensAt.toISOString().replace('T09:00:00.000Z', 'T11:00:00+02:00')
  const res = await open(owner, survey.id, { opensAt: local, closesAt: inDays(t, 9) })
  assert.is(res.status, 201)
  assert.equal(
    [res.body.status, res.body.opensAt, res.body.closesAt],
    ['scheduled', opensAt.toISOString(), inDays(t, 9)],
  )
  assert.not.ok('reason' in res.body)
  assert.is(await rows(t, 'pulse_members'), 0)
})

test('the list shows every pulse, newest first, with eligible and responded (0 while open)', async ({
  t,
  owner,
}) => {
  const { community, survey } = await surveyWith(owner, { members: 5 })
  const first = await pulseOf(owner, survey.id, 1)
  await owner.post(`/api/pulses/${first.id}/close`)
  await owner.post(`/api/communities/${community.id}/members`, {
    members: [{ email: 'late@example.org' }],
  })
  t.clock.now += 86_400_000
  const second = await pulseOf(owner, survey.id, 7)
  const res = await owner.get(`/api/surveys/${survey.id}/pulses`)
  assert.is(res.status, 200)
  assert.equal(
    res.body.map((p: any) => [p.id, p.status, p.eligible, p.responded]),
    [
      [second.id, 'open', 6, 0],
      // Closed with no respondents: the overall group is suppressed, so is its count.
      [first.id, 'closed', 5, null],
    ],
  )
})

test('close is idempotent: two closes answer 200 with status closed', async ({ owner, t }) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const pulse = await pulseOf(owner, survey.id)
  t.clock.now += 3600_000
  const one = await owner.post(`/api/pulses/${pulse.id}/close`)
  t.clock.now += 3600_000
  const two = await owner.post(`/api/pulses/${pulse.id}/close`)
  assert.equal([one.status, two.status], [200, 200])
  // Closed early, it shows when it really closed; the second close changes nothing.
  const closedAt = new Date(Date.parse(pulse.opensAt) + 3600_000).toISOString()
  assert.equal(one.body, { ...pulse, status: 'closed', responded: null, closesAt: closedAt })
  assert.equal(two.body, one.body)
  assert.equal((await owner.get(`/api/pulses/${pulse.id}`)).body, one.body)
})

test('share is 409 until the pulse has closed; then share and unshare', async ({ owner }) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const pulse = await pulseOf(owner, survey.id)
  assertProblem(await owner.post(`/api/pulses/${pulse.id}/share`), 409)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.shared, false)
  await owner.post(`/api/pulses/${pulse.id}/close`)
  const shared = await owner.post(`/api/pulses/${pulse.id}/share`)
  assert.is(shared.status, 200)
  assert.equal(shared.body, {
    ...pulse,
    status: 'closed',
    responded: null,
    shared: true,
    closesAt: pulse.opensAt,
  })
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.shared, true)
  const unshared = await owner.delete(`/api/pulses/${pulse.id}/share`)
  assert.is(unshared.status, 200)
  assert.equal(unshared.body, { ...shared.body, shared: false })
  assert.is((await owner.get(`/api/surveys/${survey.id}/pulses`)).body[0].shared, false)
})

test('viewers read pulses but may not open, close or share them (403)', async ({ t, owner }) => {
  const { community, survey } = await surveyWith(owner, { members: 5 })
  const pulse = await pulseOf(owner, survey.id)
  const viewer = await teammate(owner, community.id, 'viewer')
  assert.equal((await viewer.get(`/api/surveys/${survey.id}/pulses`)).body, [pulse])
  assertProblem(await open(viewer, survey.id, { closesAt: inDays(t, 7) }), 403)
  assertProblem(await viewer.post(`/api/pulses/${pulse.id}/close`), 403)
  assertProblem(await viewer.post(`/api/pulses/${pulse.id}/share`), 403)
  assertProblem(await viewer.delete(`/api/pulses/${pulse.id}/share`), 403)
  assert.equal((await owner.get(`/api/pulses/${pulse.id}`)).body, pulse)
  assert.is(await rows(t, 'pulses'), 1)
})

test('pulse routes answer 401 without a session', async ({ t, owner }) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const pulse = await pulseOf(owner, survey.id)
  const anonymous = new Agent(t)
  assertProblem(await open(anonymous, survey.id, { closesAt: inDays(t, 7) }), 401)
  assertProblem(await anonymous.get(`/api/surveys/${survey.id}/pulses`), 401)
  assertProblem(await anonymous.post(`/api/pulses/${pulse.id}/close`), 401)
  assertProblem(await anonymous.post(`/api/pulses/${pulse.id}/share`), 401)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.status, 'open')
})

test('removed members are not eligible', async ({ t, owner }) => {
  const { community, survey } = await surveyWith(owner, { members: 6 })
  await owner.delete(`/api/communities/${community.id}/members/${community.members[0].id}`)
  assert.is((await pulseOf(owner, survey.id)).eligible, 5)
  await owner.delete(`/api/communities/${community.id}/members/${community.members[1].id}`)
  assertProblem(await open(owner, survey.id, { closesAt: inDays(t, 7) }), 422)
})

test('an open pulse keeps its snapshot when a member is removed', async ({ owner }) => {
  const { community, survey } = await surveyWith(owner, { members: 5 })
  const pulse = await pulseOf(owner, survey.id)
  await owner.delete(`/api/communities/${community.id}/members/${community.members[0].id}`)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.eligible, 5)
})

test('with more than 10 cohorts the pulse is scheduled, "preparing keys", and opens once they exist', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, {
    attributes: ['team'],
    members: teamMembers(11, 5),
    joined: true,
  })
  const res = await open(owner, survey.id, { closesAt: inDays(t, 7) })
  assert.is(res.status, 201)
  assert.equal(
    [res.body.status, res.body.reason, res.body.eligible, res.body.fingerprint],
    ['scheduled', 'preparing keys', 55, null],
  )
  assert.is(await rows(t, 'pulse_keys'), 11)
  await Promise.all(t.tasks)
  const { reason, ...preparing } = res.body
  const opened = (await owner.get(`/api/pulses/${res.body.id}`)).body
  assert.equal(opened, { ...preparing, status: 'open', fingerprint: opened.fingerprint })
  assert.match(opened.fingerprint, /^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/)
})

test('a pulse still preparing its keys has opened: its survey’s questions are fixed (409)', async () => {
  const t = await testApp({ inlineKeyLimit: 2 })
  const owner = await setupOwner(t)
  const { survey } = await surveyWith(owner, {
    attributes: ['team'],
    members: teamMembers(3, 5),
    joined: true,
  })
  const res = await open(owner, survey.id, { closesAt: inDays(t, 7) })
  assert.equal([res.body.status, res.body.reason], ['scheduled', 'preparing keys'])
  assertProblem(
    await owner.patch(`/api/surveys/${survey.id}`, {
      questions: [{ kind: 'yesno', prompt: 'Changed?' }],
    }),
    409,
  )
  await Promise.all(t.tasks)
  assert.is((await owner.get(`/api/pulses/${res.body.id}`)).body.status, 'open')
})

// API.md "Surveys and pulses": 409 (after the 422s) when another open or scheduled pulse of the
// survey overlaps [opensAt, closesAt); closed and skipped pulses no longer take their window.

const OVERLAP = 'Another open or scheduled pulse of this survey covers this time.'

/** Rows of the tables opening a pulse writes to. */
const pulseTables = async (t: TestApp) => ({
  pulses: await rows(t, 'pulses'),
  pulse_keys: await rows(t, 'pulse_keys'),
  pulse_members: await rows(t, 'pulse_members'),
  outbox: await rows(t, 'outbox'),
})

/** Asserts the overlap problem: 409, problem+json, the reason as detail. */
function assertOverlap(res: Awaited<ReturnType<typeof open>>, what: string) {
  assertProblem(res, 409)
  assert.is(res.body.detail, OVERLAP, what)
}

test('a pulse overlapping an open pulse of the same survey is 409 and writes nothing', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const first = await pulseOf(owner, survey.id, 7)
  assert.is(first.status, 'open')
  const before = await pulseTables(t)
  const cases: [string, object][] = [
    ['opening now, closing earlier', { closesAt: inDays(t, 3) }],
    ['opening now, closing later', { closesAt: inDays(t, 30) }],
    ['scheduled to start inside its window', { opensAt: inDays(t, 6), closesAt: inDays(t, 9) }],
    ['scheduled inside its window', { opensAt: inDays(t, 1), closesAt: inDays(t, 2) }],
  ]
  for (const [what, body] of cases) assertOverlap(await open(owner, survey.id, body), what)
  assert.equal(await pulseTables(t), before)
  assert.equal(
    (await owner.get(`/api/surveys/${survey.id}/pulses`)).body.map((p: any) => [p.id, p.status]),
    [[first.id, 'open']],
  )
})

test('a pulse overlapping a scheduled pulse of the same survey is 409 too', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const scheduled = await pulseOf(owner, survey.id, 10, inDays(t, 5))
  assert.is(scheduled.status, 'scheduled')
  const before = await pulseTables(t)
  const cases: [string, object][] = [
    ['ending inside it', { opensAt: inDays(t, 4), closesAt: inDays(t, 6) }],
    ['starting inside it', { opensAt: inDays(t, 9), closesAt: inDays(t, 12) }],
    ['inside it', { opensAt: inDays(t, 6), closesAt: inDays(t, 8) }],
    ['around it', { opensAt: inDays(t, 4), closesAt: inDays(t, 11) }],
    ['the same window', { opensAt: inDays(t, 5), closesAt: inDays(t, 10) }],
    ['opening now, into it', { closesAt: inDays(t, 6) }],
  ]
  for (const [what, body] of cases) assertOverlap(await open(owner, survey.id, body), what)
  assert.equal(await pulseTables(t), before)
})

test('adjacent windows are fine: a pulse may open exactly when the previous one closes', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const first = await pulseOf(owner, survey.id, 3)
  // After an open one, after a scheduled one, and before a scheduled one.
  const second = await pulseOf(owner, survey.id, 6, first.closesAt)
  const fourth = await pulseOf(owner, survey.id, 12, inDays(t, 9))
  const third = await pulseOf(owner, survey.id, 9, second.closesAt)
  assert.equal(
    [first, second, third, fourth].map((p) => p.status),
    ['open', 'scheduled', 'scheduled', 'scheduled'],
  )
  assert.equal(
    [second.opensAt, third.opensAt, third.closesAt],
    [first.closesAt, second.closesAt, fourth.opensAt],
  )
  assert.is(await rows(t, 'pulses'), 4)
})

test('a pulse of another survey may overlap', async ({ t, owner }) => {
  const { community, survey } = await surveyWith(owner, { members: 5 })
  const other = await surveyIn(owner, community.id, 'Another check-in')
  const one = await pulseOf(owner, survey.id, 7)
  const two = await pulseOf(owner, other.id, 7)
  assert.equal([one.status, two.status], ['open', 'open'])
  const later = await pulseOf(owner, survey.id, 12, inDays(t, 8))
  const alongside = await pulseOf(owner, other.id, 12, inDays(t, 8))
  assert.equal([later.status, alongside.status], ['scheduled', 'scheduled'])
  assert.is(await rows(t, 'pulses'), 4)
})

test('once an open or scheduled pulse is closed early, a new one may take its window', async ({
  t,
  owner,
}) => {
  const { survey } = await surveyWith(owner, { members: 5 })
  const first = await pulseOf(owner, survey.id, 7)
  const planned = await pulseOf(owner, survey.id, 12, inDays(t, 10))
  t.clock.now += DAY
  assertOverlap(await open(owner, survey.id, { closesAt: inDays(t, 5) }), 'while it is open')
  assert.is((await owner.post(`/api/pulses/${first.id}/close`)).status, 200)
  const next = await pulseOf(owner, survey.id, 5)
  assert.is(next.status, 'open')
  // A scheduled pulse closed before it opened frees its window too.
  assertOverlap(
    await open(owner, survey.id, { opensAt: inDays(t, 9), closesAt: inDays(t, 11) }),
    'while it is scheduled',
  )
  assert.is((await owner.post(`/api/pulses/${planned.id}/close`)).body.status, 'closed')
  assert.is((await pulseOf(owner, survey.id, 11, inDays(t, 9))).status, 'scheduled')
  assert.is(await rows(t, 'pulses'), 4)
})

test('the 422s come before the 409: an invalid or unopenable overlapping pulse is 422', async ({
  t,
  owner,
}) => {
  const { community, survey } = await surveyWith(owner, { members: 5 })
  await pulseOf(owner, survey.id, 7)
  const before = await pulseTables(t)
  assertProblem(
    await open(owner, survey.id, { opensAt: inDays(t, 2), closesAt: inDays(t, 2) }),
    422,
    ['closesAt'],
  )
  assertProblem(
    await open(owner, survey.id, { opensAt: inDays(t, 3), closesAt: inDays(t, 2) }),
    422,
    ['closesAt'],
  )
  assertProblem(await open(owner, survey.id, { closesAt: inDays(t, -1) }), 422, ['closesAt'])
  assertProblem(await open(owner, survey.id, {}), 422, ['closesAt'])
  // Too few eligible members to open now, inside the open pulse's window: 422, not 409.
  await owner.delete(`/api/communities/${community.id}/members/${community.members[0].id}`)
  const unopenable = await open(owner, survey.id, { closesAt: inDays(t, 3) })
  assertProblem(unopenable, 422)
  assert.match(unopenable.body.detail, /4 members/)
  assert.equal(await pulseTables(t), before)
})

test('the database refuses an overlapping pulse even when the route is bypassed', async ({
  t,
  owner,
}) => {
  const { db } = t.deps
  const { survey } = await surveyWith(owner, { members: 5 })
  const first = await pulseOf(owner, survey.id, 7)
  const [row] = await db.select().from(pulses).where(eq(pulses.id, first.id))
  const refusal = async (write: Promise<unknown>) => {
    try {
      await write
    } catch (error) {
      return [error, (error as { cause?: unknown }).cause]
        .map((e) => String((e as Error)?.message ?? ''))
        .join(' | ')
    }
    return undefined
  }
  for (const status of ['open', 'scheduled'] as const) {
    const id = `overlapping-${status}`
    const message = await refusal(
      db
        .insert(pulses)
        .values({ ...row, id, status, opensAt: row.opensAt + DAY, closesAt: row.closesAt + DAY }),
    )
    assert.ok(message, `an overlapping ${status} row was stored`)
    assert.match(message!, /pulse overlap/)
    assert.equal(await db.select().from(pulses).where(eq(pulses.id, id)), [], `no ${status} row`)
  }
  // Closed and skipped rows take no window; moving a scheduled one into the open one's is refused.
  for (const status of ['closed', 'skipped'] as const)
    await db.insert(pulses).values({ ...row, id: `in-window-${status}`, status })
  await db.insert(pulses).values({
    ...row,
    id: 'later',
    status: 'scheduled',
    opensAt: row.closesAt,
    closesAt: row.closesAt + DAY,
  })
  const moved = await refusal(
    db
      .update(pulses)
      .set({ opensAt: row.opensAt + DAY })
      .where(eq(pulses.id, 'later')),
  )
  assert.match(moved ?? '', /pulse overlap/)
  const [later] = await db.select().from(pulses).where(eq(pulses.id, 'later'))
  assert.is(later.opensAt, row.closesAt)
  assert.is(await rows(t, 'pulses'), 4)
})

test.run()

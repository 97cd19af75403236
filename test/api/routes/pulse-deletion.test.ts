// DELETE /api/pulses/:pid (docs/api.md): an accidental pulse goes with every row of it, while it
// is scheduled or skipped, or once closed when nobody was counted; a pulse members may answer, or
// whose results were released, stays whole.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { deletePulse } from '../../../api/pulses/delete'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, DAY, inDays, outsider, teammate } from '../../helpers/fixtures'
import type { Agent } from '../../helpers/http'
import {
  answerPulse,
  openPulseWithMembers,
  query,
  validAnswers,
  type OpenedPulse,
} from '../../helpers/protocol'

const test = suite<{ t: TestApp }>('pulse deletion')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

// Every table that holds rows of a pulse.
const tables = [
  'pulse_members',
  'pulse_keys',
  'token_issuances',
  'spent_tokens',
  'responses',
  'comments',
  'cohort_histograms',
  'released_views',
  'pulse_notices',
  'outbox',
]

/** How many rows of `pulseId` each table holds (tables without any are left out). */
async function rowsOf(t: TestApp, pulseId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of [...tables, 'pulses']) {
    const column = table === 'pulses' ? 'id' : 'pulse_id'
    const [row] = await query(t, `select count(*) as n from ${table} where ${column} = ?`, [
      pulseId,
    ])
    if (Number(row.n)) out[table] = Number(row.n)
  }
  return out
}

/** An open pulse of six joined members (k = 5), answered by `answers` of them, then closed. */
async function closedAfter(t: TestApp, answers: number, owner?: Agent): Promise<OpenedPulse> {
  const opened = await openPulseWithMembers(t, { members: 6, owner })
  for (const [i, m] of opened.members.slice(0, answers).entries()) {
    const { reply } = await answerPulse(
      t,
      opened.pulse.id,
      m.memberKey!,
      validAnswers(opened.survey.questions, i),
    )
    assert.is(reply.status, 201)
  }
  assert.is((await opened.owner.post(`/api/pulses/${opened.pulse.id}/close`)).status, 200)
  return opened
}

const remove = (agent: Agent, pid: string) => agent.delete(`/api/pulses/${pid}`)

async function assertDeleted(t: TestApp, owner: Agent, pid: string) {
  const res = await remove(owner, pid)
  assert.is(res.status, 204)
  assert.is(res.text, '')
  assert.equal(await rowsOf(t, pid), {})
  assertProblem(await owner.get(`/api/pulses/${pid}`), 404)
}

test('a scheduled pulse is deleted with its row and nothing else of the survey', async ({ t }) => {
  const { owner, survey, pulse: open } = await openPulseWithMembers(t, { members: 6 })
  const later = await owner.post(`/api/surveys/${survey.id}/pulses`, {
    opensAt: inDays(t, 10),
    closesAt: inDays(t, 12),
  })
  assert.is(later.body.status, 'scheduled')
  const before = await rowsOf(t, open.id)
  await assertDeleted(t, owner, later.body.id)
  assert.equal(await rowsOf(t, open.id), before)
  const list = await owner.get(`/api/surveys/${survey.id}/pulses`)
  assert.equal(
    list.body.map((p: { id: string }) => p.id),
    [open.id],
  )
})

test('a skipped pulse is deleted', async ({ t }) => {
  const { owner, survey, community, members } = await openPulseWithMembers(t, { members: 5 })
  const later = await owner.post(`/api/surveys/${survey.id}/pulses`, {
    opensAt: inDays(t, 10),
    closesAt: inDays(t, 12),
  })
  // With one member removed, too few are eligible when it is due: the scheduler skips it.
  await owner.delete(`/api/communities/${community.id}/members/${members[0].id}`)
  t.clock.now += 10 * DAY
  await runScheduler(t.deps)
  const skipped = await owner.get(`/api/pulses/${later.body.id}`)
  assert.is(skipped.body.status, 'skipped')
  await assertDeleted(t, owner, later.body.id)
})

test('a closed pulse with responded null goes with its keys, snapshot, view, notices and messages', async ({
  t,
}) => {
  const { owner, pulse } = await closedAfter(t, 2)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.responded, null)
  assert.equal(await rowsOf(t, pulse.id), {
    pulse_members: 6,
    pulse_keys: 1,
    released_views: 1,
    pulse_notices: 1,
    outbox: 6,
    pulses: 1,
  })
  await assertDeleted(t, owner, pulse.id)
  assertProblem(await owner.get(`/api/pulses/${pulse.id}/report`), 404)
})

test('a closed pulse whose noisy count was released as 0 is deleted', async ({ t }) => {
  const { owner, pulse } = await closedAfter(t, 0)
  // Noise mode clamps a noisy count at 0: the overall group is released with 0 respondents.
  await query(t, 'update pulses set responded = 0 where id = ?', [pulse.id])
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.responded, 0)
  await assertDeleted(t, owner, pulse.id)
})

test('an open pulse is refused with 409 and keeps every row', async ({ t }) => {
  const { owner, pulse } = await openPulseWithMembers(t, { members: 6 })
  const before = await rowsOf(t, pulse.id)
  const res = await remove(owner, pulse.id)
  assertProblem(res, 409)
  assert.match(res.body.detail, /is open/)
  assert.equal(await rowsOf(t, pulse.id), before)
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.status, 'open')
})

test('a closed pulse with released results is refused with 409 and keeps its report', async ({
  t,
}) => {
  const { owner, pulse } = await closedAfter(t, 5)
  const report = await owner.get(`/api/pulses/${pulse.id}/report`)
  assert.is(report.body.participation.responded, 5)
  const before = await rowsOf(t, pulse.id)
  const res = await remove(owner, pulse.id)
  assertProblem(res, 409)
  assert.match(res.body.detail, /released results/)
  assert.equal(await rowsOf(t, pulse.id), before)
  assert.equal((await owner.get(`/api/pulses/${pulse.id}/report`)).body, report.body)
})

test('a closed pulse still being released is refused with 409', async ({ t }) => {
  const { owner, pulse } = await closedAfter(t, 0)
  // As after a crash between storing the status and storing the views (the scheduler finishes it).
  await query(t, 'update pulses set released = 0 where id = ?', [pulse.id])
  const res = await remove(owner, pulse.id)
  assertProblem(res, 409)
  assert.match(res.body.detail, /still being computed/)
  assert.is((await rowsOf(t, pulse.id)).pulses, 1)
})

test('viewers get 403, organizers of other communities 404, organizers 204', async ({ t }) => {
  const { owner, community, survey } = await openPulseWithMembers(t, { members: 6 })
  const scheduled = async (day: number) =>
    (
      await owner.post(`/api/surveys/${survey.id}/pulses`, {
        opensAt: inDays(t, day),
        closesAt: inDays(t, day + 1),
      })
    ).body.id as string
  const pid = await scheduled(10)
  const viewer = await teammate(owner, community.id, 'viewer')
  const stranger = await outsider(owner)
  assertProblem(await remove(viewer, pid), 403)
  assertProblem(await remove(stranger, pid), 404)
  assert.is((await rowsOf(t, pid)).pulses, 1)
  const organizer = await teammate(owner, community.id, 'organizer')
  assert.is((await remove(organizer, pid)).status, 204)
  assertProblem(await remove(organizer, pid), 404)
})

test('deletePulse itself leaves an open pulse and one with released results whole', async ({
  t,
}) => {
  // The route checks first; the batch checks the stored row again (a pulse opened meanwhile).
  const { owner, pulse: released } = await closedAfter(t, 5)
  const { pulse: open } = await openPulseWithMembers(t, { members: 6, owner })
  for (const pid of [open.id, released.id]) {
    const before = await rowsOf(t, pid)
    assert.is(await deletePulse(t.deps, pid), false)
    assert.equal(await rowsOf(t, pid), before)
  }
})

test.run()

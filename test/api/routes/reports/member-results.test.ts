// GET /api/me/results (API.md "Members" and "Reports"; docs/api.md): a member reads the shared,
// closed pulses of their own community, each as the overall report plus its survey.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import { assertProblem, DAY, expectStatus } from '../../../helpers/fixtures'
import { Agent } from '../../../helpers/http'
import {
  answerAll,
  close,
  openNext,
  reportOf,
  reportPulse,
  type Values,
} from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: member results')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const rows: Values[] = [1, 2, 3, 4, 5].map((v) => [
  v,
  2 * v,
  v > 2,
  'Tue',
  ['mail'],
  undefined,
  undefined,
])
const results = async (t: TestApp, memberKey: string) =>
  expectStatus(await new Agent(t).get('/api/me/results', { bearer: memberKey }), 200).body

test("only shared, closed pulses of the member's community, each the overall report and its survey", async ({
  t,
}) => {
  const { owner, survey, pulse: first, members } = await reportPulse(t, { members: 5 })
  const key = members[0].memberKey!
  await answerAll(t, first.id, survey, members, rows)
  assert.equal(await results(t, key), [])
  // An open pulse cannot be shared.
  assertProblem(await owner.post(`/api/pulses/${first.id}/share`), 409)
  await close(owner, first.id)
  assert.equal(await results(t, key), [], 'closed but not shared')
  const shared = expectStatus(await owner.post(`/api/pulses/${first.id}/share`), 200).body
  assert.is(shared.shared, true)

  // A second pulse closes unshared (not listed), then a third opens and stays open (never listed
  // either). One after the other: two open pulses of a survey may not overlap.
  t.clock.now += 8 * DAY
  const unshared = await openNext(owner, survey.id, 3)
  await close(owner, unshared.id)
  const open = await openNext(owner, survey.id)

  const list = await results(t, key)
  assert.is(list.length, 1)
  const [result] = list
  assert.equal(Object.keys(result).sort(), [
    'groups',
    'participation',
    'pulse',
    'released',
    'survey',
  ])
  assert.equal(result.survey, { id: survey.id, title: survey.title, questions: survey.questions })
  // The same view organizers read: the one group of everyone.
  const { survey: _, ...report } = result
  assert.equal(report, await reportOf(owner, first.id))
  assert.is(report.pulse.id, first.id)
  assert.is(report.pulse.shared, true)
  assert.is(report.released, true)
  assert.equal(report.participation, { eligible: 5, responded: 5, rate: 1 })
  assert.is(report.groups.length, 1)
  assert.equal(report.groups[0].cohort, {})
  assert.is(report.groups[0].respondents, 5)
  assert.ok(list.every((r: any) => r.pulse.id !== open.id && r.pulse.id !== unshared.id))

  // Unsharing removes it.
  const unsharedAgain = expectStatus(await owner.delete(`/api/pulses/${first.id}/share`), 200).body
  assert.is(unsharedAgain.shared, false)
  assert.equal(await results(t, key), [])
  // Every member of the community sees the same list.
  expectStatus(await owner.post(`/api/pulses/${first.id}/share`), 200)
  for (const m of members)
    assert.equal(
      (await results(t, m.memberKey!)).map((r: any) => r.pulse.id),
      [first.id],
    )
})

test('a by-attribute community: members see only the overall group', async ({ t }) => {
  const team = (v: string) => ({ attributes: { team: v } })
  const { owner, survey, pulse, members } = await reportPulse(t, {
    attributes: ['team'],
    members: [
      ...Array.from({ length: 5 }, () => team('a')),
      ...Array.from({ length: 5 }, () => team('b')),
    ],
  })
  await answerAll(t, pulse.id, survey, members, [...rows, ...rows])
  await close(owner, pulse.id)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const [result] = await results(t, members[0].memberKey!)
  assert.equal(
    result.groups.map((g: any) => [g.cohort, g.respondents]),
    [[{}, 10]],
  )
})

test("another community's member sees nothing; no key or a bad key is 401", async ({ t }) => {
  const { owner, survey, pulse, members } = await reportPulse(t, { members: 5 })
  await answerAll(t, pulse.id, survey, members, rows)
  await close(owner, pulse.id)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const other = await reportPulse(t, { owner, name: 'Elsewhere', members: 5 })
  assert.equal(await results(t, other.members[0].memberKey!), [])
  assert.is((await results(t, members[0].memberKey!)).length, 1)
  assertProblem(await new Agent(t).get('/api/me/results'), 401)
  assertProblem(await new Agent(t).get('/api/me/results', { bearer: 'not-a-key' }), 401)
  // An invite key is not a member credential; an organizer session is not one either.
  assertProblem(await new Agent(t).get('/api/me/results', { bearer: members[0].inviteKey }), 401)
  assertProblem(await owner.get('/api/me/results'), 401)
})

test.run()

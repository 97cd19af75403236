// GET /api/me/results/:pid/comments (docs/api.md "Reports"): a member reads the comments of a
// pulse shared with their community, exactly as organizers read them; any other pulse is a 404.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import { assertProblem, DAY, expectStatus } from '../../../helpers/fixtures'
import { Agent } from '../../../helpers/http'
import {
  answerAll,
  close,
  openNext,
  reportPulse,
  type ReportPulse,
  type Values,
} from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: member comments')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const row = (comment?: string): Values => [4, 8, true, 'Mon', ['chat'], undefined, comment]
const textId = (survey: any) => survey.questions[6].id
const written = [
  'More time for questions, please.',
  'Write to ana.lopez@example.org for the slides.',
  'Ana Lopez explained it well.',
  'I would like shorter check-ins.',
  'Nothing else to add.',
]
const shown = [
  'More time for questions, please.',
  'Write to [email] for the slides.',
  '[name] explained it well.',
  'I would like shorter check-ins.',
  'Nothing else to add.',
]
const path = (pid: string, questionId?: string) =>
  `/api/me/results/${pid}/comments${questionId === undefined ? '' : `?questionId=${encodeURIComponent(questionId)}`}`

/** Six members (one of them ana.lopez@example.org), k = 5, k_text = 5: five of them comment. */
async function six(t: TestApp): Promise<ReportPulse> {
  return reportPulse(t, { members: [{ email: 'ana.lopez@example.org' }, {}, {}, {}, {}, {}] })
}

test('a shared pulse: the same comments organizers read, redacted and shuffled', async ({ t }) => {
  const { owner, survey, pulse, members } = await six(t)
  await answerAll(t, pulse.id, survey, members, [...written, undefined].map(row))
  await close(owner, pulse.id)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const member = new Agent(t)
  const bearer = members[0].memberKey!
  const mine = expectStatus(await member.get(path(pulse.id, textId(survey)), { bearer }), 200).body
  const theirs = expectStatus(
    await owner.get(`/api/pulses/${pulse.id}/comments?questionId=${textId(survey)}`),
    200,
  ).body
  assert.equal(Object.keys(mine).sort(), ['comments', 'released'])
  assert.is(mine.released, true)
  assert.equal([...mine.comments].sort(), [...shown].sort())
  assert.equal([...theirs.comments].sort(), [...mine.comments].sort())
  // Shuffled on every read, as the organizer's route.
  const orders = new Set<string>([JSON.stringify(mine.comments)])
  for (let i = 0; i < 20; i++) {
    const again = expectStatus(await member.get(path(pulse.id, textId(survey)), { bearer }), 200)
    orders.add(JSON.stringify(again.body.comments))
  }
  assert.ok(orders.size >= 2, 'comments come shuffled')
})

test('fewer respondents than minCommentGroupSize: released false, as organizers are told', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await reportPulse(t, {
    members: 6,
    minCommentGroupSize: 6,
  })
  await answerAll(t, pulse.id, survey, members.slice(0, 5), written.map(row))
  await close(owner, pulse.id)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const res = await new Agent(t).get(path(pulse.id, textId(survey)), {
    bearer: members[5].memberKey!,
  })
  assert.equal(expectStatus(res, 200).body, { released: false, comments: [] })
})

test('questionId missing or not a text question of the pulse: 422 at path questionId', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await six(t)
  await answerAll(t, pulse.id, survey, members, [...written, undefined].map(row))
  await close(owner, pulse.id)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const bearer = members[0].memberKey!
  const member = new Agent(t)
  for (const questionId of [undefined, '', survey.questions[0].id, 'nope']) {
    assertProblem(await member.get(path(pulse.id, questionId), { bearer }), 422, ['questionId'])
  }
})

test('open, closed but unshared, unshared again, unknown, or another community: 404', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await six(t)
  const bearer = members[0].memberKey!
  const member = new Agent(t)
  const get = (pid: string) => member.get(path(pid, textId(survey)), { bearer })
  await answerAll(t, pulse.id, survey, members, [...written, undefined].map(row))
  assertProblem(await get(pulse.id), 404) // open
  await close(owner, pulse.id)
  assertProblem(await get(pulse.id), 404) // closed, not shared
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  expectStatus(await get(pulse.id), 200)
  expectStatus(await owner.delete(`/api/pulses/${pulse.id}/share`), 200)
  assertProblem(await get(pulse.id), 404) // unshared again
  assertProblem(await get('no-such-pulse'), 404)
  // The 404 comes before the 422: an unshared pulse says nothing about its questions.
  assertProblem(await member.get(path(pulse.id, 'nope'), { bearer }), 404)

  // A pulse shared in another community is not this member's to read, and the other way round.
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const other = await reportPulse(t, { owner, name: 'Elsewhere', members: 5 })
  const outsider = other.members[0].memberKey!
  assertProblem(await member.get(path(pulse.id, textId(survey)), { bearer: outsider }), 404)
  t.clock.now += 8 * DAY
  const later = await openNext(owner, survey.id)
  assertProblem(await get(later.id), 404)
})

test('no key, a bad key, an invite key or an organizer session: 401', async ({ t }) => {
  const { owner, survey, pulse, members } = await six(t)
  await answerAll(t, pulse.id, survey, members, [...written, undefined].map(row))
  await close(owner, pulse.id)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const url = path(pulse.id, textId(survey))
  assertProblem(await new Agent(t).get(url), 401)
  assertProblem(await new Agent(t).get(url, { bearer: 'not-a-key' }), 401)
  assertProblem(await new Agent(t).get(url, { bearer: members[0].inviteKey }), 401)
  assertProblem(await owner.get(url), 401)
})

test.run()

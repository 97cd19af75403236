// GET /api/pulses/:pid/comments (API.md "Reports"; DESIGN.md 8): released only after close and
// with at least minCommentGroupSize respondents, shuffled, with known emails and names redacted.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import { assertProblem, expectStatus, outsider, teammate } from '../../../helpers/fixtures'
import { Agent } from '../../../helpers/http'
import {
  answerAll,
  close,
  reportPulse,
  type ReportPulse,
  type Values,
} from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: comments')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const row = (comment?: string): Values => [4, 8, true, 'Mon', ['chat'], undefined, comment]
const textId = (survey: any) => survey.questions[6].id
const commentsOf = async (agent: Agent, pulseId: string, questionId: string) =>
  expectStatus(
    await agent.get(`/api/pulses/${pulseId}/comments?questionId=${encodeURIComponent(questionId)}`),
    200,
  ).body

const written = [
  'More time for questions, please.',
  'Write to ana.lopez@example.org for the slides.',
  'Ana Lopez explained it well.',
  'Olu runs calm meetings.',
  'I would like shorter check-ins.',
  'The Friday slot is hard for me.',
  'Thanks, olu! Mail me at someone.else@example.net',
  'Nothing else to add.',
]
const shown = [
  'More time for questions, please.',
  'Write to [email] for the slides.',
  '[name] explained it well.',
  '[name] runs calm meetings.',
  'I would like shorter check-ins.',
  'The Friday slot is hard for me.',
  'Thanks, [name]! Mail me at [email]',
  'Nothing else to add.',
]

/** Eight members (one of them ana.lopez@example.org), k = 5 and k_text = 5; the owner is named Olu. */
async function eight(t: TestApp): Promise<ReportPulse> {
  return reportPulse(t, {
    members: [{ email: 'ana.lopez@example.org' }, {}, {}, {}, {}, {}, {}, {}],
  })
}

test('questionId missing or not a text question of the pulse: 422 at path questionId', async ({
  t,
}) => {
  const { owner, survey, pulse } = await eight(t)
  assertProblem(await owner.get(`/api/pulses/${pulse.id}/comments`), 422, ['questionId'])
  assertProblem(await owner.get(`/api/pulses/${pulse.id}/comments?questionId=`), 422, [
    'questionId',
  ])
  assertProblem(
    await owner.get(`/api/pulses/${pulse.id}/comments?questionId=${survey.questions[0].id}`),
    422,
    ['questionId'],
  )
  assertProblem(await owner.get(`/api/pulses/${pulse.id}/comments?questionId=nope`), 422, [
    'questionId',
  ])
  // A text question of another survey is not one of this pulse's.
  const other = expectStatus(
    await owner.post(`/api/communities/${survey.communityId}/surveys`, {
      title: 'Other',
      questions: [{ kind: 'text', prompt: 'Else?' }],
    }),
    201,
  ).body
  assertProblem(
    await owner.get(`/api/pulses/${pulse.id}/comments?questionId=${other.questions[0].id}`),
    422,
    ['questionId'],
  )
})

test('while open: released false and no comments, however many were written', async ({ t }) => {
  const { owner, survey, pulse, members } = await eight(t)
  await answerAll(t, pulse.id, survey, members, written.map(row))
  assert.equal(await commentsOf(owner, pulse.id, textId(survey)), { released: false, comments: [] })
})

test('fewer respondents than minCommentGroupSize: released false after close', async ({ t }) => {
  const { owner, survey, pulse, members } = await reportPulse(t, {
    members: 10,
    minCommentGroupSize: 10,
  })
  await answerAll(t, pulse.id, survey, members, written.slice(0, 9).concat('ninth').map(row))
  await close(owner, pulse.id)
  assert.equal(await commentsOf(owner, pulse.id, textId(survey)), { released: false, comments: [] })
  // The scores themselves are released (9 ≥ k).
  const report = expectStatus(await owner.get(`/api/pulses/${pulse.id}/report`), 200).body
  assert.is(report.groups[0].respondents, 9)
})

test('enough respondents: exactly the comments given, redacted, in shuffled order', async ({
  t,
}) => {
  const { owner, community, survey, pulse, members } = await eight(t)
  await answerAll(t, pulse.id, survey, members, written.map(row))
  await close(owner, pulse.id)
  const first = await commentsOf(owner, pulse.id, textId(survey))
  assert.is(first.released, true)
  assert.equal([...first.comments].sort(), [...shown].sort())

  // Over 20 reads the order is not always the same (8! orders: all 20 alike has probability 40320⁻¹⁹).
  const orders = new Set<string>([JSON.stringify(first.comments)])
  for (let i = 0; i < 20; i++) {
    const again = await commentsOf(owner, pulse.id, textId(survey))
    assert.equal([...again.comments].sort(), [...shown].sort())
    orders.add(JSON.stringify(again.comments))
  }
  assert.ok(orders.size >= 2, 'comments come shuffled')

  // Viewers read them too; others do not.
  const viewer = await teammate(owner, community.id, 'viewer')
  assert.is((await commentsOf(viewer, pulse.id, textId(survey))).comments.length, 8)
  assertProblem(
    await new Agent(t).get(`/api/pulses/${pulse.id}/comments?questionId=${textId(survey)}`),
    401,
  )
  assertProblem(
    await (
      await outsider(owner)
    ).get(`/api/pulses/${pulse.id}/comments?questionId=${textId(survey)}`),
    404,
  )
})

test('members who leave the text question out add no comment', async ({ t }) => {
  const { owner, survey, pulse, members } = await eight(t)
  await answerAll(
    t,
    pulse.id,
    survey,
    members,
    [...written.slice(0, 3), undefined, undefined, undefined, undefined, 'Last one.'].map(row),
  )
  await close(owner, pulse.id)
  const { released, comments } = await commentsOf(owner, pulse.id, textId(survey))
  assert.is(released, true)
  assert.equal([...comments].sort(), [...shown.slice(0, 3), 'Last one.'].sort())
})

test.run()

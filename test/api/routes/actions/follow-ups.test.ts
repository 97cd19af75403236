// Follow-up questions (issue 19): a pulse that opens while an action of its survey is in progress,
// or done since the previous pulse, asks whether it made a difference. Frozen with the pulse, in
// its fingerprint, answered like any question, and released through the same gate.
import Papa from 'papaparse'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { followUpId } from '../../../../api/actions/follow-ups'
import { pulseFingerprint } from '../../../../api/privacy/fingerprint'
import { testApp, type TestApp } from '../../../helpers/app'
import { assertProblem, DAY, expectStatus } from '../../../helpers/fixtures'
import { Agent } from '../../../helpers/http'
import { fingerprintFromFetched } from '../../../helpers/log'
import {
  answerPulse,
  myPulse,
  obtainToken,
  submitWith,
  type QuestionSpec,
} from '../../../helpers/protocol'
import { close, openNext, reportPulse } from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('actions: follow-up questions')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const questions: QuestionSpec[] = [
  { kind: 'likert5', prompt: 'Rehearsals start on time.', dimension: 'time' },
  { kind: 'likert5', prompt: 'I know the plan for the season.', required: false },
]

async function action(owner: Agent, cid: string, body: object) {
  return expectStatus(await owner.post(`/api/communities/${cid}/actions`, body), 201).body
}

/** A community of `members` joined members (k = 3), its survey, and a first pulse closed. */
async function afterFirstPulse(t: TestApp, members: any = 6, attributes?: string[]) {
  const setup = await reportPulse(t, { members, questions, minGroupSize: 3, attributes })
  await close(setup.owner, setup.pulse.id)
  t.clock.now += DAY
  return setup
}

test('the next pulse carries one optional follow-up per action in progress or just done, at most three', async ({
  t,
}) => {
  const { owner, community, survey, pulse: first } = await afterFirstPulse(t)
  assert.is(first.followUps, undefined, 'a pulse without follow-ups has no such field')
  const cid = community.id
  const make = (title: string, status: string, extra: object = {}) =>
    action(owner, cid, { surveyId: survey.id, title, status, ...extra })
  const done = await make('Door opens earlier', 'done')
  const running = await make('Start on time', 'in progress', { startedOn: '2026-02-01' })
  await make('New chairs', 'planned')
  await make('Longer breaks', 'dropped')
  await make('Secret plan', 'in progress', { draft: true, startedOn: '2026-01-01' })
  await make('Second running', 'in progress', { startedOn: '2026-02-10' })
  await make('Third running', 'in progress', { startedOn: '2026-02-20' })
  const preview = await owner.get(`/api/surveys/${survey.id}/follow-up-questions`)
  assert.is(preview.status, 200)
  assert.is(preview.body.followUps.length, 3)
  assert.equal(preview.body.followUps[0], {
    actionId: done.id,
    question: {
      id: followUpId(done.id),
      kind: 'likert5',
      prompt: "Has 'Door opens earlier' made a difference for you?",
      required: false,
      translations: { de: { prompt: 'Hat „Door opens earlier“ für dich etwas verändert?' } },
    },
    title: 'Door opens earlier',
    status: 'done',
  })
  // The most recently done first, then the longest running; planned, dropped and drafts never.
  const titles = (list: any[]) => list.map((f: any) => f.title)
  assert.equal(titles(preview.body.followUps), [
    'Door opens earlier',
    'Start on time',
    'Second running',
  ])

  const second = await openNext(owner, survey.id)
  assert.equal(
    second.followUps,
    preview.body.followUps.map(({ actionId, question }: any) => ({ actionId, question })),
  )
  // Frozen with the pulse: changing the actions later changes the preview, not the pulse.
  expectStatus(await owner.patch(`/api/actions/${running.id}`, { status: 'planned' }), 200)
  assert.equal((await owner.get(`/api/pulses/${second.id}`)).body.followUps, second.followUps)
  const now = (await owner.get(`/api/surveys/${survey.id}/follow-up-questions`)).body.followUps
  assert.equal(titles(now), ['Door opens earlier', 'Second running', 'Third running'])
})

test('an action done before the previous pulse opened gets no follow-up on the next one', async ({
  t,
}) => {
  const { owner, community, survey } = await afterFirstPulse(t)
  const old = { surveyId: survey.id, status: 'done', startedOn: '2026-02-20' }
  await action(owner, community.id, { ...old, title: 'Old news', endedOn: '2026-02-25' })
  const next = await openNext(owner, survey.id)
  assert.is(next.followUps, undefined)
  await close(owner, next.id)
  // Done on the day the previous pulse opened still counts as done since it.
  await action(owner, community.id, { ...old, title: 'Same day', endedOn: '2026-03-03' })
  t.clock.now += DAY
  const after = await openNext(owner, survey.id)
  assert.equal(
    after.followUps.map((f: any) => f.question.prompt),
    ["Has 'Same day' made a difference for you?"],
  )
})

test('the fingerprint covers the follow-up questions, as the member fetched them', async ({
  t,
}) => {
  const { owner, community, survey, members } = await afterFirstPulse(t)
  await action(owner, community.id, {
    surveyId: survey.id,
    title: 'Start on time',
    status: 'in progress',
  })
  const pulse = await openNext(owner, survey.id)
  const entry = await myPulse(t, members[0].memberKey!, pulse.id)
  assert.equal(entry.pulse.followUps, pulse.followUps)
  const keys = (
    await new Agent(t).get(`/api/pulses/${pulse.id}/keys`, { bearer: members[0].memberKey })
  ).body
  assert.is(await fingerprintFromFetched(entry, keys), pulse.fingerprint)
  const withoutFollowUps = await pulseFingerprint({
    communityId: community.id,
    pulseId: pulse.id,
    questions: entry.survey.questions,
    attributes: (entry as any).attributeOrder,
    minGroupSize: pulse.minGroupSize,
    minCommentGroupSize: pulse.minCommentGroupSize,
    privacyMode: pulse.privacyMode,
    epsilon: pulse.epsilon,
    keys,
  })
  assert.is.not(withoutFollowUps, pulse.fingerprint)
})

test('members answer follow-up questions; one the pulse does not carry is a 422, the token unspent', async ({
  t,
}) => {
  const { owner, community, survey, members } = await afterFirstPulse(t)
  const { id } = await action(owner, community.id, {
    surveyId: survey.id,
    title: 'Start on time',
    status: 'in progress',
  })
  const later = await action(owner, community.id, {
    surveyId: survey.id,
    title: 'Later',
    status: 'planned',
  })
  const pulse = await openNext(owner, survey.id)
  const [q0] = survey.questions
  const key = members[0].memberKey!
  const token = await obtainToken(t, pulse.id, key)
  const answer = (questionId: string, value: unknown) => [
    { questionId: q0.id, value: 4 },
    { questionId, value },
  ]
  assertProblem(await submitWith(t, pulse.id, token, answer(followUpId(later.id), 5) as any), 422, [
    'answers.1.questionId',
  ])
  assertProblem(await submitWith(t, pulse.id, token, answer(followUpId(id), 6) as any), 422, [
    'answers.1.value',
  ])
  const ok = await submitWith(t, pulse.id, token, answer(followUpId(id), 5) as any)
  assert.is(ok.status, 201)
  // Optional: an answer without it is complete too.
  const { reply } = await answerPulse(t, pulse.id, members[1].memberKey!, [
    { questionId: q0.id, value: 3 },
  ])
  assert.is(reply.status, 201)
})

test('trend.csv lists a follow-up like any question, for the pulses that asked it; the action shows its results, to members once shared', async ({
  t,
}) => {
  const { owner, community, survey, members } = await afterFirstPulse(t)
  const { id } = await action(owner, community.id, {
    surveyId: survey.id,
    title: 'Start on time',
    status: 'in progress',
  })
  const pulse = await openNext(owner, survey.id)
  const [q0] = survey.questions
  for (const [i, m] of members.entries()) {
    const answers = [
      { questionId: q0.id, value: 3 },
      { questionId: followUpId(id), value: i < 4 ? 5 : 2 },
    ]
    expectStatus((await answerPulse(t, pulse.id, m.memberKey!, answers)).reply, 201)
  }
  await close(owner, pulse.id)

  const csv = await owner.get(`/api/surveys/${survey.id}/trend.csv`)
  assert.is(csv.status, 200)
  const rows = Papa.parse<Record<string, string>>(csv.text.trim(), { header: true }).data
  const followUpRows = rows.filter((r) => r.question_id === followUpId(id))
  assert.equal(
    followUpRows.map((r) => [r.pulse_id, r.n, r.favorable, r.question]),
    [[pulse.id, '6', String(4 / 6), "Has 'Start on time' made a difference for you?"]],
  )
  assert.is(
    rows.filter((r) => r.question_id === q0.id).length,
    2,
    'the survey question in both pulses',
  )

  const shown = (await owner.get(`/api/actions/${id}`)).body.followUps
  assert.is(shown.length, 1)
  assert.equal(
    [shown[0].pulseId, shown[0].status, shown[0].result.n, shown[0].result.favorable],
    [pulse.id, 'closed', 6, 4 / 6],
  )
  const bearer = members[0].memberKey
  const mine = async () => (await new Agent(t).get('/api/me/actions', { bearer })).body[0].followUps
  assert.equal(await mine(), [], 'not shared yet: members see no result')
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  assert.equal(await mine(), shown)
})

test.run()

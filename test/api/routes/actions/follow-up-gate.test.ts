// Follow-up questions (issue 19) pass the disclosure gate like any question: their answerers are
// a measure of their own, so in a small group a follow-up is suppressed exactly where an optional
// survey question answered by the same people is.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { followUpId } from '../../../../api/actions/follow-ups'
import { testApp, type TestApp } from '../../../helpers/app'
import { DAY, expectStatus } from '../../../helpers/fixtures'
import type { Agent } from '../../../helpers/http'
import { answerPulse, type QuestionSpec } from '../../../helpers/protocol'
import { close, openNext, reportOf, reportPulse } from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('actions: follow-up questions and the gate')
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

test('a follow-up passes the gate like any question: in a small cohort it is suppressed exactly as an optional survey question', async ({
  t,
}) => {
  const people = [
    ...Array.from({ length: 5 }, () => ({ attributes: { team: 'a' } })),
    ...Array.from({ length: 5 }, () => ({ attributes: { team: 'b' } })),
  ]
  const { owner, community, survey, members } = await afterFirstPulse(t, people, ['team'])
  const { id } = await action(owner, community.id, {
    surveyId: survey.id,
    title: 'Start on time',
    status: 'in progress',
  })
  const pulse = await openNext(owner, survey.id)
  const [q0, optional] = survey.questions
  // Everyone answers the required question; the optional one and the follow-up are answered
  // alike by all of team a and two of team b (fewer than k = 3).
  for (const [i, m] of members.entries()) {
    const both = i < 7 // team a (members 0–4) and two of team b
    const value = (i % 5) + 1
    const answers = [{ questionId: q0.id, value: 3 }]
    if (both)
      answers.push({ questionId: optional.id, value }, { questionId: followUpId(id), value })
    expectStatus((await answerPulse(t, pulse.id, m.memberKey!, answers)).reply, 201)
  }
  await close(owner, pulse.id)
  for (const by of [undefined, 'team']) {
    const report = await reportOf(owner, pulse.id, by)
    for (const group of report.groups) {
      const entryOf = (qid: string) => {
        const {
          questionId: _,
          change: __,
          ...rest
        } = group.questions.find((q: any) => q.questionId === qid)
        return rest
      }
      assert.equal(
        entryOf(followUpId(id)),
        entryOf(optional.id),
        `${by ?? 'everyone'} ${JSON.stringify(group.cohort)}`,
      )
    }
  }
  const everyone = (await reportOf(owner, pulse.id)).groups[0]
  const followUp = everyone.questions.find((q: any) => q.questionId === followUpId(id))
  assert.equal([followUp.suppressed, followUp.n], [false, 7])
  const byTeam = (await reportOf(owner, pulse.id, 'team')).groups
  assert.equal(
    byTeam.map(
      (g: any) => g.questions.find((q: any) => q.questionId === followUpId(id)).suppressed,
    ),
    [true, true],
    'no team shows it: team b alone holds fewer than k answerers',
  )
})

test('a follow-up answered by fewer than k is suppressed everywhere, as a survey question would be', async ({
  t,
}) => {
  const { owner, community, survey, members } = await afterFirstPulse(t)
  const { id } = await action(owner, community.id, {
    surveyId: survey.id,
    title: 'Start on time',
    status: 'in progress',
  })
  const pulse = await openNext(owner, survey.id)
  const [q0, optional] = survey.questions
  for (const [i, m] of members.entries()) {
    const answers = [{ questionId: q0.id, value: 4 }]
    if (i < 2)
      answers.push({ questionId: optional.id, value: 5 }, { questionId: followUpId(id), value: 5 })
    expectStatus((await answerPulse(t, pulse.id, m.memberKey!, answers)).reply, 201)
  }
  await close(owner, pulse.id)
  const everyone = (await reportOf(owner, pulse.id)).groups[0]
  const entry = (qid: string) => everyone.questions.find((q: any) => q.questionId === qid)
  assert.equal(entry(followUpId(id)), { questionId: followUpId(id), suppressed: true })
  assert.equal(entry(optional.id), { questionId: optional.id, suppressed: true })
})

test.run()

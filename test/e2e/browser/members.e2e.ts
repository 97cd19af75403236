// Scenario 2: members join on their phones through their own invite links and answer the pulse.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { answerPulse, type MemberRun } from './member-flow'
import { answering, e2e, need } from './harness'

const Members = suite('members: join on a phone and answer')

// Ten answer: 5 of build (6), 3 of care (5), and 2 of the pooled cohort (outreach 1, events 1).
// Closed, the cut by team then releases build and hides care and the pool (3 and 2 < k = 5,
// together 5, so the complementary rule is met and their sum may be derived from what is shown).
const rest: MemberRun[] = [
  { email: 'cem@example.org', seed: 2 },
  { email: 'dia@example.org', seed: 3 },
  { email: 'eli@example.org', seed: 4, comment: 'Retros are the one place I say what I think.' },
  { email: 'gus@example.org', seed: 5 },
  { email: 'hal@example.org', seed: 6 },
  { email: 'ida@example.org', seed: 7 },
  { email: 'lea@example.org', seed: 8 },
  { email: 'ola@example.org', seed: 9, comment: 'Newcomers get a warm welcome.' },
]

Members('the plan: ten members answer', () => {
  assert.is(2 + rest.length, answering)
})

Members('a member opens their invite link, answers every question and gets a receipt', async () => {
  await answerPulse({
    email: 'ana@example.org',
    seed: 0,
    record: true,
    comment: 'I would like more time for pairing; ben@example.org helped me a lot.',
  })
})

Members(
  'a member who loses the network on send sees it saved, and it is sent once back online',
  async () => {
    await answerPulse({
      email: 'ben@example.org',
      seed: 1,
      offline: true,
      record: ['member-pulse-offline'],
    })
  },
)

Members('eight more members answer, two phones at a time', async () => {
  for (let i = 0; i < rest.length; i += 2) {
    await Promise.all(rest.slice(i, i + 2).map(answerPulse))
  }
  const receipts = e2e.story.answered.map((a) => a.receipt)
  assert.is(new Set(receipts).size, answering, 'every member got their own receipt')
})

Members(
  'while open, the organizer sees participation rounded down to a multiple of k',
  async () => {
    const p = need(e2e.organizer, 'the organizer page')
    const sid = need(e2e.story.surveyId, 'the survey')
    const [pulse] = await (await p.request.get(`/api/surveys/${sid}/pulses`)).json()
    assert.is(pulse.status, 'open')
    assert.is(pulse.responded, answering - (answering % 5))
    // Members are done with their phones except the first, who comes back for the shared results.
    for (const a of e2e.story.answered.slice(1)) await a.context.close()
  },
)

Members.run()

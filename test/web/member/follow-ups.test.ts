import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { followUpQuestion } from '../../../api/actions/follow-ups'
import { pulseFingerprint } from '../../../api/privacy/fingerprint'
import { keyIdOf } from '../../../api/privacy/key-list'
import type { KeyEntry, MyPulse } from '../../../web/member/api'
import { createAnswerForm } from '../../../web/member/answer-model'
import { checkPulseKeys } from '../../../web/member/key-check'
import { signingKey } from './helpers'

// A pulse carrying follow-up questions about the community's actions (issue 19): the member's
// device checks the fingerprint over them too, and its form answers them like any question.

const test = suite('member follow-up questions')

const question = {
  id: 'q1',
  kind: 'likert5',
  prompt: 'Rehearsals start on time.',
  required: true,
} as const
const followUp = {
  actionId: 'a1',
  question: followUpQuestion({ id: 'a1', title: 'Start on time' }),
}

async function pulseWithFollowUp(): Promise<{ mine: MyPulse; list: KeyEntry[] }> {
  const { publicKey } = await signingKey()
  const list: KeyEntry[] = [
    { keyId: await keyIdOf(publicKey), publicKey, cohort: {}, eligible: 6, joined: 6 },
  ]
  const mine: MyPulse = {
    pulse: {
      id: 'p1',
      surveyId: 's1',
      status: 'open',
      opensAt: '2025-01-01T00:00:00Z',
      closesAt: '2999-01-01T00:00:00Z',
      eligible: 6,
      joined: 6,
      responded: 0,
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode: 'threshold',
      epsilon: 1,
      shared: false,
      followUps: [followUp],
    },
    survey: { id: 's1', title: 'Check-in', questions: [question] },
    key: { keyId: list[0].keyId, publicKey, cohort: {} },
    issued: false,
    communityId: 'c1',
    attributeOrder: [],
    snapshot: { attributes: {} },
  }
  return { mine, list }
}

test("the device's code covers the follow-up questions, as the server's fingerprint does", async () => {
  const { mine, list } = await pulseWithFollowUp()
  const check = await checkPulseKeys(mine, list)
  const promise = {
    communityId: 'c1',
    pulseId: 'p1',
    attributes: [],
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold' as const,
    epsilon: 1,
    keys: list,
  }
  assert.is(
    check.fingerprint,
    await pulseFingerprint({ ...promise, questions: [question, followUp.question] }),
  )
  assert.is.not(check.fingerprint, await pulseFingerprint({ ...promise, questions: [question] }))
})

test('the form asks the follow-up after the survey question, optional', () => {
  const form = createAnswerForm([question, followUp.question])
  form.set(question, 4)
  assert.ok(form.review(), 'complete without the follow-up')
  form.set(followUp.question, 5)
  assert.equal(form.answers(), [
    { questionId: 'q1', value: 4 },
    { questionId: 'fu-a1', value: 5 },
  ])
})

test.run()

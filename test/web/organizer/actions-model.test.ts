import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Action } from '../../../web/organizer/api-types'
import { actionMarks, groupMarks } from '../../../web/organizer/models/action-marks'
import {
  followUpLine,
  formOf,
  heardLine,
  inputOf,
  prefill,
} from '../../../web/organizer/models/actions-model'

const action = (fields: Partial<Action> = {}): Action => ({
  id: 'a1',
  communityId: 'c1',
  surveyId: 's1',
  questionId: null,
  dimension: null,
  group: null,
  title: 'Shorter meetings',
  plan: '',
  status: 'planned',
  targetDate: null,
  startedOn: null,
  endedOn: null,
  draft: false,
  createdOn: '2026-03-02',
  heard: { survey: { id: 's1', title: 'Weekly check-in' } },
  updates: [],
  followUps: [],
  ...fields,
})

const form = suite('action form')

form('a report link prefills the survey, question, dimension and group', () => {
  const values = prefill({ survey: 's1', question: 'q1', dimension: 'voice', group: 'team:a:b' })
  assert.equal(
    [
      values.surveyId,
      values.questionId,
      values.dimension,
      values.groupAttribute,
      values.groupValue,
    ],
    ['s1', 'q1', 'voice', 'team', 'a:b'],
  )
  assert.equal(prefill({}).groupAttribute, '')
})

form('what the form sends: empty fields are cleared, a group only with its attribute', () => {
  const values = { ...prefill({ survey: 's1' }), title: ' Shorter meetings ', targetDate: '' }
  assert.equal(inputOf(values), {
    surveyId: 's1',
    title: 'Shorter meetings',
    plan: '',
    questionId: null,
    dimension: null,
    group: null,
    status: 'planned',
    targetDate: null,
    draft: false,
  })
  const edited = formOf(
    action({ group: { team: 'a' }, questionId: 'q1', targetDate: '2026-06-01' }),
  )
  assert.equal(inputOf(edited).group, { team: 'a' })
  assert.is(inputOf(edited).targetDate, '2026-06-01')
})

form.run()

const words = suite('actions in words')

words('what an action answers, and how its follow-up question was answered', () => {
  assert.is(heardLine(action()), 'the survey “Weekly check-in”')
  const question = { id: 'q1', kind: 'likert5', prompt: 'I can speak up.', required: true } as const
  assert.is(
    heardLine(
      action({ heard: { survey: { id: 's1', title: 'W' }, question, group: { team: 'a' } } }),
    ),
    '“I can speak up.” · team: a',
  )
  const point = {
    pulseId: 'p',
    opensAt: '2026-03-01T00:00:00Z',
    closesAt: '2026-03-08T12:00:00Z',
    status: 'closed',
  } as const
  assert.match(followUpLine(point), /asked, results after it closes/)
  assert.match(
    followUpLine({ ...point, result: { suppressed: true } }),
    /hidden to protect anonymity/,
  )
  const stats = { suppressed: false, n: 12, distribution: {}, mean: 3.75, favorable: 0.5 } as const
  assert.match(
    followUpLine({ ...point, result: stats }),
    /50% agree it made a difference, mean 3\.8 of 5 \(12 answered\)/,
  )
})

words('trend marks sit between the pulses that closed before and after the day', () => {
  const pulses = ['2026-03-01T12:00:00Z', '2026-03-11T12:00:00Z', '2026-03-21T12:00:00Z'].map(
    (closesAt) => ({ closesAt }),
  )
  const marks = actionMarks(
    [
      action({ status: 'done', startedOn: '2026-03-06', endedOn: '2026-03-30' }),
      action({ title: 'Early', status: 'dropped', startedOn: null, endedOn: '2026-02-01' }),
    ],
    pulses,
  )
  assert.equal(
    marks.map((m) => [m.n, Number(m.at.toFixed(2))]),
    [
      [1, -0.4],
      [2, 0.55],
      [3, 2.4],
    ],
  )
  assert.match(marks[0].label, /^“Early” dropped/)
  assert.match(marks[1].label, /^“Shorter meetings” started/)
  assert.equal(actionMarks([action({ startedOn: '2026-03-06' })], []), [])
  // A change the day a pulse closed comes after it; marks in one place share a line.
  assert.is(actionMarks([action({ startedOn: '2026-03-01' })], pulses)[0].at > 0, true)
  const x = (at: number) => Math.round(100 + at * 50)
  assert.equal(groupMarks(marks, x), [
    { x: 80, label: '1' },
    { x: 127, label: '2' },
    { x: 220, label: '3' },
  ])
  assert.equal(groupMarks([marks[0], { ...marks[1], at: -0.35 }], x), [{ x: 80, label: '1,2' }])
})

words.run()

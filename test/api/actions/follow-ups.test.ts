import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  followUpId,
  followUpQuestion,
  followUpsFor,
  type FollowUpCandidate,
} from '../../../api/actions/follow-ups'

const test = suite('follow-up questions')

const action = (id: string, fields: Partial<FollowUpCandidate>): FollowUpCandidate => ({
  id,
  title: `Action ${id}`,
  status: 'planned',
  startedOn: null,
  endedOn: null,
  draft: false,
  ...fields,
})
const ids = (list: ReturnType<typeof followUpsFor>) => list.map((f) => f.actionId)

test('asks about actions in progress and done since the previous pulse, not planned, dropped or drafts', () => {
  const list = [
    action('a', { status: 'in progress', startedOn: '2026-02-01' }),
    action('b', { status: 'done', startedOn: '2026-01-01', endedOn: '2026-03-01' }),
    action('c', { status: 'done', startedOn: '2026-01-01', endedOn: '2026-02-01' }),
    action('d', { status: 'planned' }),
    action('e', { status: 'dropped', endedOn: '2026-03-01' }),
    action('f', { status: 'in progress', startedOn: '2026-02-01', draft: true }),
  ]
  assert.equal(ids(followUpsFor(list, '2026-02-15')), ['b', 'a'])
  // Done on the day the previous pulse opened still counts; with no previous pulse, any done.
  assert.equal(ids(followUpsFor(list, '2026-03-01')), ['b', 'a'])
  assert.equal(ids(followUpsFor(list, undefined)), ['b', 'c', 'a'])
})

test('at most three: the most recently done first, then the longest running', () => {
  const list = [
    action('r1', { status: 'in progress', startedOn: '2026-02-10' }),
    action('r2', { status: 'in progress', startedOn: '2026-01-10' }),
    action('d1', { status: 'done', startedOn: '2026-01-01', endedOn: '2026-03-01' }),
    action('d2', { status: 'done', startedOn: '2026-01-01', endedOn: '2026-03-05' }),
  ]
  assert.equal(ids(followUpsFor(list, '2026-02-01')), ['d2', 'd1', 'r2'])
  assert.equal(ids(followUpsFor(list.slice(0, 2), '2026-02-01')), ['r2', 'r1'])
})

test('the question: an optional likert5 named after the action, in English and German', () => {
  assert.equal(followUpQuestion({ id: 'x1', title: 'Shorter meetings' }), {
    id: followUpId('x1'),
    kind: 'likert5',
    prompt: "Has 'Shorter meetings' made a difference for you?",
    required: false,
    translations: { de: { prompt: 'Hat „Shorter meetings“ für dich etwas verändert?' } },
  })
  assert.equal(
    followUpsFor([action('x1', { status: 'in progress' })], undefined)[0].question.id,
    'fu-x1',
  )
})

test.run()

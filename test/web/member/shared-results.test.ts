// Shared results on the member's page (results-list.tsx): newest first, each question's answers
// as the bars organizers see, and the comments fetched only when asked for, from the member route.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Question } from '../../../api/surveys/question'
import { createMemberApi, type QuestionResult, type Report } from '../../../web/member/api'
import { drawBars, newestFirst, resultBars } from '../../../web/member/results-model'
import { json } from './helpers'

const test = suite('shared results')

const report = (id: string, closesAt: string) =>
  ({ pulse: { id, closesAt }, participation: {}, released: true, groups: [] }) as unknown as Report

test('the most recently closed pulse comes first, whatever order the server lists them in', () => {
  const listed = [
    report('a', '2026-01-04T18:00:00Z'),
    report('b', '2026-03-01T18:00:00Z'),
    report('c', '2026-02-01T18:00:00Z'),
  ]
  assert.equal(
    newestFirst(listed).map((r) => r.pulse.id),
    ['b', 'c', 'a'],
  )
  assert.equal(
    listed.map((r) => r.pulse.id),
    ['a', 'b', 'c'],
    'the list itself is left as it was',
  )
})

const likert: Question = { id: 'q1', kind: 'likert5', prompt: 'I feel heard.', required: true }
const choice: Question = {
  id: 'q2',
  kind: 'choice',
  prompt: 'Where?',
  options: ['Hall', 'Online'],
  required: true,
}

test('one bar per possible answer, in the question order, with its share and its tone', () => {
  const r: QuestionResult = {
    questionId: 'q1',
    suppressed: false,
    n: 10,
    distribution: { '1': 1, '2': 0, '3': 2, '4': 5, '5': 2 },
  }
  const bars = resultBars(likert, r, (v) => `L${v}`)
  assert.equal(
    bars.map((b) => [b.label, b.count, b.share, b.tone]),
    [
      ['L1', 1, 0.1, 'unfav'],
      ['L2', 0, 0, 'unfav'],
      ['L3', 2, 0.2, 'neutral'],
      ['L4', 5, 0.5, 'fav'],
      ['L5', 2, 0.2, 'fav'],
    ],
  )
  // The most chosen answer fills the track, the others in proportion, as on the organizer's chart.
  assert.equal(
    drawBars(bars, 100).map((d) => d.length),
    [20, 0, 40, 100, 40],
  )
  const options = resultBars(
    choice,
    { questionId: 'q2', suppressed: false, n: 4, distribution: { Online: 3, Hall: 1 } },
    (v) => v,
  )
  assert.equal(
    options.map((b) => [b.value, b.count, b.tone]),
    [
      ['Hall', 1, 'plain'],
      ['Online', 3, 'plain'],
    ],
  )
})

test('a hidden question has no bars', () => {
  assert.equal(resultBars(likert, { questionId: 'q1', suppressed: true }, String), [])
})

test("comments come from the member's route for that pulse and question, with the member's key", async () => {
  const seen: { url: string; init: RequestInit }[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return json(200, { released: true, comments: ['Good.'] })
  }) as unknown as typeof globalThis.fetch
  const api = createMemberApi({ fetch, memberKey: () => 'MK' })
  assert.equal(await api.comments('p/1', 'q 7'), { released: true, comments: ['Good.'] })
  assert.is(seen[0].url, '/api/me/results/p%2F1/comments?questionId=q%207')
  assert.is(new Headers(seen[0].init.headers).get('authorization'), 'Bearer MK')
  assert.is(seen[0].init.method, 'GET')
})

test.run()

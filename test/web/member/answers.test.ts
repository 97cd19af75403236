import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { answerError, checkAnswers } from '../../../web/member/answers'
import { isEmptyAnswer, type Question } from '../../../api/surveys/question'

const q = (kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id: kind,
  kind,
  prompt: `a ${kind} question`,
  required: true,
  ...extra,
})
const ok = (question: Question, value: unknown) =>
  assert.is(answerError(question, value), undefined)
const bad = (question: Question, value: unknown) =>
  assert.type(answerError(question, value), 'string')

const test = suite('answers')

test('likert5 takes integers 1–5 only', () => {
  for (const v of [1, 3, 5]) ok(q('likert5'), v)
  for (const v of [0, 6, 2.5, '3', true]) bad(q('likert5'), v)
})

test('scale10 takes integers 0–10 only', () => {
  for (const v of [0, 7, 10]) ok(q('scale10'), v)
  for (const v of [-1, 11, 9.5, '9']) bad(q('scale10'), v)
})

test('yesno takes booleans only', () => {
  ok(q('yesno'), true)
  ok(q('yesno'), false)
  for (const v of ['yes', 1, 0]) bad(q('yesno'), v)
})

test('choice takes exactly one of its options', () => {
  const question = q('choice', { options: ['Red', 'Blue'] })
  ok(question, 'Blue')
  for (const v of ['Green', ['Blue'], 1]) bad(question, v)
})

test('multi takes a non-empty array of distinct options', () => {
  const question = q('multi', { options: ['a', 'b', 'c'] })
  ok(question, ['a'])
  ok(question, ['c', 'a'])
  for (const v of [['a', 'a'], ['d'], 'a', [1]]) bad(question, v)
  assert.is(answerError(question, []), 'Please answer this question.')
})

test('text takes up to 2,000 characters, counted in code points as the server counts them', () => {
  ok(q('text'), 'x'.repeat(2000))
  assert.match(answerError(q('text'), 'x'.repeat(2001))!, /2000 characters \(now 2001\)/)
  ok(q('text'), '😀'.repeat(2000)) // 4,000 UTF-16 units
  assert.match(answerError(q('text'), '😀'.repeat(2001))!, /2000 characters \(now 2001\)/)
  bad(q('text'), 42)
})

test('a required question needs an answer; an optional one may be left out', () => {
  for (const v of [undefined, null, '', '   ', []]) {
    assert.is(answerError(q('text'), v), 'Please answer this question.')
    assert.is(answerError(q('text', { required: false }), v), undefined)
  }
  assert.ok(isEmptyAnswer(' \n'))
  assert.not.ok(isEmptyAnswer(false))
  assert.not.ok(isEmptyAnswer(0))
})

test('checkAnswers lists the answers to send, leaving out unanswered optional ones', () => {
  const questions = [
    q('likert5', { id: 'a' }),
    q('text', { id: 'b', required: false }),
    q('yesno', { id: 'c', required: false }),
    q('scale10', { id: 'd' }),
  ]
  const result = checkAnswers(questions, { a: 4, b: ' ', c: false, d: 0, stray: 1 })
  assert.ok(result.ok)
  assert.equal(result.answers, [
    { questionId: 'a', value: 4 },
    { questionId: 'c', value: false },
    { questionId: 'd', value: 0 },
  ])
})

test('checkAnswers gives an error per invalid or missing question', () => {
  const questions = [q('likert5', { id: 'a' }), q('scale10', { id: 'b' }), q('yesno', { id: 'c' })]
  const result = checkAnswers(questions, { a: 9, c: true })
  assert.not.ok(result.ok)
  assert.equal(Object.keys(result.errors), ['a', 'b'])
  assert.is(result.errors.b, 'Please answer this question.')
})

test.run()

// Answers of every kind (API.md, "Public": answer value by kind): invalid shapes are 422 with
// dotted paths, store nothing and leave the token unspent; text lands in `comments`, apart from
// any response. Unit tests for api/surveys/answers.ts first, then the same rules over HTTP.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { answerProblem, checkAnswers } from '../../../../api/surveys/answers'
import type { Question } from '../../../../api/surveys/question'
import { testApp, type TestApp } from '../../../helpers/app'
import {
  everyKind,
  obtainToken,
  openPulseWithMembers,
  query,
  requiredAnswers,
  rowCounts,
  submit,
  submitWith,
  validAnswers,
} from '../../../helpers/protocol'

// ---------------------------------------------------------------- checkAnswers (unit)

const questions: Question[] = [
  { id: 'lik', kind: 'likert5', prompt: 'p', required: true },
  { id: 'sca', kind: 'scale10', prompt: 'p', required: true },
  { id: 'yn', kind: 'yesno', prompt: 'p', required: true },
  { id: 'ch', kind: 'choice', prompt: 'p', options: ['a', 'b'], required: true },
  { id: 'mu', kind: 'multi', prompt: 'p', options: ['x', 'y', 'z'], required: true },
  { id: 'opt', kind: 'likert5', prompt: 'p', required: false },
  { id: 'txt', kind: 'text', prompt: 'p', required: false },
  { id: 'must', kind: 'text', prompt: 'p', required: true },
]
const good = [
  { questionId: 'lik', value: 4 },
  { questionId: 'sca', value: 10 },
  { questionId: 'yn', value: false },
  { questionId: 'ch', value: 'b' },
  { questionId: 'mu', value: ['z', 'x'] },
  { questionId: 'must', value: 'required words' },
]
const paths = (result: ReturnType<typeof checkAnswers>) =>
  result.ok ? [] : result.errors.map((e) => e.path)
const replace = (id: string, value: unknown) =>
  good.map((a) => (a.questionId === id ? { questionId: id, value } : a))

const unit = suite('protocol: checkAnswers')

unit('accepts valid answers, pairing each with its question; optional ones may be omitted', () => {
  const result = checkAnswers(questions, good)
  assert.ok(result.ok)
  if (!result.ok) return
  assert.equal(
    result.answers.map((a) => [a.question.id, a.value]),
    good.map((a) => [a.questionId, a.value]),
  )
  const all = checkAnswers(questions, [
    ...good,
    { questionId: 'opt', value: 1 },
    { questionId: 'txt', value: '' },
  ])
  assert.ok(all.ok)
})

unit('accepts the bounds of every kind', () => {
  for (const value of [1, 5])
    assert.ok(checkAnswers(questions, replace('lik', value)).ok, `likert ${value}`)
  for (const value of [0, 10])
    assert.ok(checkAnswers(questions, replace('sca', value)).ok, `scale ${value}`)
  assert.ok(checkAnswers(questions, replace('yn', true)).ok)
  assert.ok(checkAnswers(questions, replace('mu', ['x', 'y', 'z'])).ok)
  assert.ok(checkAnswers(questions, [...good, { questionId: 'txt', value: 'é'.repeat(2000) }]).ok)
})

unit('refuses every wrong value with the answer index as path', () => {
  const wrong: [string, unknown][] = [
    ['lik', 0],
    ['lik', 6],
    ['lik', 2.5],
    ['lik', '3'],
    ['lik', null],
    ['lik', true],
    ['lik', Number.NaN],
    ['sca', 11],
    ['sca', -1],
    ['sca', 0.5],
    ['sca', '7'],
    ['yn', 'yes'],
    ['yn', 1],
    ['yn', null],
    ['ch', 'c'],
    ['ch', ['a']],
    ['ch', 'A'],
    ['ch', ''],
    ['mu', []],
    ['mu', ['x', 'x']],
    ['mu', ['w']],
    ['mu', 'x'],
    ['mu', [1]],
    ['mu', ['x', null]],
    ['must', 'x'.repeat(2001)],
    ['must', 42],
    ['must', ['words']],
    ['must', '   '],
    ['must', ''],
  ]
  for (const [id, value] of wrong) {
    const index = good.findIndex((a) => a.questionId === id)
    assert.equal(
      paths(checkAnswers(questions, replace(id, value))),
      [`answers.${index}.value`],
      `${id} ${JSON.stringify(value)}`,
    )
  }
})

unit('refuses unknown, duplicate and missing questions, and answers that are not a list', () => {
  assert.equal(paths(checkAnswers(questions, [...good, { questionId: 'nope', value: 1 }])), [
    'answers.6.questionId',
  ])
  assert.equal(paths(checkAnswers(questions, [...good, { questionId: 'lik', value: 3 }])), [
    'answers.6.questionId',
  ])
  assert.equal(paths(checkAnswers(questions, [...good, { questionId: 42, value: 3 }])), [
    'answers.6.questionId',
  ])
  assert.equal(paths(checkAnswers(questions, [...good, null])), ['answers.6.questionId'])
  assert.equal(paths(checkAnswers(questions, [...good, 'lik'])), ['answers.6.questionId'])
  assert.equal(paths(checkAnswers(questions, [...good, { questionId: '__proto__', value: 1 }])), [
    'answers.6.questionId',
  ])
  assert.equal(paths(checkAnswers(questions, good.slice(1))), ['answers'])
  for (const answers of [undefined, null, {}, 'answers', 3]) {
    assert.equal(paths(checkAnswers(questions, answers)), ['answers'], JSON.stringify(answers))
  }
  // Every problem at once.
  const many = checkAnswers(questions, [
    { questionId: 'lik', value: 9 },
    { questionId: 'lik', value: 1 },
    { questionId: 'x', value: 1 },
  ])
  assert.equal(paths(many).slice(0, 3), [
    'answers.0.value',
    'answers.1.questionId',
    'answers.2.questionId',
  ])
  assert.ok(paths(many).filter((p) => p === 'answers').length >= 4)
})

unit('answerProblem reads only the kind and options of the question', () => {
  assert.is(answerProblem(questions[3], 'a'), undefined)
  assert.type(answerProblem(questions[3], 'toString'), 'string')
  assert.type(
    answerProblem({ ...questions[4], options: ['constructor', 'x'] }, ['constructor']),
    'undefined',
  )
})

unit.run()

// ---------------------------------------------------------------- over HTTP

const test = suite<{ t: TestApp }>('protocol: answers over HTTP')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const empty = { responses: 0, answers: 0, comments: 0, spent_tokens: 0 }
const stored = async (t: TestApp) => {
  const { token_issuances, ...rest } = await rowCounts(t)
  return rest
}

test('every invalid answer shape is 422 with paths, stores nothing, and the token still works', async ({
  t,
}) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, {
    members: 5,
    questions: everyKind,
  })
  const qs: Question[] = survey.questions
  assert.equal(
    qs.map((q) => [q.kind, q.required]),
    [
      ['likert5', true],
      ['scale10', true],
      ['yesno', true],
      ['choice', true],
      ['multi', true],
      ['likert5', false],
      ['text', false],
    ],
  )
  const [lik, sca, yn, ch, mu, , txt] = qs
  const base = requiredAnswers(qs)
  const token = await obtainToken(t, pulse.id, members[0].memberKey!)
  const at = (q: Question, value: any) =>
    base.map((a) => (a.questionId === q.id ? { questionId: q.id, value } : a))
  const index = (q: Question) => base.findIndex((a) => a.questionId === q.id)
  const cases: [string, unknown, string[]][] = [
    [
      'unknown question id',
      [...base, { questionId: 'no-such-question', value: 3 }],
      ['answers.5.questionId'],
    ],
    ['duplicate question', [...base, { questionId: lik.id, value: 3 }], ['answers.5.questionId']],
    ['missing required', base.slice(1), ['answers']],
    ['no answers at all', [], ['answers', 'answers', 'answers', 'answers', 'answers']],
    ['answers not a list', { [lik.id]: 3 }, ['answers']],
    ['answers missing', undefined, ['answers']],
    ['likert5 0', at(lik, 0), [`answers.${index(lik)}.value`]],
    ['likert5 6', at(lik, 6), [`answers.${index(lik)}.value`]],
    ['likert5 2.5', at(lik, 2.5), [`answers.${index(lik)}.value`]],
    ['likert5 "3"', at(lik, '3'), [`answers.${index(lik)}.value`]],
    ['scale10 11', at(sca, 11), [`answers.${index(sca)}.value`]],
    ['scale10 -1', at(sca, -1), [`answers.${index(sca)}.value`]],
    ['yesno "yes"', at(yn, 'yes'), [`answers.${index(yn)}.value`]],
    ['choice not an option', at(ch, 'Sun'), [`answers.${index(ch)}.value`]],
    ['multi empty', at(mu, []), [`answers.${index(mu)}.value`]],
    ['multi duplicate', at(mu, ['chat', 'chat']), [`answers.${index(mu)}.value`]],
    ['multi not an option', at(mu, ['chat', 'fax']), [`answers.${index(mu)}.value`]],
    [
      'text over 2000 characters',
      [...base, { questionId: txt.id, value: 'x'.repeat(2001) }],
      ['answers.5.value'],
    ],
    ['text not a string', [...base, { questionId: txt.id, value: 7 }], ['answers.5.value']],
  ]
  for (const [what, answers, expected] of cases) {
    const res = await submit(t, pulse.id, { keyId: token.keyId, ...token.signed, answers })
    assert.is(res.status, 422, what)
    assert.is(res.headers.get('content-type'), 'application/problem+json', what)
    assert.equal(
      res.body.errors.map((e: any) => e.path),
      expected,
      what,
    )
    assert.ok(
      res.body.errors.every((e: any) => typeof e.message === 'string' && e.message),
      what,
    )
    assert.equal(await stored(t), empty, what)
  }
  const ok = await submitWith(t, pulse.id, token, base)
  assert.is(ok.status, 201)
  assert.equal(await stored(t), { responses: 1, answers: 5, comments: 0, spent_tokens: 1 })
  // Order of checks: invalid answers are 422 even for a spent token (422 before 409).
  assert.is((await submitWith(t, pulse.id, token, at(lik, 9))).status, 422)
  assert.is((await submitWith(t, pulse.id, token, base)).status, 409)
})

test('values are stored as JSON under a random response id; optional questions may be omitted', async ({
  t,
}) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, {
    members: 5,
    questions: everyKind,
  })
  const qs: Question[] = survey.questions
  const token = await obtainToken(t, pulse.id, members[0].memberKey!)
  const answers = [
    { questionId: qs[0].id, value: 5 },
    { questionId: qs[1].id, value: 0 },
    { questionId: qs[2].id, value: false },
    { questionId: qs[3].id, value: 'Tue' },
    { questionId: qs[4].id, value: ['calls', 'chat'] },
  ]
  assert.is((await submitWith(t, pulse.id, token, answers)).status, 201)
  const [response] = await query(t, 'select * from responses')
  assert.equal(Object.keys(response).sort(), ['answers', 'id', 'key_id', 'pulse_id'])
  assert.is(response.key_id, token.keyId)
  assert.match(String(response.id), /^[A-Za-z0-9_-]{22}$/)
  const stored: Record<string, string> = JSON.parse(String(response.answers))
  const byQuestion = Object.fromEntries(
    Object.entries(stored).map(([q, value]) => [q, JSON.parse(value)]),
  )
  assert.equal(byQuestion, Object.fromEntries(answers.map((a) => [a.questionId, a.value])))
  assert.is((await rowCounts(t)).comments, 0)
})

test('text answers land in comments with no link to their response; blank text is not stored', async ({
  t,
}) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, {
    members: 6,
    questions: everyKind,
  })
  const qs: Question[] = survey.questions
  const txt = qs.find((q) => q.kind === 'text')!
  const withText = (text: string, seed: number) => [
    ...requiredAnswers(qs, seed),
    { questionId: txt.id, value: text },
  ]

  const long = 'ü'.repeat(2000)
  const texts = ['  The meetings run late.  ', long]
  for (const [i, text] of texts.entries()) {
    const token = await obtainToken(t, pulse.id, members[i].memberKey!)
    assert.is((await submitWith(t, pulse.id, token, withText(text, i))).status, 201)
  }
  for (const [i, blank] of ['', '   ', '\n\t'].entries()) {
    const token = await obtainToken(t, pulse.id, members[2 + i].memberKey!)
    assert.is(
      (await submitWith(t, pulse.id, token, withText(blank, i))).status,
      201,
      JSON.stringify(blank),
    )
  }
  const comments = await query(t, 'select * from comments')
  assert.equal(Object.keys(comments[0]).sort(), [
    'hidden_reason',
    'id',
    'pulse_id',
    'question_id',
    'reply_hash',
    'text',
  ])
  assert.equal(comments.map((c) => c.text).sort(), [...texts].sort())
  assert.ok(comments.every((c) => c.question_id === txt.id && c.pulse_id === pulse.id))
  // Nothing joins a comment to a response: distinct random ids, no text among its answers.
  const responses = await query(t, 'select id from responses')
  assert.is(responses.length, 5)
  const responseIds = new Set(responses.map((r) => r.id))
  assert.ok(comments.every((c) => !responseIds.has(c.id)))
  const stored = await query(t, 'select answers from responses')
  assert.ok(
    stored.every((r) => !(txt.id in JSON.parse(String(r.answers)))),
    'no text among the answers of a response',
  )
  assert.equal(
    stored.map((r) => Object.keys(JSON.parse(String(r.answers))).length),
    [5, 5, 5, 5, 5],
  )
})

test('a required text question: blank is 422, words are stored as a comment', async ({ t }) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, {
    members: 5,
    questions: [
      { kind: 'yesno', prompt: 'Yes or no?' },
      { kind: 'text', prompt: 'Tell us', required: true },
    ],
  })
  const [yn, txt] = survey.questions as Question[]
  assert.is(txt.required, true)
  const token = await obtainToken(t, pulse.id, members[0].memberKey!)
  const blank = await submitWith(t, pulse.id, token, [
    { questionId: yn.id, value: true },
    { questionId: txt.id, value: '  ' },
  ])
  assert.is(blank.status, 422)
  assert.equal(
    blank.body.errors.map((e: any) => e.path),
    ['answers.1.value'],
  )
  const missing = await submitWith(t, pulse.id, token, [{ questionId: yn.id, value: true }])
  assert.equal(
    missing.body.errors.map((e: any) => e.path),
    ['answers'],
  )
  assert.equal(await stored(t), empty)
  const ok = await submitWith(t, pulse.id, token, [
    { questionId: yn.id, value: true },
    { questionId: txt.id, value: 'words' },
  ])
  assert.is(ok.status, 201)
  assert.equal(await stored(t), { responses: 1, answers: 1, comments: 1, spent_tokens: 1 })
})

test('the trust-pulse template answered in full stores its comment apart', async ({ t }) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const token = await obtainToken(t, pulse.id, members[0].memberKey!)
  assert.is((await submitWith(t, pulse.id, token, validAnswers(survey.questions, 2))).status, 201)
  assert.equal(await stored(t), {
    responses: 1,
    answers: survey.questions.length - 1,
    comments: 1,
    spent_tokens: 1,
  })
})

test.run()

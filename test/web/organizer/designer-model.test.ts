// The designer's model with the server stubbed: which questions are open (the rest are one
// compact line), and that moving them keeps each question's state.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Question, Survey } from '../../../web/organizer/api-types'
import { DesignerModel, type Designer } from '../../../web/organizer/models/designer-model'

const questions: Question[] = [
  { id: 'a', kind: 'likert5', prompt: 'I can speak up here.', required: true },
  { id: 'b', kind: 'yesno', prompt: 'Did you come last week?', required: true },
  { id: 'c', kind: 'likert5', prompt: 'Write your first statement here', required: true },
  { id: 'd', kind: 'text', prompt: 'Anything else?', required: false },
]
const survey = (qs: Question[]): Survey =>
  ({
    id: 's',
    communityId: 'c',
    title: 'Check-in',
    description: '',
    questions: qs,
    archived: false,
  }) as Survey

const realFetch = globalThis.fetch
const g = globalThis as Record<string, unknown>
let saved: unknown[] = []

/** Answers the designer's requests: the survey, no pulses, no suggestions; PATCH echoes. */
function serve(start: Question[]) {
  saved = []
  globalThis.fetch = (async (url: string, init: RequestInit = {}) => {
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
    if (init.method === 'PATCH') {
      const body = JSON.parse(String(init.body))
      saved.push(body)
      const ids = ['a', 'b', 'c', 'd', 'e', 'f']
      return json(
        survey(
          body.questions.map((q: Question, i: number) => ({
            ...q,
            required: q.required ?? true,
            id: ids[i],
          })),
        ),
      )
    }
    if (url === '/api/surveys/s') return json(survey(start))
    return json([])
  }) as typeof fetch
}

async function loaded(start = questions): Promise<Designer> {
  serve(start)
  const m = new DesignerModel('s')
  for (let i = 0; i < 20 && !m.ready.value; i++) await new Promise((r) => setTimeout(r, 1))
  assert.ok(m.ready.value, 'the survey loaded')
  return m
}
const openPrompts = (m: Designer) =>
  m.questions.value.filter((d) => m.open.value.has(d.key)).map((d) => d.prompt)

const test = suite('designer model: compact questions')
test.before(() => {
  // The leave guard listens on window and document once the draft differs from the saved one.
  g.addEventListener = g.removeEventListener = () => {}
  g.document = { addEventListener() {}, removeEventListener() {} }
})
test.after(() => {
  globalThis.fetch = realFetch
  delete g.addEventListener
  delete g.removeEventListener
  delete g.document
})

test('questions load as compact lines, except a placeholder, which opens to be rewritten', async () => {
  const m = await loaded()
  assert.equal(openPrompts(m), ['Write your first statement here'])
  assert.equal(m.placeholders.value, [2])
})

test('a question opens and folds back; several can be open', async () => {
  const m = await loaded()
  const [first, second] = m.questions.value
  m.toggleQuestion(first.key)
  m.toggleQuestion(second.key)
  assert.equal(openPrompts(m), [first.prompt, second.prompt, 'Write your first statement here'])
  m.toggleQuestion(first.key)
  assert.equal(openPrompts(m), [second.prompt, 'Write your first statement here'])
})

test('moving by keyboard (one place) or to an end keeps each question open or folded', async () => {
  const m = await loaded()
  m.moveQuestion(2, -1) // the ↑ button (or Alt+↑) on the open placeholder
  assert.equal(
    m.questions.value.map((d) => d.id),
    ['a', 'c', 'b', 'd'],
  )
  assert.equal(openPrompts(m), ['Write your first statement here'])
  m.moveQuestionTo(1, 3) // Alt+End, or a drag to the bottom
  assert.equal(
    m.questions.value.map((d) => d.id),
    ['a', 'b', 'd', 'c'],
  )
  assert.equal(m.placeholders.value, [3])
  assert.ok(m.dirty.value, 'the new order is an unsaved change')
})

test('an added question opens; a question with a problem opens when saving fails', async () => {
  const m = await loaded()
  m.toggleQuestion(m.questions.value[2].key) // fold the placeholder
  m.addQuestion('choice')
  assert.equal(openPrompts(m), [''])
  m.toggleQuestion(m.questions.value[4].key)
  assert.equal(openPrompts(m), [])
  assert.is(await m.submit(), false)
  assert.equal(openPrompts(m), [''], 'the new question has no prompt and blank options')
  assert.equal(saved, [])
})

test('after saving, the questions that were open stay open', async () => {
  const m = await loaded()
  m.editQuestion(2, (d) => ({ ...d, prompt: 'I feel heard here.' }))
  assert.equal(m.placeholders.value, [])
  assert.is(await m.submit(), true)
  assert.is(saved.length, 1)
  assert.equal(openPrompts(m), ['I feel heard here.'])
})

test.run()

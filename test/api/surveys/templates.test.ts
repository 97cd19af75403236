import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { questionInput, questionsInput } from '../../../api/surveys/questions'
import { templates } from '../../../api/surveys/templates'

const byId = (id: string) => {
  const template = templates.find((t) => t.id === id)
  if (!template) throw new Error(`no template ${id}`)
  return template
}

const test = suite('templates')

test('ids are unique and include trust-pulse and community-health', () => {
  const ids = templates.map((t) => t.id)
  assert.is(new Set(ids).size, ids.length)
  assert.ok(ids.includes('trust-pulse') && ids.includes('community-health'))
})

test('every template has a title, a description and a valid question list', () => {
  for (const t of templates) {
    assert.ok(t.title.trim() && t.description.trim(), t.id)
    assert.ok(questionsInput.safeParse(t.questions).success, t.id)
  }
})

test('every question passes questionInput unchanged, and prompts are not repeated', () => {
  for (const t of templates) {
    for (const q of t.questions) {
      const parsed = questionInput.safeParse(q)
      assert.ok(parsed.success, `${t.id}: ${q.prompt}`)
      assert.equal(parsed.data, q)
    }
    assert.is(new Set(t.questions.map((q) => q.prompt)).size, t.questions.length, t.id)
  }
})

test('trust-pulse: 8–12 questions, mostly likert5, covering its four dimensions', () => {
  const { questions } = byId('trust-pulse')
  assert.ok(questions.length >= 8 && questions.length <= 12)
  const likert = questions.filter((q) => q.kind === 'likert5')
  assert.ok(likert.length > questions.length / 2)
  const dims = new Set(likert.map((q) => q.dimension))
  for (const d of ['psychological safety', 'trust in peers', 'voice', 'learning']) {
    assert.ok(dims.has(d), d)
  }
})

test('trust-pulse: exactly one scale10 and one optional text question', () => {
  const { questions } = byId('trust-pulse')
  assert.is(questions.filter((q) => q.kind === 'scale10').length, 1)
  const text = questions.filter((q) => q.kind === 'text')
  assert.is(text.length, 1)
  assert.is(text[0].required, false)
  assert.ok(questions.every((q) => q.kind === 'text' || q.required !== false))
})

test('community-health: 10–16 questions mixing every kind, with options where needed', () => {
  const { questions } = byId('community-health')
  assert.ok(questions.length >= 10 && questions.length <= 16)
  const kinds = new Set(questions.map((q) => q.kind))
  assert.equal([...kinds].sort(), ['choice', 'likert5', 'multi', 'scale10', 'text', 'yesno'])
  assert.is(questions.filter((q) => q.kind === 'scale10').length, 1)
  assert.ok(questions.filter((q) => q.kind === 'text').every((q) => q.required === false))
  for (const d of ['belonging', 'inclusion', 'communication', 'sustainability']) {
    assert.ok(
      questions.some((q) => q.kind === 'likert5' && q.dimension === d),
      d,
    )
  }
})

test.run()

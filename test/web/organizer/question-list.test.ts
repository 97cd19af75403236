import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Question } from '../../../web/organizer/api-types'
import * as q from '../../../web/organizer/models/question-list'

const stored: Question[] = [
  { id: 'a', kind: 'likert5', prompt: 'I can speak up', dimension: 'voice', required: true },
  { id: 'b', kind: 'choice', prompt: 'Pick one', options: ['x', 'y'], required: true },
  { id: 'c', kind: 'text', prompt: 'Anything else?', required: false },
]

const drafts = suite('question list')

drafts('round-trips stored questions to the PATCH body, keeping ids and order', () => {
  const input = q.toInput(q.toDrafts(stored))
  assert.equal(input, [
    { id: 'a', kind: 'likert5', prompt: 'I can speak up', required: true, dimension: 'voice' },
    { id: 'b', kind: 'choice', prompt: 'Pick one', required: true, options: ['x', 'y'] },
    { id: 'c', kind: 'text', prompt: 'Anything else?', required: false },
  ])
})

drafts('gives every draft a distinct local key', () => {
  const keys = q.toDrafts(stored).map((d) => d.key)
  assert.is(new Set(keys).size, 3)
})

drafts('adds text questions optional and choice questions with two option slots', () => {
  const list = q.addQuestion(q.addQuestion([], 'text'), 'multi')
  assert.is(list[0].required, false)
  assert.equal(list[0].options, [])
  assert.is(list[1].required, true)
  assert.equal(list[1].options, ['', ''])
  assert.is(list[1].id, undefined)
})

drafts('moves up and down and ignores moves past either end', () => {
  const list = ['a', 'b', 'c']
  assert.equal(q.move(list, 0, 1), ['b', 'a', 'c'])
  assert.equal(q.move(list, 2, -1), ['a', 'c', 'b'])
  assert.is(q.move(list, 0, -1), list)
  assert.is(q.move(list, 2, 1), list)
})

drafts('deletes only the question at the index', () => {
  const list = q.toDrafts(stored)
  assert.equal(
    q.removeAt(list, 1).map((d) => d.id),
    ['a', 'c'],
  )
})

drafts('drops options and blank dimensions from non-choice questions', () => {
  const [first] = q.toDrafts(stored)
  const changed = q.changeKind({ ...first, kind: 'choice', options: ['p', 'q'] }, 'yesno')
  const [input] = q.toInput([{ ...changed, dimension: '  ' }])
  assert.equal(input, { id: 'a', kind: 'yesno', prompt: 'I can speak up', required: true })
})

drafts('switching to text makes a question optional, and back makes it required', () => {
  const [first] = q.toDrafts(stored)
  const text = q.changeKind(first, 'text')
  assert.is(text.required, false)
  assert.is(q.changeKind(text, 'scale10').required, true)
  const notRequired = { ...first, required: false }
  assert.is(q.changeKind(notRequired, 'scale10').required, false)
})

drafts('switching to a choice kind keeps options and pads to two', () => {
  const [first] = q.toDrafts(stored)
  assert.equal(q.changeKind(first, 'choice').options, ['', ''])
  const withThree = { ...first, options: ['1', '2', '3'] }
  assert.equal(q.changeKind(withThree, 'multi').options, ['1', '2', '3'])
})

drafts('edits, adds, moves and removes options', () => {
  let d = q.newQuestion('choice')
  d = q.editOption(d, 0, 'Red')
  d = q.editOption(d, 1, 'Blue')
  d = q.addOption(d)
  d = q.editOption(d, 2, 'Green')
  d = q.moveOption(d, 2, -2)
  assert.equal(d.options, ['Green', 'Red', 'Blue'])
  assert.equal(q.removeOption(d, 1).options, ['Green', 'Blue'])
})

drafts('lists distinct dimensions from several sources, sorted', () => {
  const dims = q.dimensionsOf(q.toDrafts(stored), [
    { dimension: 'safety' },
    { dimension: 'voice ' },
    {},
  ])
  assert.equal(dims, ['safety', 'voice'])
})

drafts.run()

const validate = suite('question validation')

validate('accepts the stored questions', () => {
  assert.equal(q.validateQuestions(q.toDrafts(stored)), [])
})

validate('wants at least one question', () => {
  assert.equal(q.validateQuestions([]), [
    { path: 'questions', message: 'add at least one question' },
  ])
})

validate('points at the blank prompt and the blank option by server path', () => {
  const list = [...q.toDrafts(stored), q.newQuestion('choice')]
  const paths = q.validateQuestions(list).map((p) => p.path)
  assert.equal(paths, ['questions.3.prompt', 'questions.3.options.0'])
})

validate('refuses repeated options and a single option', () => {
  const base = { ...q.newQuestion('multi'), prompt: 'Which?' }
  const twice = q.validateQuestions([{ ...base, options: ['a', ' a'] }])
  assert.equal(twice, [{ path: 'questions.0.options', message: 'options must be distinct' }])
  const one = q.validateQuestions([{ ...base, options: ['a'] }])
  assert.equal(one, [{ path: 'questions.0.options', message: 'needs at least two options' }])
})

validate('applies the server length limits', () => {
  const base = {
    ...q.newQuestion('choice'),
    prompt: 'p'.repeat(501),
    options: ['a', 'b'.repeat(201)],
  }
  assert.equal(
    q.validateQuestions([{ ...base, dimension: 'd'.repeat(61) }]).map((p) => p.path),
    ['questions.0.prompt', 'questions.0.dimension', 'questions.0.options.1'],
  )
})

validate.run()

const translations = suite('question translations in the designer')

translations('keeps stored translations through the designer, so saving does not drop them', () => {
  const translated: Question[] = [
    {
      id: 'b',
      kind: 'choice',
      prompt: 'Pick one',
      options: ['x', 'y'],
      required: true,
      translations: { de: { prompt: 'Wähle', options: ['ix', 'ypsilon'] } },
    },
    {
      id: 'a',
      kind: 'likert5',
      prompt: 'I can speak up',
      required: true,
      translations: { de: { prompt: 'Ich kann mich äußern' } },
    },
  ]
  assert.equal(
    q.toInput(q.toDrafts(translated)).map((x) => x.translations),
    translated.map((x) => x.translations),
  )
})

translations(
  'adds, edits and removes a translation; blank options are left out, not sent empty',
  () => {
    let d = q.toDrafts(stored)[1]
    d = q.addTranslation(d)
    d = q.editTranslation(d, 0, { lang: ' de ', prompt: ' Wähle eins ' })
    assert.equal(q.toInput([d])[0].translations, { de: { prompt: 'Wähle eins' } })
    d = q.editTranslation(d, 0, { options: ['ix', 'ypsilon'] })
    assert.equal(q.toInput([d])[0].translations, {
      de: { prompt: 'Wähle eins', options: ['ix', 'ypsilon'] },
    })
    assert.equal(q.toInput([q.removeTranslation(d, 0)])[0].translations, undefined)
  },
)

translations(
  'checks language codes, prompts, duplicates and options before saving, with server paths',
  () => {
    let d = q.addTranslation(q.addTranslation(q.addTranslation(q.toDrafts(stored)[1])))
    d = q.editTranslation(d, 0, { lang: 'German', prompt: 'Wähle' })
    d = q.editTranslation(d, 1, { lang: 'de', prompt: '', options: ['ix'] })
    d = q.editTranslation(d, 2, { lang: 'de', prompt: 'Wähle' })
    assert.equal(
      q.validateQuestions([d]).map((p) => p.path),
      [
        'questions.0.translations.German.lang',
        'questions.0.translations.de.prompt',
        'questions.0.translations.de.options',
        'questions.0.translations.de.lang',
      ],
    )
  },
)

translations.run()

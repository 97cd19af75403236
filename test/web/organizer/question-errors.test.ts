import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  questionError,
  questionsWithErrors,
  sortDesignerErrors,
} from '../../../web/organizer/models/question-errors'

const errors = suite('designer errors')

errors('puts question paths at their question and field', () => {
  const sorted = sortDesignerErrors([
    { path: 'questions.2.options', message: 'needs at least two options' },
    { path: 'questions.0.prompt', message: 'too long' },
    { path: 'questions.2.options.1', message: 'too long' },
    { path: 'questions.4', message: 'unknown kind' },
  ])
  assert.equal(sorted.questions.get(2), {
    options: 'needs at least two options',
    'options.1': 'too long',
  })
  assert.equal(sorted.questions.get(0), { prompt: 'too long' })
  assert.equal(sorted.questions.get(4), { '': 'unknown kind' })
  assert.equal(questionsWithErrors(sorted), [0, 2, 4])
  assert.equal(sorted.survey, {})
})

errors('keeps survey-level and unknown paths with the survey, first message wins', () => {
  const sorted = sortDesignerErrors([
    { path: 'title', message: 'required' },
    { path: 'title', message: 'second' },
    { path: 'questions', message: 'at most 100' },
    { path: 'questionsx.1', message: 'odd' },
  ])
  assert.equal(sorted.survey, {
    title: 'required',
    questions: 'at most 100',
    'questionsx.1': 'odd',
  })
  assert.is(sorted.questions.size, 0)
})

errors('finds a message at a field or below it', () => {
  const e = { 'options.1': 'too long', prompt: 'required' }
  assert.is(questionError(e, 'options'), 'too long')
  assert.is(questionError(e, 'options.1'), 'too long')
  assert.is(questionError(e, 'prompt'), 'required')
  assert.is(questionError(e, 'dimension'), undefined)
  assert.is(questionError(undefined, 'prompt'), undefined)
})

errors('handles a missing errors list', () => {
  const sorted = sortDesignerErrors(undefined)
  assert.equal(sorted.survey, {})
  assert.is(sorted.questions.size, 0)
})

errors.run()

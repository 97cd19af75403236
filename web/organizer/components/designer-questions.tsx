import { useSignal } from '@preact/signals'
import type { QuestionKind } from '../api-types'
import type { Designer } from '../models/designer-model'
import { questionsWithErrors } from '../models/question-errors'
import { kindLabels } from '../models/question-list'
import { FieldError } from './field'
import { QuestionEditor } from './question-editor'
import { QuestionSummary } from './question-summary'

const kinds = Object.keys(kindLabels) as QuestionKind[]

/** The designer's question list: the lock notice, each question, and adding one. */
export function DesignerQuestions({ m, editable }: { m: Designer; editable: boolean }) {
  const kind = useSignal<QuestionKind>('likert5')
  const locked = m.locked.value
  const readOnly = locked || !editable
  const errors = m.errors.value
  const withErrors = questionsWithErrors(errors)
  const questions = m.questions.value
  const add = () => {
    m.addQuestion(kind.value)
    const index = m.questions.value.length - 1
    requestAnimationFrame(() => document.getElementById(`q-${index}-prompt`)?.focus())
  }
  return (
    <section class="designer-questions" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions</h2>
      {locked && (
        <div class="notice notice-warning" role="status">
          <p>
            A pulse of this survey has opened, so its questions are fixed: that way every pulse asks
            the same thing and trends compare like with like. You can still change the title and
            description. To ask something else, start a new survey.
          </p>
          {editable && m.questionsChanged.value && (
            <p>
              Your question changes could not be saved.{' '}
              <button
                type="button"
                class="button-secondary button-small"
                onClick={m.undoQuestionChanges}
              >
                Undo question changes
              </button>
            </p>
          )}
        </div>
      )}
      {withErrors.length > 0 && (
        <p class="notice notice-error" role="alert">
          Check question{withErrors.length > 1 ? 's' : ''} {withErrors.map((i) => i + 1).join(', ')}{' '}
          below.
        </p>
      )}
      {!readOnly && (
        <p class="hint">
          A dimension names what a question measures, such as voice or trust in peers: reports
          average the agreement questions that share one.
        </p>
      )}
      <FieldError id="questions" error={errors.survey.questions} />
      <datalist id="dimension-list">
        {m.dimensions.value.map((d) => (
          <option value={d} key={d} />
        ))}
      </datalist>
      <ol class="question-list">
        {questions.map((question, i) =>
          readOnly ? (
            <QuestionSummary
              key={question.key}
              question={question}
              index={i}
              count={questions.length}
            />
          ) : (
            <QuestionEditor
              key={question.key}
              question={question}
              index={i}
              count={questions.length}
              errors={errors.questions.get(i)}
              onChange={m.editQuestion}
              onMove={m.moveQuestion}
              onRemove={m.removeQuestion}
            />
          ),
        )}
      </ol>
      {!readOnly && (
        <div class="add-row">
          <label for="add-question-kind">New question's answer type</label>
          <select
            id="add-question-kind"
            value={kind.value}
            onChange={(e) => (kind.value = e.currentTarget.value as QuestionKind)}
          >
            {kinds.map((k) => (
              <option value={k} key={k}>
                {kindLabels[k]}
              </option>
            ))}
          </select>
          <button type="button" class="button-secondary" onClick={add}>
            Add question
          </button>
        </div>
      )}
    </section>
  )
}

import { useSignal } from '@preact/signals'
import { useRef } from 'preact/hooks'
import type { QuestionKind } from '../api-types'
import { announce } from '../models/announce'
import type { Designer } from '../models/designer-model'
import { questionsWithErrors } from '../models/question-errors'
import { kindLabels } from '../models/question-list'
import { movedMessage, placeholderNotice } from '../models/question-outline'
import { followDrag } from './drag-reorder'
import { DuplicateSurvey } from './duplicate-survey'
import { FieldError } from './field'
import { QuestionRow } from './question-row'
import { QuestionSummary } from './question-summary'

const kinds = Object.keys(kindLabels) as QuestionKind[]

/**
 * The designer's question list: the lock notice, each question as one line that opens to its
 * editor (moved by buttons, Alt+arrows or dragging), and adding one.
 */
export function DesignerQuestions({ m, editable }: { m: Designer; editable: boolean }) {
  const kind = useSignal<QuestionKind>('likert5')
  const dragging = useSignal<string | null>(null)
  const list = useRef<HTMLOListElement>(null)
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
  const startDrag = (event: PointerEvent, from: number) => {
    if (!list.current) return
    dragging.value = questions[from].key
    followDrag(event, from, list.current, m.moveQuestionTo, (from, to) => {
      dragging.value = null
      if (to !== from) announce(movedMessage(from, to, m.questions.value.length))
    })
  }
  return (
    <section class="designer-questions" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions</h2>
      {locked && (
        <div class="notice notice-warning" role="status">
          <p>
            A pulse of this survey has opened, so its questions are fixed: that way every pulse asks
            the same thing and trends compare like with like. You can still change the title and
            description. To ask something else, duplicate the survey and change the copy.
          </p>
          {editable && (
            <div class="actions">
              <DuplicateSurvey m={m} />
            </div>
          )}
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
      {!readOnly && m.placeholders.value.length > 0 && (
        <p class="notice notice-warning" id="placeholder-notice">
          {placeholderNotice(m.placeholders.value)}
        </p>
      )}
      {withErrors.length > 0 && (
        <p class="notice notice-error" role="alert">
          Check question{withErrors.length > 1 ? 's' : ''} {withErrors.map((i) => i + 1).join(', ')}{' '}
          below.
        </p>
      )}
      {!readOnly && (
        <p class="hint">
          Open a question to change it. Move it with its ↑ ↓ buttons, with Alt and an arrow key on
          the question, or by dragging its ⠿ handle.
        </p>
      )}
      <FieldError id="questions" error={errors.survey.questions} />
      <datalist id="dimension-list">
        {m.dimensions.value.map((d) => (
          <option value={d} key={d} />
        ))}
      </datalist>
      <ol class={readOnly ? 'question-list' : 'question-list question-rows'} ref={list}>
        {questions.map((question, i) =>
          readOnly ? (
            <QuestionSummary
              key={question.key}
              question={question}
              index={i}
              count={questions.length}
            />
          ) : (
            <QuestionRow
              key={question.key}
              question={question}
              index={i}
              count={questions.length}
              open={m.open.value.has(question.key)}
              dragging={dragging.value === question.key}
              errors={errors.questions.get(i)}
              onToggle={m.toggleQuestion}
              onChange={m.editQuestion}
              onMove={m.moveQuestion}
              onMoveTo={m.moveQuestionTo}
              onRemove={m.removeQuestion}
              onDragStart={startDrag}
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

import type { DraftQuestion } from '../models/question-list'
import * as q from '../models/question-list'
import { questionError, type QuestionErrors } from '../models/question-errors'
import { FieldError } from './field'
import { MoveButtons } from './move-buttons'

interface OptionListProps {
  question: DraftQuestion
  /** The question's index: ids are `q-<index>-opt-<option index>`. */
  index: number
  errors?: QuestionErrors
  onChange: (change: (d: DraftQuestion) => DraftQuestion) => void
}

/** The options of a choice or multi question: edit, reorder, remove, add. */
export function OptionList({ question, index, errors, onChange }: OptionListProps) {
  const prefix = `q-${index}-opt`
  const options = question.options
  const groupError = errors?.options
  const add = () => {
    onChange(q.addOption)
    const next = options.length
    requestAnimationFrame(() => document.getElementById(`${prefix}-${next}`)?.focus())
  }
  return (
    <fieldset class="options" aria-describedby={groupError ? `${prefix}s-error` : undefined}>
      <legend>Options</legend>
      <ol class="ordered-list">
        {options.map((text, j) => {
          const id = `${prefix}-${j}`
          const error = questionError(errors, `options.${j}`)
          return (
            <li key={j} class="ordered-item">
              <label for={id} class="visually-hidden">
                Option {j + 1}
              </label>
              <input
                id={id}
                value={text}
                placeholder={`Option ${j + 1}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onInput={(e) => {
                  const value = e.currentTarget.value
                  onChange((d) => q.editOption(d, j, value))
                }}
              />
              <MoveButtons
                idPrefix={prefix}
                index={j}
                count={options.length}
                name={text ? `option “${text}”` : `option ${j + 1}`}
                onMove={(at, delta) => onChange((d) => q.moveOption(d, at, delta))}
                onRemove={(at) => onChange((d) => q.removeOption(d, at))}
                fallbackFocus={`${prefix}-add`}
              />
              <FieldError id={id} error={error} />
            </li>
          )
        })}
      </ol>
      <button
        type="button"
        id={`${prefix}-add`}
        class="button-secondary button-small"
        onClick={add}
      >
        Add option
      </button>
      <FieldError id={`${prefix}s`} error={groupError} />
    </fieldset>
  )
}

import type { QuestionKind } from '../api-types'
import { questionError, type QuestionErrors } from '../models/question-errors'
import * as q from '../models/question-list'
import { Field, FieldError } from './field'
import { OptionList } from './option-list'
import { TranslationsEditor } from './translations-editor'

interface QuestionEditorProps {
  question: q.DraftQuestion
  index: number
  count: number
  errors?: QuestionErrors
  onChange: (index: number, change: (d: q.DraftQuestion) => q.DraftQuestion) => void
  /** Folds the question back to its line. */
  onDone: () => void
  /** Deletes the question (after asking, when it has a prompt). */
  onRemove: () => void
}

const kinds = Object.keys(q.kindLabels) as QuestionKind[]

/**
 * One opened question of the designer: prompt, answer type, options, dimension, required and
 * translations, with Done (fold it back) and Delete. Its line (question-row.tsx) moves it.
 */
export function QuestionEditor(props: QuestionEditorProps) {
  const { question: d, index: i, count, errors } = props
  const id = `q-${i}`
  const change = (fn: (d: q.DraftQuestion) => q.DraftQuestion) => props.onChange(i, fn)
  const whole = errors?.['']
  const kindError = questionError(errors, 'kind')
  return (
    <div class={`question-editor${errors ? ' has-error' : ''}`}>
      <fieldset aria-describedby={whole ? `${id}-error` : undefined}>
        <legend class="visually-hidden">
          Question {i + 1} of {count}
        </legend>
        <FieldError id={id} error={whole} />
        <Field
          id={`${id}-prompt`}
          label="Question or statement"
          multiline
          required
          value={d.prompt}
          onValue={(prompt) => change((x) => ({ ...x, prompt }))}
          error={questionError(errors, 'prompt')}
        />
        <div class="field-row">
          <div class="field">
            <label for={`${id}-kind`}>Answer type</label>
            <select
              id={`${id}-kind`}
              value={d.kind}
              aria-invalid={kindError ? true : undefined}
              aria-describedby={kindError ? `${id}-kind-error` : undefined}
              onChange={(e) => {
                const kind = e.currentTarget.value as QuestionKind
                change((x) => q.changeKind(x, kind))
              }}
            >
              {kinds.map((k) => (
                <option value={k} key={k}>
                  {q.kindLabels[k]}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-kind`} error={kindError} />
          </div>
          <Field
            id={`${id}-dimension`}
            label="Dimension"
            list="dimension-list"
            value={d.dimension}
            onValue={(dimension) => change((x) => ({ ...x, dimension }))}
            hint="Optional. What the question measures, e.g. voice: reports average the agreement questions that share one."
            error={questionError(errors, 'dimension')}
          />
        </div>
        {q.hasOptions(d.kind) && (
          <OptionList question={d} index={i} errors={errors} onChange={change} />
        )}
        <div class="choice-row">
          <input
            type="checkbox"
            id={`${id}-required`}
            checked={d.required}
            aria-describedby={d.kind === 'text' ? `${id}-required-hint` : undefined}
            onChange={(e) => {
              const required = e.currentTarget.checked
              change((x) => ({ ...x, required }))
            }}
          />
          <label for={`${id}-required`}>Members must answer</label>
          {d.kind === 'text' && (
            <p class="hint" id={`${id}-required-hint`}>
              Free text is optional by default, so nobody feels pushed to write something that could
              identify them.
            </p>
          )}
        </div>
        <TranslationsEditor question={d} index={i} errors={errors} onChange={change} />
        <div class="question-tools">
          <button
            type="button"
            id={`${id}-done`}
            class="button-secondary button-small"
            aria-label={`Done with question ${i + 1}`}
            onClick={props.onDone}
          >
            Done
          </button>
          <button
            type="button"
            id={`${id}-remove`}
            class="button-icon button-small button-danger-quiet"
            onClick={props.onRemove}
            aria-label={`Delete question ${i + 1}`}
          >
            <span aria-hidden="true">✕</span> Delete
          </button>
        </div>
      </fieldset>
    </div>
  )
}

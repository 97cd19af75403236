import type { QuestionKind } from '../api-types'
import { questionError, type QuestionErrors } from '../models/question-errors'
import * as q from '../models/question-list'
import { Field, FieldError } from './field'
import { MoveButtons } from './move-buttons'
import { OptionList } from './option-list'
import { TranslationsEditor } from './translations-editor'

interface QuestionEditorProps {
  question: q.DraftQuestion
  index: number
  count: number
  errors?: QuestionErrors
  onChange: (index: number, change: (d: q.DraftQuestion) => q.DraftQuestion) => void
  onMove: (index: number, delta: number) => void
  onRemove: (index: number) => void
}

const kinds = Object.keys(q.kindLabels) as QuestionKind[]

/** One question of the designer: prompt, answer type, options, dimension, required, order. */
export function QuestionEditor(props: QuestionEditorProps) {
  const { question: d, index: i, count, errors } = props
  const id = `q-${i}`
  const change = (fn: (d: q.DraftQuestion) => q.DraftQuestion) => props.onChange(i, fn)
  const whole = errors?.['']
  const kindError = questionError(errors, 'kind')
  const remove = (at: number) => {
    const sure = !d.prompt.trim() || confirm(`Delete question ${at + 1}, “${d.prompt.trim()}”?`)
    if (sure) props.onRemove(at)
    return sure
  }
  return (
    <li class={`question-editor${errors ? ' has-error' : ''}`}>
      <fieldset aria-describedby={whole ? `${id}-error` : undefined}>
        <legend>
          Question {i + 1} of {count}
          <span class="tag">{q.kindLabels[d.kind]}</span>
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
            hint="Optional, e.g. voice"
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
          <MoveButtons
            idPrefix="q"
            index={i}
            count={count}
            name={`question ${i + 1}`}
            onMove={props.onMove}
            onRemove={remove}
            removeLabel="Delete"
            withText
            fallbackFocus="add-question-kind"
          />
        </div>
      </fieldset>
    </li>
  )
}

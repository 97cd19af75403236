import { useRef } from 'preact/hooks'
import { maxTextLength, textLength, type Question } from '../../api/surveys/question'
import { t, tn, wording } from './i18n'

export type QuestionFieldProps = {
  question: Question
  value: unknown
  onChange: (value: unknown) => void
  /** A message shown with the question and linked to it through aria-describedby. */
  error?: string
  /** The question's position, counting from 0; shown as "Question index+1 of total". */
  index: number
  total: number
}

type Choice = { label: string; value: unknown }

// Ids for the labels and descriptions of each field: a counter rather than useId, which keeps
// preact's useId out of the member bundle.
let fields = 0

/** The answers to pick from; labels in the member's language, values as the server takes them. */
function choicesFor(q: Question): Choice[] {
  if (q.kind === 'likert5')
    return [1, 2, 3, 4, 5].map((value) => ({ label: t(`l${value}`), value }))
  if (q.kind === 'scale10') return [...Array(11).keys()].map((i) => ({ label: `${i}`, value: i }))
  if (q.kind === 'yesno')
    return [
      { label: t('yes'), value: true },
      { label: t('no'), value: false },
    ]
  const labels = wording(q).options
  return (q.options ?? []).map((o, i) => ({ label: labels[i] ?? o, value: o }))
}

const hinted = ['scale10', 'multi', 'text']

/**
 * One question as a fieldset whose legend holds its position and prompt: radios for likert5,
 * scale10, yesno and choice, checkboxes for multi, a textarea with a character count for text.
 * Controlled: it shows `value` and reports every change through `onChange`. Styled by the
 * classes question, question-<kind>, question-count, question-prompt, question-optional,
 * question-hint, question-error, choices, choice, char-count (see web/styles/member.css).
 */
export function QuestionField(props: QuestionFieldProps) {
  const { question: q, value, onChange, error, index, total } = props
  const ref = useRef('')
  const id = (ref.current ||= `q${++fields}-`) // unique on the page, stable while mounted
  const hint = hinted.includes(q.kind) && t(`h.${q.kind}`)
  const described = [hint && `${id}h`, error && `${id}e`].filter(Boolean).join(' ') || undefined
  const invalid = error ? true : undefined
  return (
    <fieldset class={`question question-${q.kind}`} aria-describedby={described}>
      <legend id={`${id}l`}>
        <span class="question-count">{t('qOf', { i: index + 1, n: total })}</span>
        <span class="question-prompt">{wording(q).prompt}</span>
        {!q.required && <span class="question-optional"> {t('optional')}</span>}
      </legend>
      {hint && (
        <p id={`${id}h`} class="question-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}e`} class="question-error">
          {error}
        </p>
      )}
      {q.kind === 'text' ? (
        <TextAnswer
          id={id}
          value={value}
          onChange={onChange}
          invalid={invalid}
          described={described}
        />
      ) : (
        <div class="choices">
          {choicesFor(q).map((c) => {
            const multi = q.kind === 'multi'
            const picked = Array.isArray(value) ? value : []
            const checked = multi ? picked.includes(c.value) : value === c.value
            const toggle = () =>
              onChange(
                (q.options ?? []).filter((o) => (o === c.value ? !checked : picked.includes(o))),
              )
            return (
              <label class="choice" key={c.label}>
                <input
                  type={multi ? 'checkbox' : 'radio'}
                  name={id}
                  checked={checked}
                  aria-invalid={invalid}
                  onChange={multi ? toggle : () => onChange(c.value)}
                />
                <span>{c.label}</span>
              </label>
            )
          })}
        </div>
      )}
      {!q.required && q.kind !== 'text' && q.kind !== 'multi' && value !== undefined && (
        <button type="button" class="link-button" onClick={() => onChange(undefined)}>
          {t('clear')}
        </button>
      )}
    </fieldset>
  )
}

type TextAnswerProps = {
  id: string
  value: unknown
  onChange: (v: string) => void
  invalid?: boolean
  described?: string
}

function TextAnswer({ id, value, onChange, invalid, described }: TextAnswerProps) {
  const text = typeof value === 'string' ? value : ''
  // Characters as the server counts them (code points), so an emoji counts once.
  const left = maxTextLength - textLength(text)
  return (
    <>
      <textarea
        rows={5}
        value={text}
        aria-labelledby={`${id}l`}
        aria-describedby={`${described ?? ''} ${id}c`.trim()}
        aria-invalid={invalid}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <p id={`${id}c`} class="char-count" aria-live={left < 200 ? 'polite' : 'off'}>
        {left >= 0 ? t('left', { n: left, max: maxTextLength }) : tn('over', -left)}
      </p>
    </>
  )
}

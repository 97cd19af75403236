import { useEffect, useRef } from 'preact/hooks'
import { questionError, type QuestionErrors } from '../models/question-errors'
import * as q from '../models/question-list'
import { Field } from './field'

interface TranslationsEditorProps {
  question: q.DraftQuestion
  /** The question's index: ids are `q-<index>-tr-<translation index>-…`. */
  index: number
  errors?: QuestionErrors
  onChange: (change: (d: q.DraftQuestion) => q.DraftQuestion) => void
}

/**
 * A question's wording in other languages, behind a disclosure: a language code, the prompt and,
 * for choice questions, each option. Members whose pages are in that language read it instead.
 */
export function TranslationsEditor({
  question: d,
  index,
  errors,
  onChange,
}: TranslationsEditorProps) {
  const prefix = `q-${index}-tr`
  const count = d.translations.length
  // Closed at first (most questions are read in one language); opened when a translation needs
  // fixing, and never closed under the organizer's hands.
  const details = useRef<HTMLDetailsElement>(null)
  const broken = Object.keys(errors ?? {}).some((f) => f.startsWith('translations'))
  useEffect(() => {
    if (broken && details.current) details.current.open = true
  }, [broken])
  const add = () => {
    onChange(q.addTranslation)
    requestAnimationFrame(() => document.getElementById(`${prefix}-${count}-lang`)?.focus())
  }
  return (
    <details class="translations" ref={details}>
      <summary>Translations{count > 0 && ` (${count})`}</summary>
      <p class="hint">
        Members whose pages are set to that language (English and German today) read this wording;
        their answers count the same as everyone's.
      </p>
      {d.translations.map((t, j) => {
        const id = `${prefix}-${j}`
        const at = `translations.${t.lang.trim() || j}`
        const edit = (change: Partial<q.DraftTranslation>) =>
          onChange((x) => q.editTranslation(x, j, change))
        return (
          <fieldset class="translation" key={j}>
            <legend>
              {t.lang.trim() ? `Translation into ${t.lang.trim()}` : `Translation ${j + 1}`}
            </legend>
            <Field
              id={`${id}-lang`}
              label="Language code"
              hint="e.g. de for German"
              value={t.lang}
              onValue={(lang) => edit({ lang })}
              error={questionError(errors, `${at}.lang`) ?? errors?.[at]}
            />
            <Field
              id={`${id}-prompt`}
              label="Question or statement"
              multiline
              value={t.prompt}
              onValue={(prompt) => edit({ prompt })}
              error={questionError(errors, `${at}.prompt`)}
            />
            {q.hasOptions(d.kind) && (
              <Field
                id={`${id}-options`}
                label="Options, one a line, in the order above"
                multiline
                value={t.options.join('\n')}
                onValue={(text) => edit({ options: text.split('\n') })}
                hint={d.options.filter(Boolean).join(' · ')}
                error={questionError(errors, `${at}.options`)}
              />
            )}
            <button
              type="button"
              class="link-button"
              onClick={() => onChange((x) => q.removeTranslation(x, j))}
            >
              Remove this translation
            </button>
          </fieldset>
        )
      })}
      <button type="button" class="button-secondary" id={`${prefix}-add`} onClick={add}>
        Add a translation
      </button>
    </details>
  )
}

// The preview draws each question with the member page's own component (web/member/), so it
// shows exactly what a member will see.
import type { Signal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import { QuestionField } from '../../member/question-field'
import type { Question } from '../api-types'
import type { DraftQuestion } from '../models/question-list'

interface PreviewProps {
  title: string
  description: string
  questions: DraftQuestion[]
  values: Signal<Record<string, unknown>>
  /** The section's heading (focusable, so a page can move focus to it when it opens). */
  heading?: string
  /** Shows the questions without letting them be answered (a template before choosing it). */
  readOnly?: boolean
  /** Buttons under the preview. */
  children?: ComponentChildren
}

/** What a draft becomes for the member's field: local keys stand in for ids not made yet. */
function asQuestion(d: DraftQuestion): Question {
  const question: Question = {
    id: d.key,
    kind: d.kind,
    prompt: d.prompt || '(no question yet)',
    required: d.required,
  }
  if (d.kind === 'choice' || d.kind === 'multi')
    question.options = d.options.filter((o) => o.trim())
  if (d.dimension.trim()) question.dimension = d.dimension.trim()
  return question
}

/**
 * The survey as a member will see it, drawn with the same question component the member pages
 * use. Answers given here stay in this page and are never sent.
 */
export function SurveyPreview(props: PreviewProps) {
  const { title, description, questions, values, readOnly } = props
  const list = questions.map(asQuestion)
  const fields = list.map((question, i) => (
    <QuestionField
      key={question.id}
      question={question}
      index={i}
      total={list.length}
      value={values.value[question.id]}
      onChange={(v) => (values.value = { ...values.value, [question.id]: v })}
    />
  ))
  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" tabIndex={-1}>
        {props.heading ?? 'Preview as a member'}
      </h2>
      <p class="hint">
        {readOnly
          ? 'The questions as members will see them. You can change every one after creating the survey.'
          : 'Try the questions; nothing you answer here is saved or sent.'}
      </p>
      <div class="preview-frame">
        <h3 class="preview-title">{title || 'Untitled survey'}</h3>
        {description && <p>{description}</p>}
        {readOnly ? (
          <fieldset class="preview-read-only" disabled>
            <legend class="visually-hidden">Questions, read-only</legend>
            {fields}
          </fieldset>
        ) : (
          fields
        )}
      </div>
      {props.children && <div class="actions preview-actions">{props.children}</div>}
    </section>
  )
}

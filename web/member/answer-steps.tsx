import { likertLabels, type Question } from '../shared/question'
import { QuestionField } from '../shared/question-field'
import { formFor, sentThisSession, type AnswerForm } from './answer-model'
import { model } from './app-state'
import { formatDate } from './format'
import { describeCohort } from './key-check'
import { StepTitle } from './page-title'
import type { PulseView } from './pulses-model'

function label(q: Question, v: unknown): string {
  if (v === undefined) return 'No answer'
  if (q.kind === 'likert5') return likertLabels[(v as number) - 1]
  if (q.kind === 'scale10') return `${v} of 10`
  if (q.kind === 'yesno') return v ? 'Yes' : 'No'
  return Array.isArray(v) ? v.join(', ') : String(v)
}

const focusFirstError = () => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()

/** Before sending: exactly what organizers will see, and when (DESIGN.md, "Free text with care"). */
function Review({ view, form }: { view: PulseView; form: AnswerForm }) {
  const { pulse, survey, key } = view.entry
  const answers = new Map(form.answers().map((a) => [a.questionId, a.value]))
  const comments = survey.questions.filter((q) => q.kind === 'text' && answers.has(q.id))
  const send = async () => {
    sentThisSession.add(view.pid)
    const outcome = await model.send(view.pid, form.answers())
    if (outcome.kind === 'invalid') {
      form.serverErrors(outcome.errors)
      setTimeout(focusFirstError)
    }
  }
  return (
    <section class="review" aria-labelledby="review-title">
      <StepTitle id="review-title">Before you send</StepTitle>
      <h3>What organizers will see, and when</h3>
      <p>
        Nothing is shown until the pulse closes on {formatDate(pulse.closesAt)}. Then only in groups
        of at least {pulse.minGroupSize} people; comments only when at least{' '}
        {pulse.minCommentGroupSize} people answered, shuffled and without your group. Your group is
        reported as {describeCohort(view.record.check?.cohort ?? key.cohort, view.record.check?.pooled)}.
      </p>
      {pulse.privacyMode === 'noise' && (
        <p>Every number also gets a little random noise, so no one answer can be worked out.</p>
      )}
      <p>
        While it is open, organizers see only how many people answered, rounded down to a multiple
        of {pulse.minGroupSize}. No one ever sees your answers one by one, who answered, or when.
      </p>
      <h3>Your answers</h3>
      <dl class="summary">
        {survey.questions
          .filter((q) => q.kind !== 'text')
          .map((q) => (
            <div key={q.id}>
              <dt>{q.prompt}</dt>
              <dd>{label(q, answers.get(q.id))}</dd>
            </div>
          ))}
      </dl>
      {comments.length > 0 && <h3>Your comments, as organizers will read them (emails and names the system knows are replaced)</h3>}
      {comments.map((q) => (
        <figure key={q.id} class="comment">
          <figcaption>{q.prompt}</figcaption>
          <blockquote>{answers.get(q.id) as string}</blockquote>
        </figure>
      ))}
      {comments.length > 0 && (
        <p class="meta">Names and email addresses known to trustpulse are blanked out.</p>
      )}
      <p>Once sent, your answers cannot be changed.</p>
      <div class="actions">
        <button type="button" onClick={() => (form.step.value = 'edit')}>
          Change answers
        </button>
        <button type="button" class="primary" onClick={send}>
          Send answers
        </button>
      </div>
    </section>
  )
}

/** The questions, then the review. Errors are announced and the first one takes focus. */
export function AnswerSteps({ view }: { view: PulseView }) {
  const questions = view.entry.survey.questions
  const form = formFor(view.pid, questions)
  if (form.step.value === 'review') return <Review view={view} form={form} />
  const errors = Object.keys(form.errors.value).length
  const onSubmit = (e: Event) => {
    e.preventDefault()
    if (!form.review()) {
      setTimeout(focusFirstError)
    }
  }
  return (
    <form class="answers" onSubmit={onSubmit} noValidate aria-labelledby="answers-title">
      <StepTitle id="answers-title" focus={form.step.value === 'edit'}>
        Your answers
      </StepTitle>
      {questions.map((q, i) => (
        <QuestionField
          key={q.id}
          question={q}
          value={form.values.value[q.id]}
          onChange={(v) => form.set(q, v)}
          error={form.errors.value[q.id]}
          index={i}
          total={questions.length}
        />
      ))}
      <div class="form-footer">
        <p class="progress">
          {form.answered} of {questions.length} answered
        </p>
        <p role="status" class="form-errors">
          {errors > 0 &&
            `${errors} ${errors === 1 ? 'question needs' : 'questions need'} your attention.`}
        </p>
        <button type="submit" class="primary">
          Review and send
        </button>
      </div>
    </form>
  )
}

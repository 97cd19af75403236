import { Fragment } from 'preact'
import { askedQuestions } from '../../api/actions/follow-ups'
import { maskEmails } from '../../api/reports/redact'
import type { Question } from '../../api/surveys/question'
import { QuestionField } from './question-field'
import { formFor, sentThisSession, type AnswerForm } from './answer-model'
import { model } from './app-state'
import { formatDate } from './format'
import { optionText, t, tn, wording } from './i18n'
import { describeCohort } from './key-check'
import { StepTitle } from './page-title'
import type { PulseView } from './pulses-model'

/** An answer as the member chose it, in the chosen language. */
function label(q: Question, v: unknown): string {
  if (v === undefined) return t('noAnswer')
  if (q.kind === 'likert5') return t(`l${v}`)
  if (q.kind === 'scale10') return t('of10', { n: v as number })
  if (q.kind === 'yesno') return t(v ? 'yes' : 'no')
  // Options are sent as the question's own text; the member reads their translation.
  return Array.isArray(v) ? v.map((o) => optionText(q, o)).join(', ') : optionText(q, String(v))
}

const focusFirstError = () => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()

/** Before sending: exactly what organizers will see, and when (DESIGN.md, "Free text with care"). */
function Review({ view, form }: { view: PulseView; form: AnswerForm }) {
  const { pulse, survey, key } = view.entry
  const asked = askedQuestions(survey.questions, pulse.followUps)
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
      <StepTitle id="review-title">{t('rv.title')}</StepTitle>
      <h3>{t('rv.what')}</h3>
      <p>
        {t('rv.shown', {
          date: formatDate(pulse.closesAt),
          k: pulse.minGroupSize,
          c: pulse.minCommentGroupSize,
          who: describeCohort(view.record.check?.cohort ?? key.cohort, view.record.check?.pooled),
        })}
      </p>
      {pulse.privacyMode === 'noise' && <p>{t('rv.noise')}</p>}
      <p>{t('rv.open', { k: pulse.minGroupSize })}</p>
      <h3>{t('rv.answers')}</h3>
      <dl class="summary">
        {asked
          .filter((q) => q.kind !== 'text')
          .map((q) => (
            <div key={q.id}>
              <dt>{wording(q).prompt}</dt>
              <dd>{label(q, answers.get(q.id))}</dd>
            </div>
          ))}
      </dl>
      {comments.length > 0 && <h3>{t('rv.comments')}</h3>}
      {comments.map((q) => (
        <figure key={q.id} class="comment">
          <figcaption>{wording(q).prompt}</figcaption>
          <blockquote>{maskEmails(answers.get(q.id) as string)}</blockquote>
        </figure>
      ))}
      {comments.length > 0 && <p class="meta">{t('rv.blanked')}</p>}
      {comments.length > 0 && <p class="meta">{t('rv.replies')}</p>}
      <p>{t('rv.final')}</p>
      <div class="actions">
        <button type="button" onClick={() => (form.step.value = 'edit')}>
          {t('rv.change')}
        </button>
        <button type="button" class="primary" onClick={send}>
          {t('rv.send')}
        </button>
      </div>
    </section>
  )
}

/** The questions, then the review. Errors are announced and the first one takes focus. */
export function AnswerSteps({ view }: { view: PulseView }) {
  const { survey, pulse } = view.entry
  const questions = askedQuestions(survey.questions, pulse.followUps)
  const firstFollowUp = survey.questions.length
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
        {t('rv.answers')}
      </StepTitle>
      {questions.map((q, i) => (
        <Fragment key={q.id}>
          {i === firstFollowUp && (
            <p class="follow-up-note">{tn('fu.note', questions.length - firstFollowUp)}</p>
          )}
          <QuestionField
            question={q}
            value={form.values.value[q.id]}
            onChange={(v) => form.set(q, v)}
            error={form.errors.value[q.id]}
            index={i}
            total={questions.length}
          />
        </Fragment>
      ))}
      <div class="form-footer">
        <p class="progress">{t('progress', { a: form.answered.value, n: questions.length })}</p>
        <p role="status" class="form-errors">
          {errors > 0 && tn('fix', errors)}
        </p>
        <button type="submit" class="primary">
          {t('toReview')}
        </button>
      </div>
    </form>
  )
}

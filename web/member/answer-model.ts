import { computed, signal } from '@preact/signals'
import { isEmptyAnswer, type Question } from '../../api/surveys/question'
import { answerError, checkAnswers } from './answers'

/**
 * The answering form of one pulse: values, errors and step ('form' → 'review'). Kept for the
 * session, so leaving the page and coming back keeps what was chosen; never stored on disk
 * until the member sends (then the answers wait in the store until a receipt arrives).
 */
export function createAnswerForm(questions: Question[]) {
  const values = signal<Record<string, unknown>>({})
  const errors = signal<Record<string, string>>({})
  const step = signal<'form' | 'review' | 'edit'>('form') // 'edit': back from review
  const answered = computed(
    () => questions.filter((q) => !isEmptyAnswer(values.value[q.id])).length,
  )

  /** Sets one answer; an error already shown is re-checked, so it goes once fixed. */
  function set(q: Question, value: unknown) {
    values.value = { ...values.value, [q.id]: value }
    if (errors.value[q.id]) {
      const { [q.id]: _, ...rest } = errors.value
      const error = answerError(q, value)
      errors.value = error ? { ...rest, [q.id]: error } : rest
    }
  }

  /** Moves to the review step when every answer is valid; otherwise shows why not. */
  function review(): boolean {
    const check = checkAnswers(questions, values.value)
    errors.value = check.errors
    if (check.ok) step.value = 'review'
    return check.ok
  }

  /** Shows the server's 422 errors (paths `answers.<i>...`) on the questions they concern. */
  function serverErrors(list: { path: string; message: string }[]) {
    const sent = checkAnswers(questions, values.value).answers
    const next: Record<string, string> = {}
    for (const { path, message } of list) {
      const id = sent[Number(path.split('.')[1])]?.questionId ?? questions[0]?.id
      if (id) next[id] = message
    }
    errors.value = next
    step.value = 'edit'
  }

  const answers = () => checkAnswers(questions, values.value).answers
  return { values, errors, step, answered, set, review, serverErrors, answers }
}

export type AnswerForm = ReturnType<typeof createAnswerForm>

const forms = new Map<string, AnswerForm>()
/** The session's form for a pulse. */
export function formFor(pid: string, questions: Question[]): AnswerForm {
  let form = forms.get(pid)
  if (!form) forms.set(pid, (form = createAnswerForm(questions)))
  return form
}

/** Pulses answered in this session: their thank-you takes focus when it appears. */
export const sentThisSession = new Set<string>()

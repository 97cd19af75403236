import { t } from '../member/i18n'
import { maxTextLength, type Answer, type Question } from './question'

const isInt = (v: unknown, lo: number, hi: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi

/** True when the member gave no answer: nothing, blank text or no option ticked. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  return Array.isArray(value) && value.length === 0
}

/**
 * Why `value` may not be sent for `question`, or undefined when it may. The rules are API.md's:
 * likert5 integer 1–5, scale10 integer 0–10, yesno boolean, choice one option, multi a non-empty
 * array of distinct options, text at most 2,000 characters; a required question needs an answer.
 */
export function answerError(question: Question, value: unknown): string | undefined {
  if (isEmptyAnswer(value)) return question.required ? t('e.required') : undefined
  const options = question.options ?? []
  switch (question.kind) {
    case 'likert5':
      return isInt(value, 1, 5) ? undefined : t('e.likert5')
    case 'scale10':
      return isInt(value, 0, 10) ? undefined : t('e.scale10')
    case 'yesno':
      return typeof value === 'boolean' ? undefined : t('e.yesno')
    case 'choice':
      return typeof value === 'string' && options.includes(value) ? undefined : t('e.choice')
    case 'multi': {
      const ok =
        Array.isArray(value) &&
        value.every((v) => typeof v === 'string' && options.includes(v)) &&
        new Set(value).size === value.length
      return ok ? undefined : t('e.multi')
    }
    case 'text':
      if (typeof value !== 'string') return t('e.text')
      return value.length > maxTextLength
        ? t('e.long', { max: maxTextLength, n: value.length })
        : undefined
  }
}

/** The outcome of checking a whole form: the answers to send, or an error per question id. */
export type AnswersCheck = { answers: Answer[]; errors: Record<string, string>; ok: boolean }

/**
 * Checks every question against `values` (keyed by question id). Unanswered optional questions
 * are left out of `answers`, as the server expects; values for unknown ids are ignored.
 */
export function checkAnswers(questions: Question[], values: Record<string, unknown>): AnswersCheck {
  const answers: Answer[] = []
  const errors: Record<string, string> = {}
  for (const q of questions) {
    const value = values[q.id]
    const error = answerError(q, value)
    if (error) errors[q.id] = error
    else if (!isEmptyAnswer(value))
      answers.push({ questionId: q.id, value: value as Answer['value'] })
  }
  return { answers, errors, ok: Object.keys(errors).length === 0 }
}

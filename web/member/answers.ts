import {
  answerRule,
  isEmptyAnswer,
  maxTextLength,
  textLength,
  type Answer,
  type AnswerRule,
  type Question,
} from '../../api/surveys/question'
import { t } from './i18n'

/** A rule's message key: `e.<rule>`, every way a multi answer can be wrong sharing `e.multi`. */
const keyOf = (rule: AnswerRule) => `e.${rule.startsWith('multi') ? 'multi' : rule}`

/**
 * Why `value` may not be sent for `question`, in the member's language, or undefined when it
 * may. The rules are the server's (api/surveys/question.ts); an empty answer is left out, so it
 * is refused only when the question is required.
 */
export function answerError(question: Question, value: unknown): string | undefined {
  if (isEmptyAnswer(value)) return question.required ? t('e.required') : undefined
  const rule = answerRule(question, value)
  if (rule === 'long') return t('e.long', { max: maxTextLength, n: textLength(value as string) })
  return rule && t(keyOf(rule))
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

import type { FieldError } from '../http/problem'
import { answerRule, type AnswerRule, type Question } from './question'

/** An answer that passed the checks, paired with its question. */
export interface CheckedAnswer {
  question: Question
  value: unknown
}

/** The server's words for each rule an answer breaks (question.ts decides which). */
const messages: Record<AnswerRule, string> = {
  required: 'is required',
  likert5: 'must be a whole number from 1 to 5',
  scale10: 'must be a whole number from 0 to 10',
  yesno: 'must be true or false',
  choice: 'must be one of the options',
  multi: 'must be a non-empty list of options',
  'multi-option': 'must list only the options',
  'multi-repeat': 'must not repeat an option',
  text: 'must be text of at most 2,000 characters',
  long: 'must be text of at most 2,000 characters',
}

/** Why `value` is not a valid answer to `question` (API.md, "answer value by kind"), if it is not. */
export function answerProblem(question: Question, value: unknown): string | undefined {
  const rule = answerRule(question, value)
  return rule && messages[rule]
}

/**
 * Checks a response's answers against the survey: every answer names a question once, has a
 * value of its kind, and every required question is answered. Returns the answers paired with
 * their questions, or every problem found with its dotted path.
 */
export function checkAnswers(
  questions: Question[],
  answers: unknown,
): { ok: true; answers: CheckedAnswer[] } | { ok: false; errors: FieldError[] } {
  if (!Array.isArray(answers))
    return { ok: false, errors: [{ path: 'answers', message: 'must be a list' }] }
  const byId = new Map(questions.map((q) => [q.id, q]))
  const seen = new Set<string>()
  const errors: FieldError[] = []
  const valid: CheckedAnswer[] = []
  answers.forEach((answer, i) => {
    const { questionId, value } = (answer ?? {}) as { questionId?: unknown; value?: unknown }
    const question = typeof questionId === 'string' ? byId.get(questionId) : undefined
    if (!question)
      errors.push({ path: `answers.${i}.questionId`, message: 'is not a question of this survey' })
    else if (seen.has(question.id))
      errors.push({ path: `answers.${i}.questionId`, message: 'is answered twice' })
    else {
      seen.add(question.id)
      const problem = answerProblem(question, value)
      if (problem) errors.push({ path: `answers.${i}.value`, message: problem })
      else valid.push({ question, value })
    }
  })
  for (const q of questions) {
    if (q.required && !seen.has(q.id))
      errors.push({ path: 'answers', message: `question ${q.id} is required` })
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers: valid }
}

import type { FieldError } from '../http/problem'
import type { Question } from './questions'

export interface Answer {
  question: Question
  value: unknown
}

const isInt = (v: unknown, lo: number, hi: number) =>
  Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi

/** Why `value` is not a valid answer to `question` (API.md, "answer value by kind"), if it is not. */
export function answerProblem(question: Question, value: unknown): string | undefined {
  switch (question.kind) {
    case 'likert5':
      return isInt(value, 1, 5) ? undefined : 'must be a whole number from 1 to 5'
    case 'scale10':
      return isInt(value, 0, 10) ? undefined : 'must be a whole number from 0 to 10'
    case 'yesno':
      return typeof value === 'boolean' ? undefined : 'must be true or false'
    case 'choice':
      return typeof value === 'string' && question.options!.includes(value)
        ? undefined
        : 'must be one of the options'
    case 'multi':
      if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty list of options'
      if (!value.every((v) => typeof v === 'string' && question.options!.includes(v)))
        return 'must list only the options'
      return new Set(value).size === value.length ? undefined : 'must not repeat an option'
    case 'text':
      // Characters as people count them (code points), so an emoji is one.
      return typeof value === 'string' && [...value].length <= 2000
        ? undefined
        : 'must be text of at most 2,000 characters'
  }
}

/**
 * Checks a response's answers against the survey: every answer names a question once, has a
 * value of its kind, and every required question is answered. Returns the answers paired with
 * their questions, or every problem found with its dotted path.
 */
export function checkAnswers(
  questions: Question[],
  answers: unknown,
): { ok: true; answers: Answer[] } | { ok: false; errors: FieldError[] } {
  if (!Array.isArray(answers))
    return { ok: false, errors: [{ path: 'answers', message: 'must be a list' }] }
  const byId = new Map(questions.map((q) => [q.id, q]))
  const seen = new Set<string>()
  const errors: FieldError[] = []
  const valid: Answer[] = []
  answers.forEach((answer, i) => {
    const { questionId, value } = (answer ?? {}) as { questionId?: unknown; value?: unknown }
    const question = typeof questionId === 'string' ? byId.get(questionId) : undefined
    if (!question)
      errors.push({ path: `answers.${i}.questionId`, message: 'is not a question of this survey' })
    else if (seen.has(question.id))
      errors.push({ path: `answers.${i}.questionId`, message: 'is answered twice' })
    else {
      seen.add(question.id)
      const blank = question.kind === 'text' && typeof value === 'string' && value.trim() === ''
      const problem = blank && question.required ? 'is required' : answerProblem(question, value)
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

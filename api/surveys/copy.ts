import type { Question } from './question'
import { normalizeQuestions } from './questions'

const suffix = ' (copy)'

/** The title of a copy: the original's with " (copy)", shortened to stay within 200 characters. */
export function copyTitle(title: string): string {
  return `${title.slice(0, 200 - suffix.length).trimEnd()}${suffix}`
}

/**
 * The questions of a copy: the same wording, kinds, options, dimensions, `required` and
 * translations in the same order, each under a fresh id (a copy's answers are its own, so no
 * trend joins them to the original's).
 */
export function copyQuestions(questions: Question[], newId: () => string): Question[] {
  return normalizeQuestions(
    questions.map(({ id: _, ...question }) => question),
    [],
    newId,
  )
}

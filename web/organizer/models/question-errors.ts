import type { FieldProblem } from '../api-types'

/** Errors of one question, by field: `prompt`, `options`, `options.1`, `dimension`, `''` (whole). */
export type QuestionErrors = Record<string, string>

export interface DesignerErrors {
  /** Errors of the survey itself (`title`, `description`, `questions`) and any unknown path. */
  survey: Record<string, string>
  /** Errors by question index. */
  questions: Map<number, QuestionErrors>
}

/**
 * Sorts a 422's errors to where they belong: `questions.2.options` goes to question 2, field
 * `options`; `questions.2` to question 2 as a whole; anything else stays with the survey.
 */
export function sortDesignerErrors(errors: FieldProblem[] | undefined): DesignerErrors {
  const result: DesignerErrors = { survey: {}, questions: new Map() }
  for (const { path, message } of errors ?? []) {
    const match = /^questions\.(\d+)(?:\.(.+))?$/.exec(path)
    if (!match) {
      result.survey[path] ??= message
      continue
    }
    const index = Number(match[1])
    const field = match[2] ?? ''
    const forQuestion = result.questions.get(index) ?? {}
    forQuestion[field] ??= message
    result.questions.set(index, forQuestion)
  }
  return result
}

/** The message for `field` of a question, or for anything below it (`options` → `options.1`). */
export function questionError(
  errors: QuestionErrors | undefined,
  field: string,
): string | undefined {
  if (!errors) return undefined
  if (errors[field]) return errors[field]
  const below = Object.keys(errors).find((f) => f.startsWith(`${field}.`))
  return below ? errors[below] : undefined
}

/** How many questions have an error, for a summary above the save button. */
export function questionsWithErrors(errors: DesignerErrors): number[] {
  return [...errors.questions.keys()].sort((a, b) => a - b)
}

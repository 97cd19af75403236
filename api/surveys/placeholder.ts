// The blank survey starts with one question whose prompt is a placeholder for the organizer to
// rewrite. The prompt itself is the marker: a question still worded so has not been written yet,
// so no pulse may open or be scheduled with it (routes/pulses.ts, pulses/scheduler.ts), and the
// designer says so. Pure, so the organizer's pages use the same text and the same check.
import type { QuestionKind } from './question'

/** The prompt of the blank survey's question until the organizer rewrites it. */
export const PLACEHOLDER_PROMPT = 'Write your first statement here'

/** The question a blank survey starts with (new-survey page). */
export const blankQuestion: { kind: QuestionKind; prompt: string } = {
  kind: 'likert5',
  prompt: PLACEHOLDER_PROMPT,
}

/** True while a question's prompt is still the blank survey's placeholder (spaces aside). */
export const isPlaceholder = (question: { prompt: string }): boolean =>
  question.prompt.trim() === PLACEHOLDER_PROMPT

/** Why a pulse cannot go out with question `index` (from 0): it still holds the placeholder. */
export const placeholderMessage = (index: number): string =>
  `Question ${index + 1} still says “${PLACEHOLDER_PROMPT}”: rewrite it in the survey designer before a pulse opens.`

/**
 * One problem per question whose prompt is still the placeholder, at `questions.<i>.prompt`, in
 * question order; empty when every question has been written.
 */
export function placeholderProblems(
  questions: { prompt: string }[],
): { path: string; message: string }[] {
  return questions.flatMap((question, i) =>
    isPlaceholder(question)
      ? [{ path: `questions.${i}.prompt`, message: placeholderMessage(i) }]
      : [],
  )
}

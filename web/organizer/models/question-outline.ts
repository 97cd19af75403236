// The designer shows each question as one line until it is opened, so a whole survey fits on a
// screen or two; questions are reordered from that line by keyboard (the move buttons, or Alt
// with an arrow key on the line) and by dragging its handle. Pure: tested without a browser.
import { isPlaceholder, PLACEHOLDER_PROMPT } from '../../../api/surveys/placeholder'
import type { QuestionInput } from '../api-types'
import { kindLabels, toDrafts, type DraftQuestion } from './question-list'

/** One question as its compact line shows it. */
export interface QuestionLine {
  /** Its position, counting from 1. */
  number: number
  kind: string
  /** The prompt on one line (runs of spaces and line breaks as one space). */
  prompt: string
  /** '' when the question names no dimension. */
  dimension: string
  required: boolean
  /** Still the blank survey's placeholder: no pulse opens until it is rewritten. */
  placeholder: boolean
}

/** The compact line of question `index` (from 0). */
export function questionLine(d: DraftQuestion, index: number): QuestionLine {
  return {
    number: index + 1,
    kind: kindLabels[d.kind],
    prompt: d.prompt.replace(/\s+/g, ' ').trim() || '(no question yet)',
    dimension: d.dimension.trim(),
    required: d.required,
    placeholder: isPlaceholder(d),
  }
}

/** The positions (from 0) of the questions that still hold the placeholder prompt. */
export const placeholderIndexes = (drafts: DraftQuestion[]): number[] =>
  drafts.flatMap((d, i) => (isPlaceholder(d) ? [i] : []))

/** What the designer says while questions hold the placeholder; '' when none does. */
export function placeholderNotice(indexes: number[]): string {
  if (indexes.length === 0) return ''
  const numbers = indexes.map((i) => i + 1)
  const which =
    numbers.length === 1
      ? `Question ${numbers[0]} still says`
      : `Questions ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} still say`
  const them = numbers.length === 1 ? 'it' : 'them'
  return `${which} “${PLACEHOLDER_PROMPT}”. Rewrite ${them}: no pulse of this survey can open or be scheduled until then.`
}

/** What a screen reader hears after a question moved, whichever way it was moved. */
export const movedMessage = (from: number, to: number, count: number): string =>
  `question ${from + 1} moved to position ${to + 1} of ${count}`

/**
 * Where a key pressed on question `index`'s line moves it: Alt+↑ / Alt+↓ one place, Alt+Home /
 * Alt+End to either end. Undefined for any other key, and for a move past either end (the
 * question stays, and the key keeps its usual meaning).
 */
export function keyboardTarget(
  key: { key: string; altKey: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean },
  index: number,
  count: number,
): number | undefined {
  if (!key.altKey || key.ctrlKey || key.metaKey || key.shiftKey) return undefined
  const to =
    key.key === 'ArrowUp'
      ? index - 1
      : key.key === 'ArrowDown'
        ? index + 1
        : key.key === 'Home'
          ? 0
          : key.key === 'End'
            ? count - 1
            : undefined
  return to === undefined || to < 0 || to >= count || to === index ? undefined : to
}

/**
 * Where a dragged item at `current` belongs while the pointer is at `y`, given the rows' boxes in
 * list order: it passes a neighbour once the pointer crosses that neighbour's middle, so rows of
 * different heights do not swap back and forth under a still pointer.
 */
export function dragTarget(
  y: number,
  rows: { top: number; bottom: number }[],
  current: number,
): number {
  const middle = (i: number) => (rows[i].top + rows[i].bottom) / 2
  let to = current
  while (to > 0 && y < middle(to - 1)) to--
  while (to < rows.length - 1 && y > middle(to + 1)) to++
  return to
}

/**
 * A template's questions as drafts, for the read-only preview on the new-survey page: `required`
 * as the server will fill it in (free text optional unless asked).
 */
export function templateDrafts(questions: QuestionInput[]): DraftQuestion[] {
  return toDrafts(
    questions.map(({ id: _, ...q }, i) => ({
      ...q,
      id: `template-${i}`,
      required: q.required ?? q.kind !== 'text',
    })),
  )
}

// The question shape and the answer rules, declared once: the server checks responses with them
// (answers.ts) and the member page checks its form with them before sending (web/member/answers.ts),
// so both accept exactly the same values. Pure: no zod, nothing of the server, small enough for
// the member bundle.

/** The kinds of question a survey may hold (API.md, "question"). */
export const questionKinds = ['likert5', 'scale10', 'yesno', 'choice', 'multi', 'text'] as const
export type QuestionKind = (typeof questionKinds)[number]

/** A question as stored: the server has assigned its id and filled in `required`. */
export interface Question {
  id: string
  kind: QuestionKind
  prompt: string
  options?: string[]
  dimension?: string
  required: boolean
  /** The prompt (and options, in order) in other languages, by language code. */
  translations?: Translations
}

/** A question's wording in other languages, by language code; options in the question's order. */
export type Translations = Record<string, { prompt: string; options?: string[] }>

/** What an answer may hold: likert5/scale10 numbers, yesno booleans, options and comments. */
export type AnswerValue = number | boolean | string | string[]

/** One answer as the response body carries it. */
export type Answer = { questionId: string; value: AnswerValue }

/** The longest comment a text question accepts, in characters as `textLength` counts them. */
export const maxTextLength = 2000

/**
 * The length of a comment in characters as people count them: code points, so an emoji (or a
 * lone surrogate) is one, while a ZWJ sequence, a flag or a letter with a combining mark is
 * several.
 */
export const textLength = (s: string): number => [...s].length

/** True when the member gave no answer: nothing, blank text or no option ticked. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  return Array.isArray(value) && value.length === 0
}

/**
 * Why a value may not be sent as an answer: `required` (blank text for a required question),
 * the kind whose value it is not (`likert5`, `scale10`, `yesno`, `choice`, `text`), `multi`
 * (not a non-empty list), `multi-option` (lists something that is not an option), `multi-repeat`
 * (lists an option twice) or `long` (text longer than `maxTextLength`).
 */
export type AnswerRule =
  | 'required'
  | 'likert5'
  | 'scale10'
  | 'yesno'
  | 'choice'
  | 'multi'
  | 'multi-option'
  | 'multi-repeat'
  | 'text'
  | 'long'

const isInt = (v: unknown, lo: number, hi: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi

/**
 * Why `value` may not be sent as the answer to `question`, or undefined when it may (API.md,
 * "answer value by kind"): likert5 an integer 1–5, scale10 an integer 0–10, yesno a boolean,
 * choice one of the options, multi a non-empty list of distinct options, text at most
 * `maxTextLength` characters and not blank when the question is required. Reads only the
 * question's kind, options and `required`.
 */
export function answerRule(
  question: Pick<Question, 'kind' | 'options' | 'required'>,
  value: unknown,
): AnswerRule | undefined {
  const options = question.options ?? []
  switch (question.kind) {
    case 'likert5':
      return isInt(value, 1, 5) ? undefined : 'likert5'
    case 'scale10':
      return isInt(value, 0, 10) ? undefined : 'scale10'
    case 'yesno':
      return typeof value === 'boolean' ? undefined : 'yesno'
    case 'choice':
      return typeof value === 'string' && options.includes(value) ? undefined : 'choice'
    case 'multi':
      if (!Array.isArray(value) || value.length === 0) return 'multi'
      if (!value.every((v) => typeof v === 'string' && options.includes(v))) return 'multi-option'
      return new Set(value).size === value.length ? undefined : 'multi-repeat'
    case 'text':
      if (typeof value !== 'string') return 'text'
      if (question.required && value.trim() === '') return 'required'
      return textLength(value) > maxTextLength ? 'long' : undefined
  }
}

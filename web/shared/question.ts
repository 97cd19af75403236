/** The kinds of question a survey may hold (API.md, "question"). */
export type QuestionKind = 'likert5' | 'scale10' | 'yesno' | 'choice' | 'multi' | 'text'

/** A question as the server stores it: ids assigned, `required` explicit. */
export type Question = {
  id: string
  kind: QuestionKind
  prompt: string
  options?: string[]
  dimension?: string
  required: boolean
  /** The prompt (and options, in order) in other languages, by language code. */
  translations?: Record<string, { prompt: string; options?: string[] }>
}

/** One answer as the response body carries it. */
export type Answer = { questionId: string; value: AnswerValue }

/** What an answer may hold: likert5/scale10 numbers, yesno booleans, options and comments. */
export type AnswerValue = number | boolean | string | string[]

/** The longest comment a text question accepts, in UTF-16 code units as the server counts. */
export const maxTextLength = 2000

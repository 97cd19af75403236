import * as z from 'zod/mini'
import { questionKinds, type Question } from './question'

// The shape of a question and the answer rules live in question.ts (pure, shared with the member
// page); here are only the schemas that validate what organizers send. `Question` is re-exported
// for the demo program (api/demo/), which takes it from here.
export type { Question } from './question'

const optionText = z.string().check(z.trim(), z.minLength(1), z.maxLength(200))
const promptText = z.string().check(z.trim(), z.minLength(1), z.maxLength(500))
const optionList = z.array(optionText).check(z.maxLength(30))

/** A BCP 47 language tag such as `de` or `pt-BR`, lowercase language first. */
const languageCode = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as de or pt-BR'))

export const translationsInput = z
  .record(languageCode, z.strictObject({ prompt: promptText, options: z.optional(optionList) }))
  .check(z.refine((t) => Object.keys(t).length <= 20, 'may hold at most 20 languages'))

/** A question as an organizer sends it; `id` is kept only when it names an existing question. */
export const questionInput = z
  .object({
    id: z.optional(z.string().check(z.maxLength(64))),
    kind: z.enum(questionKinds),
    prompt: promptText,
    options: z.optional(optionList),
    dimension: z.optional(z.string().check(z.trim(), z.maxLength(60))),
    required: z.optional(z.boolean()),
    translations: z.optional(translationsInput),
  })
  .check(
    z.superRefine((q, ctx) => {
      const choice = q.kind === 'choice' || q.kind === 'multi'
      if (choice && (!q.options || q.options.length < 2)) {
        ctx.issues.push({
          code: 'custom',
          input: q.options,
          path: ['options'],
          message: 'needs at least two options',
        })
      } else if (choice && new Set(q.options).size !== q.options!.length) {
        ctx.issues.push({
          code: 'custom',
          input: q.options,
          path: ['options'],
          message: 'options must be distinct',
        })
      } else if (!choice && q.options !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: q.options,
          path: ['options'],
          message: `a ${q.kind} question has no options`,
        })
      }
      // A translation's options stand for the question's options one by one.
      for (const [lang, t] of Object.entries(q.translations ?? {})) {
        if (t.options === undefined || t.options.length === (q.options?.length ?? -1)) continue
        const message = q.options
          ? `needs ${q.options.length} options, as the question has`
          : `a ${q.kind} question has no options`
        ctx.issues.push({
          code: 'custom',
          input: t.options,
          path: ['translations', lang, 'options'],
          message,
        })
      }
    }),
  )
export type QuestionInput = z.infer<typeof questionInput>

export const questionsInput = z.array(questionInput).check(z.minLength(1), z.maxLength(100))

/**
 * Turns organizer input into stored questions: keeps the ids of questions that already exist,
 * gives every other question a fresh id, and makes `required` explicit (text defaults to false).
 */
export function normalizeQuestions(
  input: QuestionInput[],
  existing: Question[],
  newId: () => string,
): Question[] {
  const known = new Set(existing.map((q) => q.id))
  const used = new Set<string>()
  return input.map((q) => {
    const id = q.id && known.has(q.id) && !used.has(q.id) ? q.id : newId()
    used.add(id)
    const question: Question = {
      id,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required ?? q.kind !== 'text',
    }
    if (q.options) question.options = q.options
    if (q.dimension) question.dimension = q.dimension
    if (q.translations && Object.keys(q.translations).length) question.translations = q.translations
    return question
  })
}

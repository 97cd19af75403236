import type { FieldProblem, Question, QuestionInput, QuestionKind } from '../api-types'
import { move, removeAt, replaceAt } from './list-ops'

export { move, removeAt, replaceAt }

/** A question being edited; `key` is local and stable across edits and moves. */
export interface DraftQuestion {
  key: string
  id?: string
  kind: QuestionKind
  prompt: string
  options: string[]
  dimension: string
  required: boolean
}

export const kindLabels: Record<QuestionKind, string> = {
  likert5: 'Agreement, 1–5',
  scale10: 'Scale, 0–10',
  yesno: 'Yes or no',
  choice: 'One choice',
  multi: 'Several choices',
  text: 'Free text',
}

export const hasOptions = (kind: QuestionKind) => kind === 'choice' || kind === 'multi'

let counter = 0
const newKey = () => `q${++counter}`

/** Drafts for the server's questions, in the same order. */
export function toDrafts(questions: Question[]): DraftQuestion[] {
  return questions.map((q) => ({
    key: newKey(),
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    options: q.options ? [...q.options] : [],
    dimension: q.dimension ?? '',
    required: q.required,
  }))
}

/** What PATCH expects: options only for choice kinds, no blank dimension, ids kept. */
export function toInput(drafts: DraftQuestion[]): QuestionInput[] {
  return drafts.map((d) => {
    const q: QuestionInput = { kind: d.kind, prompt: d.prompt.trim(), required: d.required }
    if (d.id) q.id = d.id
    if (hasOptions(d.kind)) q.options = d.options.map((o) => o.trim())
    if (d.dimension.trim()) q.dimension = d.dimension.trim()
    return q
  })
}

/** A new question of `kind`: text starts optional, choices start with two empty options. */
export function newQuestion(kind: QuestionKind): DraftQuestion {
  const options = hasOptions(kind) ? ['', ''] : []
  return { key: newKey(), kind, prompt: '', options, dimension: '', required: kind !== 'text' }
}

export function addQuestion(list: DraftQuestion[], kind: QuestionKind): DraftQuestion[] {
  return [...list, newQuestion(kind)]
}

/**
 * Changes a question's kind: choice kinds get at least two option slots; switching to or from
 * text flips `required` to that kind's default (text answers are optional unless asked).
 */
export function changeKind(q: DraftQuestion, kind: QuestionKind): DraftQuestion {
  const options = hasOptions(kind)
    ? [...q.options, '', ''].slice(0, Math.max(2, q.options.length))
    : q.options
  const textSwitch = (kind === 'text') !== (q.kind === 'text')
  return { ...q, kind, options, required: textSwitch ? kind !== 'text' : q.required }
}

export function addOption(q: DraftQuestion): DraftQuestion {
  return { ...q, options: [...q.options, ''] }
}

export function editOption(q: DraftQuestion, index: number, text: string): DraftQuestion {
  return { ...q, options: replaceAt(q.options, index, text) }
}

export function moveOption(q: DraftQuestion, index: number, delta: number): DraftQuestion {
  return { ...q, options: move(q.options, index, delta) }
}

export function removeOption(q: DraftQuestion, index: number): DraftQuestion {
  return { ...q, options: removeAt(q.options, index) }
}

/** The distinct, non-blank dimensions in use, sorted, for the dimension datalist. */
export function dimensionsOf(...lists: { dimension?: string }[][]): string[] {
  const all = lists.flat().map((q) => q.dimension?.trim() ?? '')
  return [...new Set(all.filter(Boolean))].sort((a, b) => a.localeCompare(b))
}

/** Length limits the server enforces (api/questions.ts; API.md does not fix them). */
export const limits = { questions: 100, prompt: 500, options: 30, option: 200, dimension: 60 }

/**
 * The checks the server makes on questions, run before saving so most mistakes show at once.
 * Paths match the server's (`questions.2.options`).
 */
export function validateQuestions(drafts: DraftQuestion[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  const add = (path: string, message: string) => problems.push({ path, message })
  if (drafts.length === 0) add('questions', 'add at least one question')
  if (drafts.length > limits.questions) add('questions', `at most ${limits.questions} questions`)
  drafts.forEach((d, i) => {
    const at = `questions.${i}`
    const prompt = d.prompt.trim()
    if (!prompt) add(`${at}.prompt`, 'write the question')
    else if (prompt.length > limits.prompt) {
      add(`${at}.prompt`, `at most ${limits.prompt} characters (now ${prompt.length})`)
    }
    if (d.dimension.trim().length > limits.dimension) {
      add(`${at}.dimension`, `at most ${limits.dimension} characters`)
    }
    if (!hasOptions(d.kind)) return
    const options = d.options.map((o) => o.trim())
    const blank = options.findIndex((o) => !o)
    const long = options.findIndex((o) => o.length > limits.option)
    if (blank >= 0) add(`${at}.options.${blank}`, 'write this option or remove it')
    else if (long >= 0) add(`${at}.options.${long}`, `at most ${limits.option} characters`)
    else if (options.length < 2) add(`${at}.options`, 'needs at least two options')
    else if (options.length > limits.options)
      add(`${at}.options`, `at most ${limits.options} options`)
    else if (new Set(options).size !== options.length)
      add(`${at}.options`, 'options must be distinct')
  })
  return problems
}

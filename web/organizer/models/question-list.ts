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
  translations: DraftTranslation[]
}

/** A question's wording in one other language; `options` stand for the question's, by index. */
export interface DraftTranslation {
  lang: string
  prompt: string
  options: string[]
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
    translations: Object.entries(q.translations ?? {}).map(([lang, t]) => ({
      lang,
      prompt: t.prompt,
      options: t.options ? [...t.options] : [],
    })),
  }))
}

/** The translations as the API takes them; options only when at least one is written. */
function translationsInput(d: DraftQuestion): QuestionInput['translations'] {
  const result: NonNullable<QuestionInput['translations']> = {}
  for (const t of d.translations) {
    const entry: { prompt: string; options?: string[] } = { prompt: t.prompt.trim() }
    const options = d.options.map((_, i) => (t.options[i] ?? '').trim())
    if (hasOptions(d.kind) && options.some(Boolean)) entry.options = options
    result[t.lang.trim()] = entry
  }
  return result
}

/** What PATCH expects: options only for choice kinds, no blank dimension, ids kept. */
export function toInput(drafts: DraftQuestion[]): QuestionInput[] {
  return drafts.map((d) => {
    const q: QuestionInput = { kind: d.kind, prompt: d.prompt.trim(), required: d.required }
    if (d.id) q.id = d.id
    if (hasOptions(d.kind)) q.options = d.options.map((o) => o.trim())
    if (d.dimension.trim()) q.dimension = d.dimension.trim()
    if (d.translations.length) q.translations = translationsInput(d)
    return q
  })
}

/** A new question of `kind`: text starts optional, choices start with two empty options. */
export function newQuestion(kind: QuestionKind): DraftQuestion {
  const options = hasOptions(kind) ? ['', ''] : []
  return {
    key: newKey(),
    kind,
    prompt: '',
    options,
    dimension: '',
    required: kind !== 'text',
    translations: [],
  }
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

/** Adds an empty translation, for the language code the organizer types next. */
export function addTranslation(q: DraftQuestion): DraftQuestion {
  return { ...q, translations: [...q.translations, { lang: '', prompt: '', options: [] }] }
}

export function editTranslation(
  q: DraftQuestion,
  index: number,
  change: Partial<DraftTranslation>,
): DraftQuestion {
  return {
    ...q,
    translations: replaceAt(q.translations, index, { ...q.translations[index], ...change }),
  }
}

export function removeTranslation(q: DraftQuestion, index: number): DraftQuestion {
  return { ...q, translations: removeAt(q.translations, index) }
}

const languageCode = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

/** The distinct, non-blank dimensions in use, sorted, for the dimension datalist. */
export function dimensionsOf(...lists: { dimension?: string }[][]): string[] {
  const all = lists.flat().map((q) => q.dimension?.trim() ?? '')
  return [...new Set(all.filter(Boolean))].sort((a, b) => a.localeCompare(b))
}

/** Length limits the server enforces (api/surveys/questions.ts; API.md does not fix them). */
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
    const langs = new Set<string>()
    d.translations.forEach((t, j) => {
      const lang = t.lang.trim()
      // Paths as the server names them once the language is known; by position before.
      const tat = `${at}.translations.${lang || j}`
      if (!languageCode.test(lang)) add(`${tat}.lang`, 'a language code such as de or pt-BR')
      else if (langs.has(lang)) add(`${tat}.lang`, 'this language is translated twice')
      langs.add(lang)
      if (!t.prompt.trim()) add(`${tat}.prompt`, 'write the translated question')
      const written = d.options.map((_, i) => (t.options[i] ?? '').trim())
      if (hasOptions(d.kind) && written.some(Boolean) && !written.every(Boolean)) {
        add(`${tat}.options`, 'translate every option, or none')
      }
    })
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

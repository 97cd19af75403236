import { computed, createModel, effect, signal, untracked } from '@preact/signals'
import * as api from '../api'
import type { FieldProblem, QuestionKind, Survey } from '../api-types'
import { announce } from './announce'
import { guardLeaving } from './leave-guard'
import { mutation } from './mutation'
import { sortDesignerErrors } from './question-errors'
import * as q from './question-list'
import { placeholderIndexes } from './question-outline'
import { resource } from './resource'

/** The survey designer: a draft of one survey, its checks, saving, locking and archiving. */
export const DesignerModel = createModel((sid: string) => {
  const survey = resource(() => api.getSurvey(sid))
  const pulses = resource(() => api.listPulses(sid))
  const suggestions = signal<string[]>([])
  const title = signal('')
  const description = signal('')
  const questions = signal<q.DraftQuestion[]>([])
  const baseline = signal('')
  const ready = signal(false)
  const lockedByServer = signal(false)
  const checks = signal<FieldProblem[]>([])
  const status = signal('')
  const previewValues = signal<Record<string, unknown>>({})
  const save = mutation((body: Parameters<typeof api.updateSurvey>[1]) =>
    api.updateSurvey(sid, body),
  )
  const archive = mutation(() => api.archiveSurvey(sid))
  const copy = mutation(() => api.copySurvey(sid))
  /** The questions shown whole, by draft key; every other question is one compact line. */
  const open = signal<ReadonlySet<string>>(new Set())

  /** Questions are fixed once a pulse has opened (API.md: PATCH with questions is then a 409). */
  const locked = computed(
    () =>
      lockedByServer.value ||
      (pulses.data.value ?? []).some((p) => p.status === 'open' || p.status === 'closed'),
  )
  const snapshot = computed(() =>
    JSON.stringify([title.value.trim(), description.value.trim(), q.toInput(questions.value)]),
  )
  const dirty = computed(() => ready.value && snapshot.value !== baseline.value)
  const questionsChanged = computed(
    () => ready.value && JSON.stringify(q.toInput(questions.value)) !== savedQuestions(),
  )
  const errors = computed(() =>
    sortDesignerErrors(checks.value.length ? checks.value : save.error.value?.errors),
  )
  const dimensions = computed(() =>
    q.dimensionsOf(
      questions.value,
      suggestions.value.map((dimension) => ({ dimension })),
    ),
  )

  const placeholders = computed(() => placeholderIndexes(questions.value))

  const savedQuestions = () =>
    JSON.stringify(q.toInput(q.toDrafts(survey.data.value?.questions ?? [])))

  const openAt = (indexes: number[]) => {
    const keys = indexes.map((i) => questions.value[i]?.key).filter(Boolean)
    open.value = new Set([...open.value, ...keys])
  }

  function load(s: Survey): void {
    // Drafts get new keys: the questions open before (a save) stay open by position, and on the
    // first load a placeholder opens, since it has to be rewritten.
    const wasOpen = questions.value.flatMap((d, i) => (open.value.has(d.key) ? [i] : []))
    title.value = s.title
    description.value = s.description ?? ''
    questions.value = q.toDrafts(s.questions)
    open.value = new Set()
    openAt(ready.value ? wasOpen : placeholderIndexes(questions.value))
    baseline.value = snapshot.value
    ready.value = true
  }

  async function loadSuggestions(communityId: string): Promise<void> {
    const [surveys, templates] = await Promise.all([
      api.listSurveys(communityId).catch(() => []),
      api.listTemplates().catch(() => []),
    ])
    suggestions.value = q.dimensionsOf(
      ...surveys.map((s) => s.questions),
      ...templates.map((t) => t.questions),
    )
  }

  effect(() => {
    const s = survey.data.value
    if (s && !untracked(() => ready.value))
      untracked(() => {
        load(s)
        void loadSuggestions(s.communityId)
      })
  })
  guardLeaving(dirty, 'Your changes to this survey are not saved yet. Leave anyway?')

  const setQuestions = (next: q.DraftQuestion[]) => {
    questions.value = next
    status.value = ''
  }
  const editQuestion = (i: number, change: (d: q.DraftQuestion) => q.DraftQuestion) =>
    setQuestions(q.replaceAt(questions.value, i, change(questions.value[i])))

  return {
    survey,
    pulses,
    title,
    description,
    questions,
    ready,
    locked,
    dirty,
    questionsChanged,
    errors,
    dimensions,
    status,
    save,
    archive,
    previewValues,
    copy,
    open,
    placeholders,
    touch: () => (status.value = ''),
    addQuestion(kind: QuestionKind) {
      setQuestions(q.addQuestion(questions.value, kind))
      openAt([questions.value.length - 1])
      announce(`Question ${questions.value.length} added: ${q.kindLabels[kind]}`)
    },
    /** Opens a compact question, or folds an open one back to its line. */
    toggleQuestion(key: string) {
      const next = new Set(open.value)
      if (!next.delete(key)) next.add(key)
      open.value = next
    },
    moveQuestion: (i: number, delta: number) => setQuestions(q.move(questions.value, i, delta)),
    /** Moves question `from` to position `to` (a drag, or Alt+Home / Alt+End). */
    moveQuestionTo: (from: number, to: number) =>
      setQuestions(q.move(questions.value, from, to - from)),
    removeQuestion: (i: number) => setQuestions(q.removeAt(questions.value, i)),
    editQuestion,
    /** Puts the questions back as saved (after a 409, so title and description can be saved). */
    undoQuestionChanges() {
      questions.value = q.toDrafts(survey.data.value?.questions ?? [])
      checks.value = []
    },

    /** Checks and saves; after a 409 the questions become read-only. Returns whether it saved. */
    async submit(): Promise<boolean> {
      const fixed = locked.value
      const problems = fixed ? [] : q.validateQuestions(questions.value)
      if (!title.value.trim())
        problems.unshift({ path: 'title', message: 'give the survey a title' })
      checks.value = problems
      // A question with a problem opens, so its field and message can be seen and focused.
      const withProblems = () => openAt([...errors.value.questions.keys()])
      if (problems.length) {
        withProblems()
        return false
      }
      const body = { title: title.value.trim(), description: description.value.trim() }
      const answer = await save.run(
        fixed ? body : { ...body, questions: q.toInput(questions.value) },
      )
      if (!answer) {
        withProblems()
        if (save.error.value?.status === 409) {
          lockedByServer.value = true
          void pulses.reload()
        }
        return false
      }
      survey.set(answer)
      load(answer)
      status.value = 'Survey saved.'
      return true
    },

    async archiveSurvey(): Promise<boolean> {
      await archive.run()
      if (archive.error.value) return false
      ready.value = false // nothing left to warn about when leaving
      return true
    },
  }
})

export type Designer = InstanceType<typeof DesignerModel>

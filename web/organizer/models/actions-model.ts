// Action plans ("you said, we did"): the community's list, one action's status and updates, and
// the form that plans or edits one, prefilled from a report's link.
import { createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { Action, ActionFields, ActionStatus, FollowUpPoint, Question } from '../api-types'
import { formatMean, formatShare, shortDate } from './report-format'
import { mutation } from './mutation'
import { resource } from './resource'
import { announce } from './announce'

export const statusLabels: Record<ActionStatus, string> = {
  planned: 'Planned',
  'in progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
}
export const statuses = Object.keys(statusLabels) as ActionStatus[]

/** A UTC day `2026-03-02` as people read it: "2 Mar 2026". */
export function formatDay(day: string, locale?: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  const format = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const
  return new Intl.DateTimeFormat(locale, format).format(date)
}

/** What an action answers, in one line: the question, the dimension, the group. */
export function heardLine(action: Action): string {
  const { question, dimension, group } = action.heard
  const parts = [
    question && `“${question.prompt}”`,
    dimension && `dimension ${dimension}`,
    group && Object.entries(group).map(([k, v]) => `${k}: ${v}`)[0],
  ].filter(Boolean)
  return parts.length ? parts.join(' · ') : `the survey “${action.heard.survey.title}”`
}

/** One pulse's answer to an action's follow-up question, in words. */
export function followUpLine(point: FollowUpPoint): string {
  const when = `Pulse closing ${shortDate(point.closesAt)}`
  if (!point.result) return `${when}: asked, results after it closes`
  if (point.result.suppressed) return `${when}: hidden to protect anonymity (too few answered)`
  const { favorable, mean, n } = point.result
  return `${when}: ${formatShare(favorable ?? 0)} agree it made a difference, mean ${formatMean(mean ?? 0)} of 5 (${n} answered)`
}

/** The form's values, all strings (empty = not set) but `draft`. */
export interface ActionForm {
  surveyId: string
  questionId: string
  dimension: string
  groupAttribute: string
  groupValue: string
  title: string
  plan: string
  status: ActionStatus
  targetDate: string
  draft: boolean
}

/** The form for a new action, prefilled from a report's link (`?survey=&question=&dimension=&group=team:x`). */
export function prefill(query: Record<string, string | undefined>): ActionForm {
  const [groupAttribute = '', ...value] = (query.group ?? '').split(':')
  return {
    surveyId: query.survey ?? '',
    questionId: query.question ?? '',
    dimension: query.dimension ?? '',
    groupAttribute,
    groupValue: value.join(':'),
    title: '',
    plan: '',
    status: 'planned',
    targetDate: '',
    draft: false,
  }
}

/** The form of an existing action. */
export function formOf(action: Action): ActionForm {
  const [groupAttribute = '', groupValue = ''] = Object.entries(action.group ?? {})[0] ?? []
  return {
    surveyId: action.surveyId,
    questionId: action.questionId ?? '',
    dimension: action.dimension ?? '',
    groupAttribute,
    groupValue,
    title: action.title,
    plan: action.plan,
    status: action.status,
    targetDate: action.targetDate ?? '',
    draft: action.draft,
  }
}

/** What the form sends: empty fields are not set (`null` clears them when editing). */
export function inputOf(form: ActionForm): ActionFields & { surveyId: string; title: string } {
  const or = (value: string) => value.trim() || null
  return {
    surveyId: form.surveyId,
    title: form.title.trim(),
    plan: form.plan.trim(),
    questionId: or(form.questionId),
    dimension: or(form.dimension),
    group: form.groupAttribute ? { [form.groupAttribute]: form.groupValue.trim() } : null,
    status: form.status,
    targetDate: or(form.targetDate),
    draft: form.draft,
  }
}

/** The dimensions the survey's questions name, in order. */
export const dimensionsOf = (questions: readonly Question[]) => [
  ...new Set(questions.flatMap((q) => (q.dimension ? [q.dimension] : []))),
]

/** A community's actions and its surveys (to name what each answers). */
export const ActionsModel = createModel((cid: string) => {
  const list = resource(() => api.listActions(cid))
  /** Puts an action the server answered in the list, in its place. */
  const replace = (action: Action) =>
    list.set((list.data.value ?? []).map((a) => (a.id === action.id ? action : a)))
  const remove = mutation(async (action: Action) => {
    await api.deleteAction(action.id)
    list.set((list.data.value ?? []).filter((a) => a.id !== action.id))
    announce(`Deleted “${action.title}”.`)
  })
  return { list, replace, remove }
})

/** One action's quick changes: its status, and a new dated update. */
export const ActionCardModel = createModel((action: Action, onChange: (a: Action) => void) => {
  const status = signal<ActionStatus>(action.status)
  const text = signal('')
  const date = signal('')
  const saveStatus = mutation(async () => {
    const saved = await api.updateAction(action.id, { status: status.value })
    onChange(saved)
    announce(`“${saved.title}” is now ${statusLabels[saved.status].toLowerCase()}.`)
    return saved
  })
  const addUpdate = mutation(async () => {
    const saved = await api.addActionUpdate(action.id, {
      text: text.value.trim(),
      date: date.value || undefined,
    })
    text.value = ''
    date.value = ''
    onChange(saved)
    announce('Update added.')
    return saved
  })
  return { status, text, date, saveStatus, addUpdate }
})

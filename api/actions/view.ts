// An action as the API shows it, with its updates and its follow-up results over time. Pure:
// results come only from the released views of the pulses that carried its follow-up question.
import type { actionUpdates } from '../../schema'
import type { ActionRow } from '../db/rows'
import type { QuestionStats } from '../reports/statistics'
import type { ReportGroup } from '../reports/released-view'
import type { Question } from '../surveys/question'
import { followUpId } from './follow-ups'

export type { ActionRow }
export type ActionUpdateRow = typeof actionUpdates.$inferSelect

/** A pulse that carried follow-up questions, with its overall group as released (if it was). */
export interface CarryingPulse {
  id: string
  opensAt: number
  closesAt: number
  status: 'scheduled' | 'open' | 'closed' | 'skipped'
  shared: boolean
  /** The actions its follow-ups ask about. */
  actionIds: string[]
  /** The released view's group for everyone; undefined until released. */
  overall: ReportGroup | undefined
}

/** One follow-up result: suppressed (too few answered, as any question), or its numbers. */
export type FollowUpResult = { suppressed: true } | ({ suppressed: false } & QuestionStats)

/** How an action's follow-up question was answered on one pulse that asked it. */
export interface FollowUpPoint {
  pulseId: string
  opensAt: string
  closesAt: string
  status: CarryingPulse['status']
  /** Absent until the pulse closed and was released. */
  result?: FollowUpResult
}

/** The follow-up results of an action, one point per pulse that asked it, in the pulses' order. */
export function followUpPoints(
  actionId: string,
  pulses: readonly CarryingPulse[],
): FollowUpPoint[] {
  const qid = followUpId(actionId)
  return pulses
    .filter((p) => p.actionIds.includes(actionId))
    .map((p) => {
      const point: FollowUpPoint = {
        pulseId: p.id,
        opensAt: new Date(p.opensAt).toISOString(),
        closesAt: new Date(p.closesAt).toISOString(),
        status: p.status,
      }
      if (!p.overall) return point
      const entry = p.overall.suppressed
        ? undefined
        : p.overall.questions.find((q) => q.questionId === qid)
      if (!entry || entry.suppressed) return { ...point, result: { suppressed: true } }
      const { questionId: _, ...stats } = entry
      return { ...point, result: stats }
    })
}

/** The question or dimension an action answers, as readers see it. */
export interface Heard {
  survey: { id: string; title: string }
  /** The question, with its wording and translations, when the action names one. */
  question?: Question
  dimension?: string
  group?: Record<string, string>
}

/** The action as the API shows it (docs/api.md `action`). */
export function actionView(
  row: ActionRow,
  updates: readonly ActionUpdateRow[],
  survey: { id: string; title: string; questions: readonly Question[] },
  followUps: FollowUpPoint[],
) {
  const question = row.questionId
    ? survey.questions.find((q) => q.id === row.questionId)
    : undefined
  const heard: Heard = { survey: { id: survey.id, title: survey.title } }
  if (question) heard.question = question
  if (row.dimension) heard.dimension = row.dimension
  if (row.groupLabel) heard.group = row.groupLabel
  return {
    id: row.id,
    communityId: row.communityId,
    surveyId: row.surveyId,
    questionId: row.questionId,
    dimension: row.dimension,
    group: row.groupLabel,
    title: row.title,
    plan: row.plan,
    status: row.status,
    targetDate: row.targetDate,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    draft: row.draft,
    createdOn: row.createdOn,
    heard,
    updates: [...updates]
      .sort((a, b) => a.seq - b.seq)
      .map((u) => ({ id: u.id, date: u.date, text: u.text })),
    followUps,
  }
}
export type Action = ReturnType<typeof actionView>

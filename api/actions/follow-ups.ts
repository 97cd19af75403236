// Follow-up questions (issue 19): a pulse that opens while an action of its survey is in
// progress, or done since the survey's previous pulse, asks whether it made a difference. The
// questions are frozen on the pulse when it opens (pulses.follow_ups), so they are part of its
// fingerprint and pass the disclosure gate like any optional question. Pure.
import type { Question } from '../surveys/question'
import type { ActionStatus, Day } from './status'

/**
 * Everything a pulse asks, in the order members see it: the survey's questions, then the
 * follow-up questions the pulse carries. The fingerprint covers exactly this list, on the server
 * and on the member's device alike (api/pulses/promise.ts, web/member/key-check.ts).
 */
export function askedQuestions(
  surveyQuestions: readonly Question[],
  followUps: readonly FollowUp[] | null | undefined,
): Question[] {
  return [...surveyQuestions, ...(followUps ?? []).map((f) => f.question)]
}

/** The most follow-up questions one pulse carries. */
export const MAX_FOLLOW_UPS = 3

/** A follow-up question as a pulse carries it, with the action it asks about. */
export interface FollowUp {
  actionId: string
  question: Question
}

/** What decides whether an action gets a follow-up question. */
export interface FollowUpCandidate {
  id: string
  title: string
  status: ActionStatus
  startedOn: Day | null
  endedOn: Day | null
  draft: boolean
}

/**
 * The question id of an action's follow-up: the same on every pulse that asks it, so its results
 * form a trend. Survey question ids are 12 characters, so the two never meet.
 */
export const followUpId = (actionId: string) => `fu-${actionId}`

/** The follow-up question about an action, in English and German. */
export function followUpQuestion(action: { id: string; title: string }): Question {
  return {
    id: followUpId(action.id),
    kind: 'likert5',
    prompt: `Has '${action.title}' made a difference for you?`,
    required: false,
    translations: { de: { prompt: `Hat „${action.title}“ für dich etwas verändert?` } },
  }
}

/**
 * The follow-ups a pulse of the survey opening now carries: one per action that members can see
 * (not a draft) and that is in progress, or done since `previousOpened` (the day the survey's
 * previous pulse opened; any done action when there was none). At most MAX_FOLLOW_UPS: the most
 * recently done first, then those in progress, longest running first; ids break ties.
 */
export function followUpsFor(
  actions: readonly FollowUpCandidate[],
  previousOpened: Day | undefined,
): FollowUp[] {
  const doneSince = (a: FollowUpCandidate) =>
    a.status === 'done' &&
    a.endedOn !== null &&
    (previousOpened === undefined || a.endedOn >= previousOpened)
  const byId = (a: FollowUpCandidate, b: FollowUpCandidate) => (a.id < b.id ? -1 : 1)
  const visible = actions.filter((a) => !a.draft)
  const done = visible
    .filter(doneSince)
    .sort((a, b) => (a.endedOn! === b.endedOn! ? byId(a, b) : a.endedOn! > b.endedOn! ? -1 : 1))
  const running = visible
    .filter((a) => a.status === 'in progress')
    .sort((a, b) =>
      (a.startedOn ?? '') === (b.startedOn ?? '')
        ? byId(a, b)
        : (a.startedOn ?? '') < (b.startedOn ?? '')
          ? -1
          : 1,
    )
  return [...done, ...running]
    .slice(0, MAX_FOLLOW_UPS)
    .map((a) => ({ actionId: a.id, question: followUpQuestion(a) }))
}

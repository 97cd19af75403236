// The demo's "you said, we did" (issue 19): over the second half of the year the organizer turns
// what the reports showed into actions, sets them going, adds updates, finishes one and drops
// another, so the pulses that open meanwhile carry follow-up questions, which members answer.
// The steps follow the late comments of data.ts (the chair rota, the half-baked ideas slot, the
// buddies for newcomers). Drawn from a random source of its own, so the rest of the story is the
// same with or without it.
import { HOUR, WEEK } from './calendar'
import type { Caller } from './caller'
import { seededRandom } from './data'
import type { DemoMember } from './member'
import type { Question } from '../surveys/questions'
import type { FollowUp } from '../actions/follow-ups'

type Answer = { questionId: string; value: unknown }
type Step = (organizer: Caller, ids: Map<string, string>) => Promise<unknown>

export interface ActionStoryOptions {
  communityId: string
  surveyId: string
  questions: Question[]
  weeks: number
}

export interface ActionStory {
  /** Does the organizer's steps due before the pulse of `week` opens, at `at` (ms). */
  before(organizer: Caller, week: number, at: number): Promise<void>
  /** Each answering member's answers with the follow-up questions `followUps` added (most answer). */
  withFollowUps(
    followUps: FollowUp[] | undefined,
    answering: DemoMember[],
    answerSets: Answer[][],
  ): Answer[][]
  /** How many actions the organizer planned. */
  readonly planned: number
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The demo's actions, each step at a fraction of the year (a week from 1 to weeks − 1). */
export function actionStory(options: ActionStoryOptions): ActionStory {
  const { communityId, surveyId, questions, weeks } = options
  const random = seededRandom(19)
  const byDimension = (d: string) => questions.find((q) => q.dimension === d)?.id
  let planned = 0
  let now = 0
  const at = (fraction: number) => Math.min(weeks - 1, Math.max(1, Math.round(fraction * weeks)))
  const create =
    (key: string, body: object): Step =>
    async (organizer, ids) => {
      const action = await organizer.expect(
        201,
        `Planning the action "${key}"`,
        'POST',
        `/api/communities/${communityId}/actions`,
        { body: { surveyId, ...body } },
      )
      ids.set(key, action.id)
      planned++
    }
  /** `body` may be a function, for what depends on the day the step runs. */
  const patch =
    (key: string, body: object | (() => object)): Step =>
    (organizer, ids) =>
      organizer.expect(
        200,
        `Updating the action "${key}"`,
        'PATCH',
        `/api/actions/${ids.get(key)}`,
        {
          body: typeof body === 'function' ? body() : body,
        },
      )
  const update =
    (key: string, text: string): Step =>
    (organizer, ids) =>
      organizer.expect(
        201,
        `Adding an update to "${key}"`,
        'POST',
        `/api/actions/${ids.get(key)}/updates`,
        {
          body: { text },
        },
      )
  const later = (weeksAhead: number) => day(now + weeksAhead * WEEK)

  const steps: [number, Step][] = [
    [
      0.54,
      create('thursdays', {
        title: 'Move planning meetings to Thursday evenings',
        dimension: 'voice',
        status: 'planned',
      }),
    ],
    [
      0.56,
      create('chair', {
        title: 'Rotate who chairs the planning meeting',
        questionId: byDimension('voice'),
        plan: 'A different member chairs each month, and the quieter half of the room speaks first on every item.',
        status: 'in progress',
      }),
    ],
    [0.58, update('chair', 'Rota drawn up: twelve volunteers, newcomers included.')],
    [0.6, patch('thursdays', { status: 'dropped' })],
    [
      0.6,
      update('thursdays', 'Most people could not make Thursdays, so meetings stay on Tuesdays.'),
    ],
    [
      0.64,
      create('ideas', {
        title: "A 'half-baked ideas' slot at the monthly meeting",
        dimension: 'learning',
        plan: 'Ten minutes for ideas that are not ready yet. No votes, only questions.',
        status: 'in progress',
      }),
    ],
    [0.7, update('chair', 'Four different chairs so far; meetings end on time more often.')],
    [0.74, update('ideas', 'Three ideas so far, one became the repair café weekend.')],
    [0.78, patch('chair', { status: 'done' })],
    [0.78, update('chair', 'Everyone who volunteered has chaired once; the rota stays.')],
    [
      0.84,
      create('buddies', {
        title: 'Buddies for newcomers',
        questionId: byDimension('trust in peers'),
        group: { tenure: '<1 year' },
        plan: 'Each newcomer gets a buddy from another team for their first three months.',
        status: 'planned',
      }),
    ],
    [0.86, patch('buddies', { status: 'in progress' })],
    [0.88, patch('buddies', () => ({ targetDate: later(8) }))],
    [0.9, update('buddies', 'Nine buddy pairs so far.')],
    [
      0.92,
      create('pause', {
        title: 'A quiet week after each big event',
        plan: 'Still being written: which events, and what pauses.',
        status: 'planned',
        draft: true,
      }),
    ],
  ]
  const ids = new Map<string, string>()

  return {
    get planned() {
      return planned
    },
    async before(organizer, week, when) {
      now = when
      for (const [fraction, step] of steps) if (at(fraction) === week) await step(organizer, ids)
    },
    withFollowUps(followUps, answering, answerSets) {
      if (!followUps?.length) return answerSets
      return answerSets.map((answers, i) => {
        const added = followUps
          .filter(() => random.next() < 0.75)
          .map(({ question }) => ({
            questionId: question.id,
            value: Math.min(
              5,
              Math.max(1, Math.round(3.6 + answering[i].mood.offset + random.normal())),
            ),
          }))
        return [...answers, ...added]
      })
    },
  }
}

/** When the organizer's steps of a week happen: on the Sunday evening before its pulse opens. */
export const stepTime = (opensAt: number) => opensAt - 12 * HOUR

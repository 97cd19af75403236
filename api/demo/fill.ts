// The demo's year of pulses: a community, members joining with their invite keys, and every
// week a pulse opened, answered through the real protocol and closed, all through `app.request`
// on a clock moved forward week by week. api/demo/main.ts runs it against the real database.
import { DEMO_ATTRIBUTES, DEMO_COMMUNITY, DEMO_MEMBERS, DEMO_NEWCOMERS, seededRandom } from './data'
import type { Question } from '../surveys/questions'
import { Caller, type DemoApp } from './caller'
import { DAY, iso, mondayMorning, PULSE_LENGTH, WEEK } from './calendar'
import { answerAsMember, importMembers, type DemoMember } from './member'
import { DemoError, inThreadCrypto, type MemberCrypto } from './member-crypto'
import { planWeek } from './week-plan'
import { actionStory, stepTime } from './actions'

export { Caller, DemoError, type DemoApp }
/** Sessions last 14 days (api/auth/sessions.ts); the organizer signs in again before that. */
const SESSION_REFRESH = 10 * DAY

export const DEMO_EMAIL = 'demo@trustpulse.example'
export const DEMO_NAME = 'Dana Whitfield'

export interface DemoProgress {
  /** Pulses closed so far, of `weeks`. */
  pulses: number
  weeks: number
  responses: number
}

export interface DemoOptions {
  /** The clock the app's `deps.now` reads; fillDemo moves it forward. */
  clock: { now: number }
  /** An organizer who can create communities; fillDemo signs in as them. */
  login: { email: string; password: string }
  /** Weekly pulses to run (default 52). */
  weeks?: number
  /** When the first pulse opens (ms). Default: the Monday 09:00 UTC so that the last pulse closed before `clock.now`. */
  start?: number
  /** The most recent pulses whose results are shared with members (default 4). */
  share?: number
  /** Members answering at the same time (default 3). */
  concurrency?: number
  /** Where the members' browsers blind and finalize tokens (default: this thread). */
  memberCrypto?: MemberCrypto
  /** Seed of the story (who answers, what, and what they write). */
  seed?: number
  onProgress?: (progress: DemoProgress) => void
}

export interface DemoResult {
  communityId: string
  surveyId: string
  pulseIds: string[]
  sharedPulseIds: string[]
  members: number
  /** The members as the story knows them (invite and member keys included), in import order. */
  roster: DemoMember[]
  /** The survey's questions, as created from the trust pulse template. */
  questions: Question[]
  responses: number
  comments: number
  /** The clock when the last pulse closed. */
  finishedAt: number
  /** The reply secrets the members' devices kept for their comments on the shared pulses. */
  replySecrets: { pulseId: string; secret: string }[]
  /** Actions the organizer planned, and the pulses that asked follow-up questions about them. */
  actions: number
  followUpPulses: number
}

export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

/**
 * Creates the demo community, its members and a trust-pulse survey, then runs `weeks` weekly
 * pulses in sequence: each opens at its week's start, most members answer during the week
 * (joining with their invite key the first time, then obtaining a blind-signed token and
 * submitting without credentials), and it closes at the week's end. The last `share` pulses are
 * shared with members. Everything goes through `app.request`; only the clock is moved directly.
 */
export async function fillDemo(app: DemoApp, options: DemoOptions): Promise<DemoResult> {
  const { clock } = options
  const weeks = options.weeks ?? 52
  const random = seededRandom(options.seed ?? 20_240_901)
  const start = options.start ?? mondayMorning(clock.now) - weeks * WEEK
  const organizer = new Caller(app)
  let signedInAt = -Infinity
  let organizerName = ''
  const signIn = async () => {
    const body = await organizer.expect(
      200,
      'Signing in as the demo organizer',
      'POST',
      '/api/session',
      { body: options.login },
    )
    organizerName = body.organizer.name
    signedInAt = clock.now
  }
  const fresh = async () => {
    if (clock.now - signedInAt > SESSION_REFRESH) await signIn()
  }

  // A few days before the first pulse: the community, its members and the survey.
  clock.now = start - 3 * DAY
  await signIn()
  const community = await organizer.expect(
    201,
    'Creating the community',
    'POST',
    '/api/communities',
    {
      body: { name: DEMO_COMMUNITY, attributes: DEMO_ATTRIBUTES },
    },
  )
  const members: DemoMember[] = await importMembers(
    app,
    organizer,
    community.id,
    DEMO_MEMBERS,
    random,
  )
  const survey = await organizer.expect(
    201,
    'Creating the survey',
    'POST',
    `/api/communities/${community.id}/surveys`,
    {
      body: { template: 'trust-pulse' },
    },
  )
  const questions: Question[] = survey.questions
  const memberCrypto = options.memberCrypto ?? inThreadCrypto()

  const newcomersWeek = Math.floor(weeks * 0.42)
  const pulseIds: string[] = []
  const sharedPulseIds: string[] = []
  let responses = 0
  let comments = 0
  const replySecrets: DemoResult['replySecrets'] = []
  const story = actionStory({ communityId: community.id, surveyId: survey.id, questions, weeks })
  let followUpPulses = 0

  for (let week = 0; week < weeks; week++) {
    const opensAt = start + week * WEEK
    const closesAt = opensAt + PULSE_LENGTH
    if (week === newcomersWeek && week > 0) {
      clock.now = opensAt - 2 * DAY
      await fresh()
      members.push(...(await importMembers(app, organizer, community.id, DEMO_NEWCOMERS, random)))
    }

    // What the organizer does about earlier results, the evening before the pulse opens.
    clock.now = stepTime(opensAt)
    await fresh()
    await story.before(organizer, week, clock.now)

    clock.now = opensAt
    await fresh()
    const pulse = await organizer.expect(
      201,
      `Opening the pulse of week ${week + 1}`,
      'POST',
      `/api/surveys/${survey.id}/pulses`,
      {
        body: { closesAt: iso(closesAt) },
      },
    )
    if (pulse.status !== 'open') {
      throw new DemoError(
        `The pulse of week ${week + 1} did not open at once (${pulse.status}${pulse.reason ? `: ${pulse.reason}` : ''}).`,
      )
    }
    pulseIds.push(pulse.id)

    const {
      answering,
      times,
      answerSets: surveyAnswers,
      ...plan
    } = planWeek(random, members, questions, organizerName || DEMO_NAME, { week, weeks, opensAt })
    comments += plan.comments
    const answerSets = story.withFollowUps(pulse.followUps, answering, surveyAnswers)
    if (pulse.followUps?.length) followUpPulses++
    // A few members answer at once, so one member's blinding overlaps the server's work for
    // another.
    let next = 0
    const answerNext = async (): Promise<void> => {
      const i = next++
      if (i >= answering.length) return
      clock.now = Math.max(clock.now, times[i])
      const { secrets } = await answerAsMember(
        app,
        memberCrypto,
        answering[i],
        pulse.id,
        answerSets[i],
      )
      if (week >= weeks - (options.share ?? 4))
        for (const secret of Object.values(secrets))
          replySecrets.push({ pulseId: pulse.id, secret })
      responses++
      return answerNext()
    }
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 3) }, answerNext))

    clock.now = closesAt
    await fresh()
    const closed = await organizer.expect(
      200,
      `Closing the pulse of week ${week + 1}`,
      'POST',
      `/api/pulses/${pulse.id}/close`,
    )
    if (closed.status !== 'closed' || closed.responded !== answering.length) {
      throw new DemoError(
        `The pulse of week ${week + 1} closed as ${closed.status} with ${closed.responded} responses, ${answering.length} were sent.`,
      )
    }
    if (week >= weeks - (options.share ?? 4)) {
      await organizer.expect(
        200,
        `Sharing the results of week ${week + 1}`,
        'POST',
        `/api/pulses/${pulse.id}/share`,
      )
      sharedPulseIds.push(pulse.id)
    }
    options.onProgress?.({ pulses: week + 1, weeks, responses })
  }
  // What a member sees of the shared results, read as their page reads it.
  const reader = members.find((m) => m.memberKey)
  if (reader && sharedPulseIds.length > 0) {
    const results = await new Caller(app).expect(
      200,
      'Reading the shared results as a member',
      'GET',
      '/api/me/results',
      { bearer: reader.memberKey },
    )
    if (results.length !== sharedPulseIds.length)
      throw new DemoError(
        `A member sees ${results.length} shared results, ${sharedPulseIds.length} were shared.`,
      )
  }
  await organizer.call('DELETE', '/api/session')
  return {
    communityId: community.id,
    surveyId: survey.id,
    pulseIds,
    sharedPulseIds,
    members: members.length,
    roster: members,
    questions,
    responses,
    comments,
    finishedAt: clock.now,
    replySecrets,
    actions: story.planned,
    followUpPulses,
  }
}

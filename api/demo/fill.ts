// The demo's year of pulses: a community, members joining with their invite keys, and every
// week a pulse opened, answered through the real protocol and closed, all through `app.request`
// on a clock moved forward week by week. api/demo/main.ts runs it against the real database.
import { memberKey as drawMemberKey, receiptFor, responseBody } from '../../web/member/token-client'
import {
  DEMO_ATTRIBUTES,
  DEMO_COMMUNITY,
  DEMO_MEMBERS,
  DEMO_NEWCOMERS,
  demoAnswers,
  demoComment,
  disposition,
  emailOf,
  participation,
  seededRandom,
  type DemoPerson,
  type Disposition,
} from './data'
import type { Question } from '../surveys/questions'
import { Caller, type DemoApp } from './caller'
import { DemoError, inThreadCrypto, type MemberCrypto } from './member-crypto'

export { Caller, DemoError, type DemoApp }
const HOUR = 3600 * 1000
const DAY = 24 * HOUR
const WEEK = 7 * DAY
/** Monday 09:00 UTC to Sunday 18:00 UTC. */
const PULSE_LENGTH = 6 * DAY + 9 * HOUR
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
  responses: number
  comments: number
  /** The clock when the last pulse closed. */
  finishedAt: number
}

interface DemoMember {
  person: DemoPerson
  mood: Disposition
  inviteKey: string
  /** Drawn by the member's "browser" when it first joins. */
  memberKey?: string
}

const iso = (ms: number) => new Date(ms).toISOString()
export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

/** The latest Monday 09:00 UTC at or before `ms`. */
export function mondayMorning(ms: number): number {
  const d = new Date(ms)
  const monday = Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate() - ((d.getUTCDay() + 6) % 7),
    9,
  )
  return monday <= ms ? monday : monday - WEEK
}

/** The invite key: exactly the fragment of an invite URL (API.md). */
function inviteKeyOf(inviteUrl: string): string {
  const hash = new URL(inviteUrl).hash
  if (hash.length < 2)
    throw new DemoError(`The import answered an invite link without a key: ${inviteUrl}`)
  return hash.slice(1)
}

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
  const members: DemoMember[] = []
  const importMembers = async (people: DemoPerson[]) => {
    const body = {
      members: people.map((p) => ({
        email: emailOf(p),
        attributes: { team: p.team, tenure: p.tenure },
      })),
    }
    const imported = await organizer.expect(
      201,
      'Importing members',
      'POST',
      `/api/communities/${community.id}/members`,
      { body },
    )
    const byEmail = new Map<string, { inviteUrl?: string }>(
      imported.members.map((m: any) => [m.email, m]),
    )
    for (const person of people) {
      const inviteUrl = byEmail.get(emailOf(person))?.inviteUrl
      if (!inviteUrl)
        throw new DemoError(`The import of ${emailOf(person)} answered no invite link.`)
      const member: DemoMember = {
        person,
        mood: disposition(random),
        inviteKey: inviteKeyOf(inviteUrl),
      }
      // Members open their invitation before the next pulse: cohorts count joined members.
      await joinAsMember(app, member)
      members.push(member)
    }
  }
  await importMembers(DEMO_MEMBERS)
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
  const textQuestion = questions.find((q) => q.kind === 'text')
  const memberCrypto = options.memberCrypto ?? inThreadCrypto()

  const newcomersWeek = Math.floor(weeks * 0.42)
  const pulseIds: string[] = []
  const sharedPulseIds: string[] = []
  let responses = 0
  let comments = 0

  for (let week = 0; week < weeks; week++) {
    const opensAt = start + week * WEEK
    const closesAt = opensAt + PULSE_LENGTH
    if (week === newcomersWeek && week > 0) {
      clock.now = opensAt - 2 * DAY
      await fresh()
      await importMembers(DEMO_NEWCOMERS)
    }

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

    // Who answers this week: 70–95 % of the members, the keener ones more often.
    const wanted = Math.round(participation(random, week, weeks) * members.length)
    const pool = [...members]
    const answering: DemoMember[] = []
    while (answering.length < wanted && pool.length > 0) {
      const total = pool.reduce((sum, m) => sum + m.mood.propensity, 0)
      let x = random.next() * total
      let i = 0
      while (i < pool.length - 1 && (x -= pool[i].mood.propensity) > 0) i++
      answering.push(pool.splice(i, 1)[0])
    }
    const times = answering
      .map(() => opensAt + HOUR + random.next() * (PULSE_LENGTH - 2 * HOUR))
      .sort((a, b) => a - b)
    const writers = new Set(answering.filter(() => random.next() < 3.5 / answering.length))

    // The answers are drawn in order (the story stays reproducible); a few members answer at
    // once, so one member's blinding overlaps the server's work for another.
    const answerSets = answering.map((member) => {
      const answers: { questionId: string; value: unknown }[] = demoAnswers(
        questions,
        member.person,
        member.mood,
        week,
        weeks,
        random,
      )
      if (textQuestion && writers.has(member)) {
        const others = members.filter((m) => m !== member).map((m) => m.person)
        answers.push({
          questionId: textQuestion.id,
          value: demoComment(random, week, weeks, others, organizerName || DEMO_NAME),
        })
        comments++
      }
      return answers
    })
    let next = 0
    const answerNext = async (): Promise<void> => {
      const i = next++
      if (i >= answering.length) return
      clock.now = Math.max(clock.now, times[i])
      await answerAsMember(app, memberCrypto, answering[i], pulse.id, answerSets[i])
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
    responses,
    comments,
    finishedAt: clock.now,
  }
}

/** A member opening their invite link: the "browser" draws a member key and joins with it. */
async function joinAsMember(app: DemoApp, member: DemoMember): Promise<string> {
  const key = drawMemberKey()
  await new Caller(app).expect(200, `Joining as ${emailOf(member.person)}`, 'POST', '/api/join', {
    body: { inviteKey: member.inviteKey, memberKey: key },
  })
  member.memberKey = key
  return key
}

/**
 * One member answering, as the member page does it: join with the invite key the first time
 * (a fresh member key drawn by the "browser"), look up the pulse's cohort key, prepare and blind
 * a token, have it signed, finalize it, and submit the answers with the token and no credentials.
 */
async function answerAsMember(
  app: DemoApp,
  memberCrypto: MemberCrypto,
  member: DemoMember,
  pulseId: string,
  answers: { questionId: string; value: unknown }[],
) {
  const browser = new Caller(app)
  const who = emailOf(member.person)
  const bearer = member.memberKey ?? (await joinAsMember(app, member))
  const open = await browser.expect(200, `Listing ${who}'s open pulses`, 'GET', '/api/me/pulses', {
    bearer,
  })
  const entry = open.find((p: any) => p.pulse.id === pulseId)
  if (!entry) throw new DemoError(`The open pulse is not among ${who}'s pulses.`)
  const { keyId, publicKey } = entry.key as { keyId: string; publicKey: string }
  const prepared = await memberCrypto.prepare(publicKey)
  const issued = await browser.expect(
    200,
    `Obtaining ${who}'s token`,
    'POST',
    `/api/pulses/${pulseId}/tokens`,
    {
      body: { blindedMsg: prepared.blindedMsg },
      bearer,
    },
  )
  if (issued.keyId !== keyId)
    throw new DemoError(`${who}'s token was signed under another key than the one listed.`)
  const signed = await memberCrypto.finalize(prepared, publicKey, issued.blindSig)
  // The submission carries no credentials: a new caller, no bearer, no cookie.
  const { receipt } = await new Caller(app).expect(
    201,
    'Submitting a response',
    'POST',
    `/api/pulses/${pulseId}/responses`,
    {
      body: responseBody(keyId, signed, answers as never),
    },
  )
  if (receipt !== (await receiptFor(signed.token)))
    throw new DemoError('The receipt does not match the token.')
}

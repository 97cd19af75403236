// The demo's present: after the year of closed pulses, one pulse is open now, some members have
// answered it already, and one member's invitation is renewed so the person running the demo
// can open it and answer as that member. All through `app.request`, as everywhere in the demo.
import { DAY, HOUR, iso } from './calendar'
import { Caller, type DemoApp } from './caller'
import { emailOf, type Random } from './data'
import { answerAsMember, type DemoMember } from './member'
import { DemoError, type MemberCrypto } from './member-crypto'
import { planWeek } from './week-plan'
import type { Question } from '../surveys/questions'

export interface OpenPulseOptions {
  /** The clock the app's `deps.now` reads: the pulse opens at `clock.now`. */
  clock: { now: number }
  login: { email: string; password: string }
  communityId: string
  surveyId: string
  questions: Question[]
  roster: DemoMember[]
  /** The weeks of the year before (the answers follow the story's last week). */
  weeks: number
  organizerName: string
  memberCrypto: MemberCrypto
  random: Random
}

export interface OpenPulse {
  pulseId: string
  closesAt: string
  /** How many members answered it already. */
  answered: number
  /** A working invitation of a member who has not answered yet: it works once. */
  memberLink: string
  /** Whose invitation it is (an email of the demo's made-up domain). */
  memberEmail: string
}

/**
 * Opens a pulse of the survey now, closing in five days; about half the members answer it
 * through the protocol; then a member who has not answered gets a new invitation (which revokes
 * their demo key), whose link the demo prints for its user to answer as a member.
 */
export async function openPulseNow(app: DemoApp, options: OpenPulseOptions): Promise<OpenPulse> {
  const { clock, roster } = options
  const organizer = new Caller(app)
  await organizer.expect(200, 'Signing in as the demo organizer', 'POST', '/api/session', {
    body: options.login,
  })
  const closesAt = iso(Math.ceil((clock.now + 5 * DAY) / HOUR) * HOUR)
  const pulse = await organizer.expect(
    201,
    'Opening the pulse that stays open',
    'POST',
    `/api/surveys/${options.surveyId}/pulses`,
    { body: { closesAt } },
  )
  if (pulse.status !== 'open')
    throw new DemoError(`The open pulse did not open at once (${pulse.status}).`)

  const joined = roster.filter((m) => m.memberKey)
  const plan = planWeek(options.random, joined, options.questions, options.organizerName, {
    week: options.weeks - 1,
    weeks: options.weeks,
    opensAt: clock.now,
  })
  const half = Math.floor(joined.length / 2)
  for (const [i, member] of plan.answering.slice(0, half).entries()) {
    await answerAsMember(app, options.memberCrypto, member, pulse.id, plan.answerSets[i])
  }
  const answered = new Set(plan.answering.slice(0, half))
  const you = joined.find((m) => !answered.has(m))
  if (!you) throw new DemoError('Every demo member answered the open pulse.')

  const email = emailOf(you.person)
  const { members } = await organizer.expect(
    200,
    'Finding the member to invite again',
    'GET',
    `/api/communities/${options.communityId}/members?q=${encodeURIComponent(email)}`,
  )
  const found = members.find((m: { email: string }) => m.email === email)
  if (!found) throw new DemoError(`The member ${email} is not listed.`)
  const { inviteUrl } = await organizer.expect(
    200,
    `Inviting ${email} again`,
    'POST',
    `/api/communities/${options.communityId}/members/${found.id}/invite`,
  )
  you.memberKey = undefined
  await organizer.call('DELETE', '/api/session')
  return { pulseId: pulse.id, closesAt, answered: half, memberLink: inviteUrl, memberEmail: email }
}

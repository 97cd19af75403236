// Fixtures for the report suites (test/reports-http): a community with any thresholds and privacy
// mode, members who answer known values through the real member client, closes, and checks on
// report numbers (API.md, "Reports").
import * as assert from 'uvu/assert'
import type { Answer } from '../../api/surveys/question'
import type { TestApp } from './app'
import { expectStatus, inDays } from './fixtures'
import { Agent, email, setupOwner } from './http'
import {
  answerPulse,
  inviteKeyOf,
  joinMember,
  query,
  type JoinedMember,
  type QuestionSpec,
} from './protocol'

/** One question of every kind; the two likert5 share the dimension `voice`, the second is optional. */
export const reportQuestions: QuestionSpec[] = [
  { kind: 'likert5', prompt: 'I can speak up here.', dimension: 'voice' },
  { kind: 'scale10', prompt: 'Would you recommend this group?' },
  { kind: 'yesno', prompt: 'Will you stay?' },
  { kind: 'choice', prompt: 'Best day?', options: ['Mon', 'Tue', 'Wed'] },
  { kind: 'multi', prompt: 'Which channels?', options: ['chat', 'mail', 'calls'] },
  { kind: 'likert5', prompt: 'My ideas are heard.', dimension: 'voice', required: false },
  { kind: 'text', prompt: 'Anything else?' },
]

/** A value per question, in survey order; `undefined` leaves the (optional) question out. */
export type Values = (number | boolean | string | string[] | undefined)[]

export interface MemberSpec {
  email?: string
  attributes?: Record<string, string>
}

export interface ReportPulseOptions {
  owner?: Agent
  name?: string
  attributes?: string[]
  minGroupSize?: number
  /** Default 5, so that comments of small test pulses can be released. */
  minCommentGroupSize?: number
  privacyMode?: 'threshold' | 'noise'
  epsilon?: number
  /** A number of members without attributes, or each member. */
  members?: number | MemberSpec[]
  questions?: QuestionSpec[]
}

export interface ReportPulse {
  owner: Agent
  community: any
  survey: any
  pulse: any
  members: JoinedMember[]
}

/** A community with these settings and joined members, a survey, and a pulse open for a week. */
export async function reportPulse(
  t: TestApp,
  options: ReportPulseOptions = {},
): Promise<ReportPulse> {
  const owner = options.owner ?? (await setupOwner(t))
  const { members: spec = 6, questions = reportQuestions, owner: _, ...settings } = options
  const community = expectStatus(
    await owner.post('/api/communities', {
      name: 'Riverside',
      minCommentGroupSize: 5,
      ...settings,
    }),
    201,
  ).body
  const list = typeof spec === 'number' ? Array.from({ length: spec }, () => ({})) : spec
  const members = await importInto(owner, community.id, list)
  for (const m of members) await joinMember(t, m)
  const survey = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, { title: 'Pulse', questions }),
    201,
  ).body
  const pulse = await openNext(owner, survey.id)
  return { owner, community, survey, pulse, members }
}

/** Imports (or updates) members with their emails and attributes; returns them with invite keys. */
export async function importInto(
  owner: Agent,
  communityId: string,
  list: MemberSpec[],
): Promise<JoinedMember[]> {
  const body = {
    members: list.map((m) => ({
      email: m.email ?? email('member'),
      attributes: m.attributes ?? {},
    })),
  }
  const imported = expectStatus(
    await owner.post(`/api/communities/${communityId}/members`, body),
    201,
  ).body
  return imported.members.map((m: any) => ({
    id: m.id,
    email: m.email,
    attributes: m.attributes,
    inviteKey: m.inviteUrl ? inviteKeyOf(m.inviteUrl) : '',
  }))
}

/** Opens a new pulse of the survey now, closing in `days`. */
export async function openNext(owner: Agent, surveyId: string, days = 7) {
  const pulse = expectStatus(
    await owner.post(`/api/surveys/${surveyId}/pulses`, { closesAt: inDays(owner.t, days) }),
    201,
  ).body
  if (pulse.status !== 'open') throw new Error(`pulse is ${pulse.status}`)
  return pulse
}

/** Answers in survey order, leaving out the `undefined` values. */
export function answersOf(survey: { questions: { id: string }[] }, values: Values): Answer[] {
  return survey.questions.flatMap((q, i) =>
    values[i] === undefined ? [] : [{ questionId: q.id, value: values[i]! }],
  )
}

/** Each member answers its row of `rows` (row i for members[i]); throws unless every answer is 201. */
export async function answerAll(
  t: TestApp,
  pulseId: string,
  survey: any,
  members: JoinedMember[],
  rows: Values[],
) {
  for (const [i, values] of rows.entries()) {
    const { reply } = await answerPulse(
      t,
      pulseId,
      members[i].memberKey!,
      answersOf(survey, values),
    )
    if (reply.status !== 201) throw new Error(`answer ${i}: ${reply.status} ${reply.text}`)
  }
}

export const close = async (agent: Agent, pulseId: string) =>
  expectStatus(await agent.post(`/api/pulses/${pulseId}/close`), 200).body

/** The report (200) for a cut. */
export async function reportOf(agent: Agent, pulseId: string, by?: string) {
  const path = `/api/pulses/${pulseId}/report${by === undefined ? '' : `?by=${encodeURIComponent(by)}`}`
  return expectStatus(await agent.get(path), 200).body
}

/** The question entry of a group by question index in the survey. */
export const entry = (group: any, survey: any, index: number) =>
  group.questions.find((q: any) => q.questionId === survey.questions[index].id)

/** Equal within floating-point rounding. */
export function near(actual: number, expected: number, what = '') {
  assert.ok(
    typeof actual === 'number' &&
      Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  )
}

/** Rows of a table for one pulse. */
export async function pulseRows(t: TestApp, table: string, pulseId: string): Promise<number> {
  const [row] = await query(t, `select count(*) as n from ${table} where pulse_id = ?`, [pulseId])
  return Number(row.n)
}

/** `n` members with `{ [attribute]: value }`. */
export const withAttribute = (n: number, attribute: string, value: string): MemberSpec[] =>
  Array.from({ length: n }, () => ({ attributes: { [attribute]: value } }))

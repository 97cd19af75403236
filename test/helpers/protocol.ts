// Fixtures for the anonymous protocol suites (test/protocol): a community with joined members
// and an open pulse, and the member side of the protocol through the real client module
// (web/member/token-client.ts), so the server is tested against what browsers actually send.
import type { Client } from '@libsql/client'
import type { Question } from '../../api/surveys/question'
import {
  finalizeToken,
  memberKey as drawMemberKey,
  prepareToken,
  responseBody,
  type PreparedToken,
  type SignedToken,
} from '../../web/member/token-client'
import type { Answer } from '../../api/surveys/question'
import type { TestApp } from './app'
import { Agent, email, setupOwner, type CallOptions, type Reply } from './http'

/** A question as an organizer sends it. */
export type QuestionSpec = Omit<Question, 'id' | 'required'> & { required?: boolean }

/** One question of every kind, with an optional likert5 and an optional text. */
export const everyKind: QuestionSpec[] = [
  { kind: 'likert5', prompt: 'I feel safe here.', dimension: 'safety' },
  { kind: 'scale10', prompt: 'Would you recommend this group?' },
  { kind: 'yesno', prompt: 'Will you stay?' },
  { kind: 'choice', prompt: 'Favourite day?', options: ['Mon', 'Tue', 'Wed'] },
  { kind: 'multi', prompt: 'Which channels?', options: ['chat', 'mail', 'calls'] },
  { kind: 'likert5', prompt: 'Optional statement.', required: false },
  { kind: 'text', prompt: 'Anything else?' },
]

export interface JoinedMember {
  id: string
  email: string
  attributes: Record<string, string>
  /** The fragment of the member's invite URL. */
  inviteKey: string
  /** The key this member's "browser" drew and joined with (absent when `join: false`). */
  memberKey?: string
}

export interface OpenedPulse {
  owner: Agent
  community: any
  survey: any
  pulse: any
  members: JoinedMember[]
}

export interface PulseOptions {
  /** The community's attribute priority order. */
  attributes?: string[]
  /** A number of members without attributes, or each member's attributes. */
  members?: number | Record<string, string>[]
  minGroupSize?: number
  /** Custom questions; without them the survey is made from `template` (default trust-pulse). */
  questions?: QuestionSpec[]
  template?: string
  /** Join every member (default true). */
  join?: boolean
  /** An owner agent already set up (a second community in the same app). */
  owner?: Agent
  communityName?: string
}

/** The fragment of an invite URL: exactly the invite key. */
export function inviteKeyOf(inviteUrl: string): string {
  const hash = new URL(inviteUrl).hash
  if (!hash.startsWith('#') || hash.length < 2) throw new Error(`no key in ${inviteUrl}`)
  return hash.slice(1)
}

function expect(res: Reply, status: number, what: string): any {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`)
  return res.body
}

/** Imports members (JSON) into a community; returns them with their invite keys. */
export async function importMembers(
  owner: Agent,
  communityId: string,
  attributes: Record<string, string>[],
): Promise<JoinedMember[]> {
  const body = { members: attributes.map((a) => ({ email: email('member'), attributes: a })) }
  const imported = expect(
    await owner.post(`/api/communities/${communityId}/members`, body),
    201,
    'import',
  )
  return imported.members.map((m: any) => ({
    id: m.id,
    email: m.email,
    attributes: m.attributes,
    inviteKey: inviteKeyOf(m.inviteUrl),
  }))
}

/** Joins as a member would: draws a fresh member key and exchanges the invite key for it. */
export async function joinMember(t: TestApp, member: JoinedMember): Promise<string> {
  const key = drawMemberKey()
  expect(
    await new Agent(t).post('/api/join', { inviteKey: member.inviteKey, memberKey: key }),
    200,
    'join',
  )
  member.memberKey = key
  return key
}

/**
 * Sets up an owner (unless given), a community with `attributes`, imports `members`, joins them,
 * creates a survey (custom `questions` or a template) and opens a pulse closing in a week.
 */
export async function openPulseWithMembers(
  t: TestApp,
  options: PulseOptions = {},
): Promise<OpenedPulse> {
  const owner = options.owner ?? (await setupOwner(t))
  const community = expect(
    await owner.post('/api/communities', {
      name: options.communityName ?? 'Volunteers',
      attributes: options.attributes ?? [],
      ...(options.minGroupSize ? { minGroupSize: options.minGroupSize } : {}),
    }),
    201,
    'create community',
  )
  const spec = options.members ?? 5
  const attributes = typeof spec === 'number' ? Array.from({ length: spec }, () => ({})) : spec
  const members = await importMembers(owner, community.id, attributes)
  if (options.join !== false) for (const m of members) await joinMember(t, m)
  const surveyBody = options.questions
    ? { title: 'Every kind', questions: options.questions }
    : { template: options.template ?? 'trust-pulse' }
  const survey = expect(
    await owner.post(`/api/communities/${community.id}/surveys`, surveyBody),
    201,
    'create survey',
  )
  const closesAt = new Date(t.clock.now + 7 * 24 * 3600 * 1000).toISOString()
  const pulse = expect(
    await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt }),
    201,
    'open pulse',
  )
  if (pulse.status !== 'open') throw new Error(`pulse is ${pulse.status}`)
  return { owner, community, survey, pulse, members }
}

/** A valid answer to every question (text included), varied by `seed`. */
export function validAnswers(questions: Question[], seed = 0): Answer[] {
  return questions.map((q) => {
    switch (q.kind) {
      case 'likert5':
        return { questionId: q.id, value: 1 + (seed % 5) }
      case 'scale10':
        return { questionId: q.id, value: seed % 11 }
      case 'yesno':
        return { questionId: q.id, value: seed % 2 === 0 }
      case 'choice':
        return { questionId: q.id, value: q.options![seed % q.options!.length] }
      case 'multi':
        return { questionId: q.id, value: [q.options![seed % q.options!.length]] }
      case 'text':
        return { questionId: q.id, value: `comment number ${seed}` }
    }
  })
}

/** The answers to required questions only. */
export function requiredAnswers(questions: Question[], seed = 0): Answer[] {
  const required = new Set(questions.filter((q) => q.required).map((q) => q.id))
  return validAnswers(questions, seed).filter((a) => required.has(a.questionId))
}

/** What the member's page learns for a pulse from `GET /api/me/pulses`. */
export async function myPulse(t: TestApp, memberKey: string, pulseId: string) {
  const res = await new Agent(t).get('/api/me/pulses', { bearer: memberKey })
  const entry = expect(res, 200, 'me/pulses').find((p: any) => p.pulse.id === pulseId)
  if (!entry) throw new Error(`pulse ${pulseId} is not among the member's pulses`)
  return entry as {
    pulse: any
    survey: any
    key: { keyId: string; publicKey: string; cohort: Record<string, string> }
    issued: boolean
  }
}

export interface Token {
  keyId: string
  publicKey: string
  prepared: PreparedToken
  blindSig: string
  signed: SignedToken
}

/** Sends a blinded message for a pulse as the member. */
export const requestToken = (t: TestApp, pulseId: string, memberKey: string, blindedMsg: string) =>
  new Agent(t).post(`/api/pulses/${pulseId}/tokens`, { blindedMsg }, { bearer: memberKey })

/** The member's browser: prepares and blinds a token for its cohort key, has it signed, finalizes. */
export async function obtainToken(t: TestApp, pulseId: string, memberKey: string): Promise<Token> {
  const { key } = await myPulse(t, memberKey, pulseId)
  const prepared = await prepareToken(key.publicKey)
  const issued = expect(
    await requestToken(t, pulseId, memberKey, prepared.blindedMsg),
    200,
    'token',
  )
  if (issued.keyId !== key.keyId)
    throw new Error('signed under another key than the member was given')
  const signed = await finalizeToken(prepared, key.publicKey, issued.blindSig)
  return { keyId: key.keyId, publicKey: key.publicKey, prepared, blindSig: issued.blindSig, signed }
}

/** Submits a response without credentials (unless `options` adds headers). */
export const submit = (t: TestApp, pulseId: string, body: unknown, options: CallOptions = {}) =>
  new Agent(t).post(`/api/pulses/${pulseId}/responses`, body, options)

/** Submits answers with a token, as the member page does. */
export const submitWith = (
  t: TestApp,
  pulseId: string,
  token: Token,
  answers: Answer[],
  options: CallOptions = {},
) => submit(t, pulseId, responseBody(token.keyId, token.signed, answers), options)

/** The whole member side: token, then answers. Returns the submission's reply and the token. */
export async function answerPulse(
  t: TestApp,
  pulseId: string,
  memberKey: string,
  answers: Answer[],
) {
  const token = await obtainToken(t, pulseId, memberKey)
  const reply = await submitWith(t, pulseId, token, answers)
  return { reply, token }
}

/** The libSQL client under the test app's Drizzle database (the Db type does not expose it). */
export const client = (t: TestApp) => (t.deps.db as unknown as { $client: Client }).$client

/** Rows of a raw SQL query as plain objects. */
export async function query(
  t: TestApp,
  sql: string,
  args: (string | number | null)[] = [],
): Promise<Record<string, unknown>[]> {
  const result = await client(t).execute({ sql, args })
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])))
}

export const anonymousTables = ['responses', 'comments', 'spent_tokens', 'token_issuances'] as const

/** How many rows each anonymous table holds, and how many non-text answers the responses hold. */
export async function rowCounts(
  t: TestApp,
): Promise<Record<(typeof anonymousTables)[number] | 'answers', number>> {
  const counts = {} as Record<(typeof anonymousTables)[number] | 'answers', number>
  for (const table of anonymousTables) {
    const [row] = await query(t, `select count(*) as n from ${table}`)
    counts[table] = Number(row.n)
  }
  const [answers] = await query(
    t,
    'select count(*) as n from responses, json_each(responses.answers)',
  )
  counts.answers = Number(answers.n)
  return counts
}

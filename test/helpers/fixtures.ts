// Shared fixtures for the route suites: communities with members, teammates in each role,
// surveys and pulses made through the API, and checks on problems and stored rows.
import { sql } from 'drizzle-orm'
import * as assert from 'uvu/assert'
import type { TestApp } from './app'
import { Agent, email, type Reply } from './http'

export const DAY = 86_400_000

/** An ISO time `days` (may be fractional or negative) after the test clock. */
export const inDays = (t: TestApp, days: number) => new Date(t.clock.now + days * DAY).toISOString()

/** Fails with the answer's body when the status is not the expected one (for setup steps). */
export function expectStatus(res: Reply, status: number): Reply {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`)
  return res
}

/** Asserts an RFC 9457 problem with this status and, for a 422, exactly these error paths. */
export function assertProblem(res: Reply, status: number, paths?: string[]): void {
  assert.is(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`)
  assert.is(res.headers.get('content-type'), 'application/problem+json')
  assert.is(res.body.status, status)
  assert.type(res.body.title, 'string')
  assert.type(res.body.detail, 'string')
  if (paths)
    assert.equal(
      res.body.errors.map((e: { path: string }) => e.path),
      paths,
    )
}

/** Rows in a table, to check that a failed request wrote nothing. */
export async function rows(t: TestApp, table: string): Promise<number> {
  const row = await t.deps.db.get<{ n: number }>(
    sql`select count(*) as n from ${sql.identifier(table)}`,
  )
  return Number(row.n)
}

/** The key in a link's fragment (an invite URL's token). */
export const fragment = (url: string) => url.slice(url.indexOf('#') + 1)

export interface NewMember {
  email: string
  attributes?: Record<string, string>
}

/** `teams` × `size` members whose `team` attribute is t0, t1, … */
export const teamMembers = (teams: number, size: number): NewMember[] =>
  Array.from({ length: teams * size }, (_, i) => ({
    email: email('member'),
    attributes: { team: `t${String(Math.floor(i / size)).padStart(2, '0')}` },
  }))

export interface CommunityOptions {
  name?: string
  attributes?: string[]
  minGroupSize?: number
  minCommentGroupSize?: number
  privacyMode?: 'threshold' | 'noise'
  epsilon?: number
  /** How many anonymous members to import, or the members themselves. */
  members?: number | NewMember[]
  /** Every imported member opens their invite (joins) before the test goes on; cohorts count only joined members. */
  joined?: boolean
}

/** A community created by `owner`, with its imported members (each with an inviteUrl). */
export async function communityWith(owner: Agent, options: CommunityOptions = {}) {
  const { members = 0, joined = false, ...fields } = options
  const res = expectStatus(
    await owner.post('/api/communities', { name: 'Riverside', ...fields }),
    201,
  )
  const list =
    typeof members === 'number'
      ? Array.from({ length: members }, () => ({ email: email('member') }))
      : members
  let imported: {
    id: string
    email: string
    attributes: Record<string, string>
    inviteUrl: string
  }[] = []
  if (list.length > 0) {
    imported = expectStatus(
      await owner.post(`/api/communities/${res.body.id}/members`, { members: list }),
      201,
    ).body.members
  }
  if (joined) {
    for (const m of imported) {
      const memberKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString(
        'base64url',
      )
      expectStatus(
        await new Agent(owner.t).post('/api/join', { inviteKey: fragment(m.inviteUrl), memberKey }),
        200,
      )
    }
  }
  return { ...res.body, members: imported } as {
    id: string
    name: string
    attributes: string[]
    minGroupSize: number
    role: string
    members: typeof imported
  }
}

/** A new organizer who accepted an invite to `cid` with `role`; the agent holds their session. */
export async function teammate(
  owner: Agent,
  cid: string,
  role: 'owner' | 'organizer' | 'viewer',
  address = email('organizer'),
) {
  const invite = expectStatus(
    await owner.post(`/api/communities/${cid}/team`, { email: address, role }),
    201,
  )
  const agent = new Agent(owner.t)
  const accepted = await agent.post('/api/team-invites', {
    token: fragment(invite.body.inviteUrl),
    password: 'a long password',
  })
  expectStatus(accepted, 201)
  return Object.assign(agent, { id: accepted.body.organizer.id as string, email: address })
}

/** A signed-in organizer whose only role is in a community of their own, none of `owner`'s. */
export async function outsider(owner: Agent) {
  const elsewhere = expectStatus(await owner.post('/api/communities', { name: 'Elsewhere' }), 201)
  const agent = await teammate(owner, elsewhere.body.id, 'owner')
  expectStatus(
    await owner.delete(`/api/communities/${elsewhere.body.id}/team/${(await whoAmI(owner)).id}`),
    204,
  )
  return agent
}

/** Signs the setup owner in again (sessions last 14 days; tests that move the clock further need this). */
export async function signInAgain(owner: Agent) {
  expectStatus(
    await owner.post('/api/session', {
      email: 'owner@example.org',
      password: 'correct horse battery',
    }),
    200,
  )
}

async function whoAmI(agent: Agent): Promise<{ id: string }> {
  return expectStatus(await agent.get('/api/session'), 200).body.organizer
}

export const sampleQuestions = [
  { kind: 'likert5', prompt: 'I can speak up here.', dimension: 'voice' },
  { kind: 'choice', prompt: 'Which day suits you?', options: ['Mon', 'Fri'] },
  { kind: 'text', prompt: 'Anything else?' },
]

/** A survey of `cid` with the sample questions. */
export async function surveyIn(agent: Agent, cid: string, title = 'Weekly check-in') {
  const res = await agent.post(`/api/communities/${cid}/surveys`, {
    title,
    questions: sampleQuestions,
  })
  return expectStatus(res, 201).body as { id: string; title: string; questions: { id: string }[] }
}

/** A pulse of `sid` opened now (or at `opensAt`) that closes in `days`. */
export async function pulseOf(agent: Agent, sid: string, days = 7, opensAt?: string) {
  const res = await agent.post(`/api/surveys/${sid}/pulses`, {
    closesAt: inDays(agent.t, days),
    opensAt,
  })
  return expectStatus(res, 201).body as {
    id: string
    status: string
    eligible: number
    opensAt: string
    closesAt: string
  }
}

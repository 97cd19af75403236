// One world for the security suites (test/security): two communities, each with an owner, an
// organizer and a viewer, joined members, a survey with a schedule, a closed and released pulse
// (answered, then closed) and an open one. Everything is made through the API.
import { sql } from 'drizzle-orm'
import { unsubscribeToken } from '../../api/delivery/unsubscribe'
import { testApp, type TestApp } from './app'
import { expectStatus, fragment, inDays, outsider, teammate } from './fixtures'
import { Agent, email, setupOwner } from './http'
import {
  answerPulse,
  importMembers,
  joinMember,
  obtainToken,
  validAnswers,
  type JoinedMember,
} from './protocol'

/** Who calls: the identities of the access matrix. */
export const identities = [
  'nobody',
  'member',
  'otherMember',
  'viewer',
  'otherOrganizer',
  'organizer',
  'owner',
] as const
export type Who = (typeof identities)[number]

export const OWNER_PASSWORD = 'correct horse battery'
export const TEAM_PASSWORD = 'a long password'

export const worldQuestions = [
  { kind: 'likert5', prompt: 'I can speak up here.', dimension: 'voice' },
  { kind: 'scale10', prompt: 'Would you recommend this group?' },
  { kind: 'text', prompt: 'Anything else?' },
]

export interface Side {
  cid: string
  owner: Agent & { email: string }
  organizer: Agent & { id: string; email: string }
  viewer: Agent & { id: string; email: string }
  members: JoinedMember[]
}

export interface World {
  t: TestApp
  a: Side
  b: Side
  sid: string
  questions: { id: string; kind: string }[]
  /** A pulse of `sid` that was answered, closed and released. */
  closedPid: string
  /** A pulse of `sid` open now. */
  openPid: string
  /** Members of A who have not touched the open pulse yet, handed out one at a time. */
  spareMembers: JoinedMember[]
  /** A valid unsubscribe token (of B's last member, whom nothing else uses). */
  unsubscribeToken: string
}

async function side(
  t: TestApp,
  owner: Agent & { email: string },
  name: string,
  size: number,
): Promise<Omit<Side, 'owner'>> {
  const cid = expectStatus(await owner.post('/api/communities', { name }), 201).body.id
  const organizer = await teammate(owner, cid, 'organizer')
  const viewer = await teammate(owner, cid, 'viewer')
  const members = await importMembers(
    owner,
    cid,
    Array.from({ length: size }, () => ({})),
  )
  for (const m of members) await joinMember(t, m)
  return { cid, organizer, viewer, members }
}

/** Builds the world on a fresh app (about a second: a few password hashes and two RSA keys). */
export async function buildWorld(t?: TestApp): Promise<World> {
  t ??= await testApp()
  const ownerA = Object.assign(await setupOwner(t), { email: 'owner@example.org' })
  // B's owner holds no role in A, and A's owner none in B.
  const ownerB = await outsider(ownerA)
  const a = { owner: ownerA, ...(await side(t, ownerA, 'Riverside', 20)) }
  const b = { owner: ownerB, ...(await side(t, ownerB, 'Hillside', 5)) }

  const survey = expectStatus(
    await ownerA.post(`/api/communities/${a.cid}/surveys`, {
      title: 'Check-in',
      questions: worldQuestions,
    }),
    201,
  ).body
  const closesAt = inDays(t, 7)
  const closed = expectStatus(
    await ownerA.post(`/api/surveys/${survey.id}/pulses`, { closesAt }),
    201,
  ).body
  for (const [i, m] of a.members.slice(14).entries()) {
    const { reply } = await answerPulse(
      t,
      closed.id,
      m.memberKey!,
      validAnswers(survey.questions, i),
    )
    expectStatus(reply, 201)
  }
  expectStatus(await ownerA.post(`/api/pulses/${closed.id}/close`), 200)
  const open = expectStatus(
    await ownerA.post(`/api/surveys/${survey.id}/pulses`, { closesAt }),
    201,
  ).body
  expectStatus(
    await ownerA.put(`/api/surveys/${survey.id}/schedule`, {
      cadence: 'weekly',
      startsAt: inDays(t, 30),
      durationDays: 3,
    }),
    200,
  )
  return {
    t,
    a,
    b,
    sid: survey.id,
    questions: survey.questions,
    closedPid: closed.id,
    openPid: open.id,
    spareMembers: a.members.slice(1),
    unsubscribeToken: await unsubscribeToken(t.deps, b.members[b.members.length - 1].id),
  }
}

/** Credentials of an identity: its session cookie or its member key. */
export function credentialsOf(w: World, who: Who): { cookie?: string; bearer?: string } {
  switch (who) {
    case 'nobody':
      return {}
    case 'member':
      return { bearer: w.a.members[0].memberKey }
    case 'otherMember':
      return { bearer: w.b.members[0].memberKey }
    case 'viewer':
      return { cookie: w.a.viewer.cookie }
    case 'otherOrganizer':
      return { cookie: w.b.organizer.cookie }
    case 'organizer':
      return { cookie: w.a.organizer.cookie }
    case 'owner':
      return { cookie: w.a.owner.cookie }
  }
}

/** Email and password of an organizer identity. */
export function loginOf(w: World, who: Who): { email: string; password: string } | undefined {
  switch (who) {
    case 'viewer':
      return { email: w.a.viewer.email, password: TEAM_PASSWORD }
    case 'otherOrganizer':
      return { email: w.b.organizer.email, password: TEAM_PASSWORD }
    case 'organizer':
      return { email: w.a.organizer.email, password: TEAM_PASSWORD }
    case 'owner':
      return { email: w.a.owner.email, password: OWNER_PASSWORD }
    default:
      return undefined
  }
}

/** A member of A that nothing else uses (for a token, or answers to the open pulse). */
export function spareMember(w: World): JoinedMember {
  const m = w.spareMembers.shift()
  if (!m) throw new Error('the world ran out of spare members; make it bigger')
  return m
}

/** A complete, valid response to the open pulse from a spare member's fresh token. */
export async function freshResponse(w: World) {
  const token = await obtainToken(w.t, w.openPid, spareMember(w).memberKey!)
  return {
    keyId: token.keyId,
    token: token.signed.token,
    signature: token.signed.signature,
    answers: validAnswers(w.questions as never, 3),
  }
}

/** A member newly imported into A with its invite key (not joined). */
export async function freshMember(w: World): Promise<JoinedMember> {
  return (await importMembers(w.a.owner, w.a.cid, [{}]))[0]
}

/** A team invite of A for a new email: its token. */
export async function freshInvite(w: World): Promise<string> {
  const res = expectStatus(
    await w.a.owner.post(`/api/communities/${w.a.cid}/team`, {
      email: email('invited'),
      role: 'viewer',
    }),
    201,
  )
  return fragment(res.body.inviteUrl)
}

/** A community owned by A's owner in which A's organizer and viewer hold their roles (to delete). */
export async function freshCommunity(w: World): Promise<string> {
  const cid = expectStatus(await w.a.owner.post('/api/communities', { name: 'Disposable' }), 201)
    .body.id
  for (const who of ['organizer', 'viewer'] as const) {
    expectStatus(
      await w.a.owner.post(`/api/communities/${cid}/team`, { email: w.a[who].email, role: who }),
      201,
    )
  }
  return cid
}

/** A new survey of A (to archive, to give and take a schedule, or to open a pulse of). */
export async function freshSurvey(w: World): Promise<string> {
  return expectStatus(
    await w.a.owner.post(`/api/communities/${w.a.cid}/surveys`, {
      title: 'Spare',
      questions: worldQuestions,
    }),
    201,
  ).body.id
}

/**
 * A pulse scheduled for later (to close without making keys), of a new survey of A: a survey's
 * open or scheduled pulses may not overlap, so each fresh pulse has a survey of its own.
 */
export async function freshPulse(w: World): Promise<string> {
  const body = { opensAt: inDays(w.t, 10), closesAt: inDays(w.t, 12) }
  return expectStatus(
    await w.a.owner.post(`/api/surveys/${await freshSurvey(w)}/pulses`, body),
    201,
  ).body.id
}

/** An organizer account added to A as a viewer (to be removed from the team). */
export async function freshTeammate(w: World): Promise<string> {
  const agent = await teammate(w.a.owner, w.a.cid, 'viewer')
  return agent.id
}

/** Row counts of every table of the database, read from sqlite_master. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await t.deps.db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\_\_%' escape '\\' order by name`,
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const row = await t.deps.db.get<{ n: number }>(
      sql`select count(*) as n from ${sql.identifier(name)}`,
    )
    counts[name] = Number(row.n)
  }
  return counts
}

/** An agent with the identity's credentials, whose cookie changes never reach the identity. */
export function callerAs(w: World, who: Who): { agent: Agent; bearer?: string } {
  const { cookie, bearer } = credentialsOf(w, who)
  const agent = new Agent(w.t)
  agent.cookie = cookie
  return { agent, bearer }
}

// The access matrix: every API route with the status each identity must get (API.md "Roles" and
// "Credentials"), and how to call it. test/api/auth/access-matrix.test.ts checks it against the
// app's own route list; hostile-input.test.ts fuzzes every route it names.
import { sql } from 'drizzle-orm'
import { unsubscribeToken } from '../../api/delivery/unsubscribe'
import { memberKey, prepareToken } from '../../web/member/token-client'
import { issuePasswordReset } from '../../api/auth/password-resets'
import { releaseFollowUps } from '../../api/threads/batch'
import { inDays, teammate } from './fixtures'
import { Agent, email } from './http'
import { joinMember, myPulse } from './protocol'
import { worldThreads } from './threads'
import {
  callerAs,
  freshCommunity,
  freshInvite,
  freshMember,
  freshPulse,
  freshResponse,
  freshSurvey,
  freshTeammate,
  loginOf,
  OWNER_PASSWORD,
  type Who,
  type World,
} from './world'

export type Expect = Record<Who, number>
export type Params = Partial<
  Record<
    'cid' | 'sid' | 'pid' | 'mid' | 'oid' | 'iid' | 'kind' | 'token' | 'aid' | 'uid' | 'tid',
    string
  >
>
export interface Row {
  /** Path parameters made fresh for each call (for routes that delete or use up what they touch). */
  params?: (w: World, who: Who) => Promise<Params> | Params
  body?: (w: World, who: Who, params: Params) => Promise<unknown> | unknown
  query?: (w: World) => string
  /** Call with a session of its own (signing out would end the identity's session). */
  ownSession?: boolean
}
export type MatrixRow = [route: string, expect: Expect, row?: Row]

// Shapes of the roles table (API.md "Roles"): who reads, who acts, who administers.
const signedOut = { nobody: 401, member: 401, otherMember: 401 } as const
const viewerRoute = (ok: number): Expect => ({
  ...signedOut,
  viewer: ok,
  otherOrganizer: 404,
  organizer: ok,
  owner: ok,
})
const organizerRoute = (ok: number): Expect => ({
  ...signedOut,
  viewer: 403,
  otherOrganizer: 404,
  organizer: ok,
  owner: ok,
})
const ownerRoute = (ok: number): Expect => ({
  ...signedOut,
  viewer: 403,
  otherOrganizer: 404,
  organizer: 403,
  owner: ok,
})
const anySession = (ok: number): Expect => ({
  ...signedOut,
  viewer: ok,
  otherOrganizer: ok,
  organizer: ok,
  owner: ok,
})
const everyone = (status: number): Expect => ({
  nobody: status,
  member: status,
  otherMember: status,
  viewer: status,
  otherOrganizer: status,
  organizer: status,
  owner: status,
})
const ownMember = (ok: number, other: number): Expect => ({
  nobody: 401,
  member: ok,
  otherMember: other,
  viewer: 401,
  otherOrganizer: 401,
  organizer: 401,
  owner: 401,
})

const closed = (w: World): Params => ({ pid: w.closedPid })

/** The queued invitation of a member newly imported into A (an outbox message id). */
async function freshMessage(w: World): Promise<Params> {
  const member = await freshMember(w)
  const row = await w.t.deps.db.get<{ id: string }>(
    sql`select id from outbox where member_id = ${member.id} and kind = 'invite'`,
  )
  return { mid: row.id }
}

/** A meeting of A, just started. */
async function freshMeeting(w: World): Promise<Params> {
  const res = await w.a.owner.post(`/api/communities/${w.a.cid}/meetings`, {
    title: 'Stand-up',
    seats: 4,
  })
  return { mid: res.body.id }
}

/** An action of A on the world's survey, planned, with one update. */
async function freshAction(w: World): Promise<Params> {
  const res = await w.a.owner.post(`/api/communities/${w.a.cid}/actions`, {
    surveyId: w.sid,
    title: 'Rotate who chairs the meeting',
  })
  const updated = await w.a.owner.post(`/api/actions/${res.body.id}/updates`, {
    text: 'First rota drafted.',
  })
  return { aid: res.body.id, uid: updated.body.updates[0].id }
}

/** A move key of a member newly imported into A who joined, and a key for the new device. */
async function freshMove(w: World) {
  const key = await joinMember(w.t, await freshMember(w))
  const res = await new Agent(w.t).post('/api/me/move', undefined, { bearer: key })
  return { moveKey: res.body.moveKey, memberKey: memberKey() }
}

/** A pending team invite of A for a new email: its public id. */
async function freshInviteId(w: World): Promise<Params> {
  const address = email('invited')
  await w.a.owner.post(`/api/communities/${w.a.cid}/team`, { email: address, role: 'viewer' })
  const listed = await w.a.owner.get(`/api/communities/${w.a.cid}/team/invites`)
  return { iid: listed.body.find((i: { email: string }) => i.email === address).id }
}

/** A reset token of a new viewer of A (a reset ends that organizer's sessions, so not a world's). */
async function freshResetToken(w: World): Promise<string> {
  const { email: address } = await teammate(w.a.owner, w.a.cid, 'viewer')
  return (await issuePasswordReset(w.t.deps.db, w.t.deps.now(), address))!.token
}

const slackUrl = 'https://hooks.slack.com/services/T000/B000/abcdefgh'

const text = (w: World) => w.questions.find((q) => q.kind === 'text')!.id

export const matrix: MatrixRow[] = [
  ['GET /api/health', everyone(200)],
  ['GET /api/setup', everyone(200)],
  [
    'POST /api/setup',
    everyone(409),
    { body: () => ({ email: email(), password: 'long enough password' }) },
  ],
  [
    'POST /api/session',
    everyone(200),
    { body: (w) => ({ email: w.a.owner.email, password: OWNER_PASSWORD }) },
  ],
  ['GET /api/session', anySession(200)],
  ['DELETE /api/session', everyone(204), { ownSession: true }],
  [
    'PUT /api/session/password',
    anySession(204),
    {
      body: (w, who) => ({
        current: loginOf(w, who)?.password ?? 'x',
        password: loginOf(w, who)?.password ?? 'xxxxxxxxxxxx',
      }),
    },
  ],
  // The world has no mailer: a reset by email is refused alike for everyone.
  ['POST /api/password-resets', everyone(409), { body: () => ({ email: email('forgot') }) }],
  [
    'POST /api/password-resets/confirm',
    everyone(200),
    { body: async (w) => ({ token: await freshResetToken(w), password: 'a new long password' }) },
  ],
  ['POST /api/communities', anySession(201), { body: () => ({ name: 'Another' }) }],
  ['GET /api/communities', anySession(200)],
  ['GET /api/communities/:cid', viewerRoute(200)],
  ['GET /api/communities/:cid/log', viewerRoute(200), { query: () => 'after=0' }],
  ['PATCH /api/communities/:cid', ownerRoute(200), { body: () => ({ name: 'Riverside Commons' }) }],
  [
    'DELETE /api/communities/:cid',
    ownerRoute(204),
    { params: async (w) => ({ cid: await freshCommunity(w) }) },
  ],
  ['GET /api/communities/:cid/team', organizerRoute(200)],
  [
    'POST /api/communities/:cid/team',
    ownerRoute(201),
    { body: () => ({ email: email('invited'), role: 'viewer' }) },
  ],
  ['GET /api/communities/:cid/team/invites', organizerRoute(200)],
  ['DELETE /api/communities/:cid/team/invites/:iid', ownerRoute(204), { params: freshInviteId }],
  ['PATCH /api/communities/:cid/team/:oid', ownerRoute(200), { body: () => ({ role: 'viewer' }) }],
  [
    'DELETE /api/communities/:cid/team/:oid',
    ownerRoute(204),
    { params: async (w) => ({ oid: await freshTeammate(w) }) },
  ],
  [
    'POST /api/team-invites',
    everyone(201),
    { body: async (w) => ({ token: await freshInvite(w), password: 'a long password' }) },
  ],
  [
    'POST /api/communities/:cid/members',
    organizerRoute(201),
    { body: () => ({ members: [{ email: email('member') }] }) },
  ],
  ['GET /api/communities/:cid/members', organizerRoute(200)],
  [
    'DELETE /api/communities/:cid/members/:mid',
    organizerRoute(204),
    { params: async (w) => ({ mid: (await freshMember(w)).id }) },
  ],
  [
    'POST /api/communities/:cid/members/:mid/invite',
    organizerRoute(200),
    { params: async (w) => ({ mid: (await freshMember(w)).id }) },
  ],
  // Templates are the product's own content, the same for everyone: public on purpose.
  ['GET /api/templates', everyone(200)],
  [
    'POST /api/communities/:cid/surveys',
    organizerRoute(201),
    { body: () => ({ template: 'trust-pulse' }) },
  ],
  ['GET /api/communities/:cid/surveys', viewerRoute(200)],
  ['GET /api/surveys/:sid', viewerRoute(200)],
  ['PATCH /api/surveys/:sid', organizerRoute(200), { body: () => ({ title: 'Weekly check-in' }) }],
  [
    'DELETE /api/surveys/:sid',
    organizerRoute(204),
    { params: async (w) => ({ sid: await freshSurvey(w) }) },
  ],
  ['POST /api/surveys/:sid/copy', organizerRoute(201)],
  // Each call on a new survey of A: a second pulse of one survey in the same window would be 409.
  [
    'POST /api/surveys/:sid/pulses',
    organizerRoute(201),
    {
      params: async (w) => ({ sid: await freshSurvey(w) }),
      body: (w) => ({ opensAt: inDays(w.t, 20), closesAt: inDays(w.t, 21) }),
    },
  ],
  ['GET /api/surveys/:sid/pulse-preview', viewerRoute(200)],
  ['GET /api/surveys/:sid/pulses', viewerRoute(200)],
  ['GET /api/pulses/:pid', viewerRoute(200)],
  [
    'POST /api/pulses/:pid/close',
    organizerRoute(200),
    { params: async (w) => ({ pid: await freshPulse(w) }) },
  ],
  ['POST /api/pulses/:pid/share', organizerRoute(200), { params: closed }],
  ['DELETE /api/pulses/:pid/share', organizerRoute(200), { params: closed }],
  [
    'DELETE /api/pulses/:pid',
    organizerRoute(204),
    { params: async (w) => ({ pid: await freshPulse(w) }) },
  ],
  ['GET /api/surveys/:sid/schedule', viewerRoute(200)],
  [
    'PUT /api/surveys/:sid/schedule',
    organizerRoute(200),
    { body: (w) => ({ cadence: 'weekly', startsAt: inDays(w.t, 30), durationDays: 3 }) },
  ],
  [
    'DELETE /api/surveys/:sid/schedule',
    organizerRoute(204),
    { params: async (w) => ({ sid: await freshSurvey(w) }) },
  ],
  [
    'POST /api/join',
    everyone(200),
    {
      body: async (w) => ({ inviteKey: (await freshMember(w)).inviteKey, memberKey: memberKey() }),
    },
  ],
  ['POST /api/me/move', ownMember(201, 201)],
  // A member of A who just joined asked for a move; any caller can complete it (no credentials).
  ['POST /api/move', everyone(200), { body: freshMove }],
  ['GET /api/me', ownMember(200, 200)],
  ['GET /api/me/pulses', ownMember(200, 200)],
  ['GET /api/me/log', ownMember(200, 200), { query: () => 'after=0' }],
  ['GET /api/me/results', ownMember(200, 200)],
  // A pulse shared with A's members (shared here, so the row does not depend on the share rows).
  [
    'GET /api/me/results/:pid/comments',
    ownMember(200, 404),
    {
      params: async (w) => (await w.a.owner.post(`/api/pulses/${w.closedPid}/share`), closed(w)),
      query: (w) => `questionId=${text(w)}`,
    },
  ],
  [
    'POST /api/pulses/:pid/tokens',
    ownMember(200, 404),
    {
      body: async (w) => ({
        blindedMsg: (
          await prepareToken(
            (await myPulse(w.t, w.a.members[0].memberKey!, w.openPid)).key.publicKey,
          )
        ).blindedMsg,
      }),
    },
  ],
  // Members of the pulse and its organizers, any role (API.md "Members").
  [
    'GET /api/pulses/:pid/keys',
    {
      nobody: 401,
      member: 200,
      otherMember: 404,
      viewer: 200,
      otherOrganizer: 404,
      organizer: 200,
      owner: 200,
    },
  ],
  // No credentials; whatever is sent is ignored.
  ['POST /api/pulses/:pid/responses', everyone(201), { body: (w) => freshResponse(w) }],
  ['GET /api/pulses/:pid/report', viewerRoute(200), { params: closed }],
  [
    'GET /api/pulses/:pid/comments',
    viewerRoute(200),
    { params: closed, query: (w) => `questionId=${text(w)}` },
  ],
  // Threads (docs/api.md "Threads"), on a pulse of A whose comments were released and shared.
  [
    'GET /api/pulses/:pid/threads',
    viewerRoute(200),
    { params: async (w) => ({ pid: (await worldThreads(w)).pid }) },
  ],
  [
    'POST /api/pulses/:pid/threads/:tid/replies',
    organizerRoute(201),
    {
      params: async (w) => {
        const { pid, replyTo } = await worldThreads(w)
        return { pid, tid: replyTo }
      },
      body: () => ({ text: 'Thank you for saying so.' }),
    },
  ],
  [
    'POST /api/pulses/:pid/threads/:tid/hide',
    organizerRoute(200),
    {
      params: async (w) => {
        const { pid, hide } = await worldThreads(w)
        return { pid, tid: hide }
      },
      body: () => ({ reason: 'Names a person.' }),
    },
  ],
  [
    'GET /api/me/results/:pid/threads',
    ownMember(200, 404),
    { params: async (w) => ({ pid: (await worldThreads(w)).pid }) },
  ],
  // No credentials, whatever is sent; one follow-up waits per comment, so each call comes after
  // a release of what waits.
  [
    'POST /api/follow-ups',
    everyone(202),
    {
      body: async (w) => {
        const { secret } = await worldThreads(w)
        await releaseFollowUps(w.t.deps)
        return { secret, text: 'I wrote this one.' }
      },
    },
  ],
  ['GET /api/surveys/:sid/trend', viewerRoute(200)],
  ['GET /api/surveys/:sid/trend.csv', viewerRoute(200)],
  ['GET /api/communities/:cid/outbox', organizerRoute(200)],
  [
    'POST /api/communities/:cid/outbox/handover',
    organizerRoute(200),
    { body: () => ({ format: 'csv', kind: 'invite' }) },
  ],
  ['POST /api/communities/:cid/outbox/:mid/retry', organizerRoute(200), { params: freshMessage }],
  ['POST /api/communities/:cid/outbox/:mid/copied', organizerRoute(200), { params: freshMessage }],
  ['GET /api/communities/:cid/delivery', organizerRoute(200)],
  [
    'PUT /api/communities/:cid/delivery',
    ownerRoute(200),
    { body: () => ({ reminderAudience: 'everyone', reminderLeadHours: 24 }) },
  ],
  ['PUT /api/communities/:cid/chat/:kind', ownerRoute(200), { body: () => ({ url: slackUrl }) }],
  [
    'DELETE /api/communities/:cid/chat/:kind',
    ownerRoute(204),
    {
      params: async (w) => (
        await w.a.owner.put(`/api/communities/${w.a.cid}/chat/slack`, { url: slackUrl }),
        { kind: 'slack' }
      ),
    },
  ],
  // Teams is never configured in this world: the owner learns there is none (no request leaves).
  [
    'POST /api/communities/:cid/chat/:kind/test',
    ownerRoute(404),
    { params: () => ({ kind: 'teams' }) },
  ],
  // Unsubscribing needs no credentials and ignores any: the link's HMAC is the authority.
  ['GET /api/unsubscribe/:token', everyone(200)],
  ['GET /api/unsubscribe.css', everyone(200)],
  [
    'POST /api/unsubscribe/:token',
    everyone(200),
    {
      params: async (w) => ({ token: await unsubscribeToken(w.t.deps, (await freshMember(w)).id) }),
    },
  ],
  ['GET /api/openapi.json', everyone(200)],
  [
    'POST /api/communities/:cid/meetings',
    organizerRoute(201),
    { body: () => ({ title: 'Retro', seats: 6 }) },
  ],
  ['GET /api/communities/:cid/meetings', viewerRoute(200)],
  ['GET /api/communities/:cid/meetings/trend', viewerRoute(200)],
  ['GET /api/communities/:cid/meetings/trend.csv', viewerRoute(200)],
  ['GET /api/meetings/:mid', viewerRoute(200), { params: freshMeeting }],
  [
    'POST /api/meetings/:mid/turns',
    organizerRoute(200),
    { params: freshMeeting, body: () => ({ turns: [{ id: 't1', seat: 1, start: 0 }] }) },
  ],
  ['POST /api/meetings/:mid/end', organizerRoute(200), { params: freshMeeting, body: () => ({}) }],
  ['GET /api/communities/:cid/actions', viewerRoute(200)],
  [
    'POST /api/communities/:cid/actions',
    organizerRoute(201),
    { body: (w) => ({ surveyId: w.sid, title: 'Shorter meetings', status: 'in progress' }) },
  ],
  ['GET /api/actions/:aid', viewerRoute(200), { params: freshAction }],
  [
    'PATCH /api/actions/:aid',
    organizerRoute(200),
    { params: freshAction, body: () => ({ status: 'done' }) },
  ],
  ['DELETE /api/actions/:aid', organizerRoute(204), { params: freshAction }],
  [
    'POST /api/actions/:aid/updates',
    organizerRoute(201),
    { params: freshAction, body: () => ({ text: 'Halfway there.' }) },
  ],
  ['DELETE /api/actions/:aid/updates/:uid', organizerRoute(204), { params: freshAction }],
  ['GET /api/surveys/:sid/follow-up-questions', viewerRoute(200)],
  ['GET /api/me/actions', ownMember(200, 200)],
]

/** `METHOD /api/path` of every API route the app serves (middleware entries excluded). */
export function appRoutes(w: World): string[] {
  const routes = w.t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`)
  return [...new Set(routes)]
}

/** The world's default for each path parameter. */
const defaults = (w: World): Required<Params> => ({
  cid: w.a.cid,
  sid: w.sid,
  pid: w.openPid,
  mid: w.a.members[0].id,
  oid: w.a.viewer.id,
  kind: 'slack',
  token: w.unsubscribeToken,
  iid: 'no-such-invite',
  aid: 'no-such-action',
  uid: 'no-such-update',
  tid: 'no-such-comment',
})

export async function requestOf(w: World, route: string, row: Row, who: Who) {
  const [method, template] = route.split(' ')
  const params = { ...defaults(w), ...(await row.params?.(w, who)) }
  const path =
    template.replace(/:(\w+)/g, (_, name: keyof Params) => params[name]) +
    (row.query ? `?${row.query(w)}` : '')
  const body = await row.body?.(w, who, params)
  return { method, path, body }
}

/** Calls a route as an identity (through a copy of its credentials, so a new cookie stays local). */
export async function callAs(w: World, route: string, row: Row, who: Who) {
  const { method, path, body } = await requestOf(w, route, row, who)
  const { agent, bearer } = callerAs(w, who)
  const login = loginOf(w, who)
  if (row.ownSession && login) await agent.post('/api/session', login)
  return agent.call(method, path, { body, bearer })
}

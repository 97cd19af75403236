import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { email } from '../helpers/http'
import { inDays } from '../helpers/fixtures'
import { memberKey } from '../../web/member/token-client'
import { prepareToken } from '../../web/member/token-client'
import { myPulse } from '../helpers/protocol'
import {
  buildWorld,
  callerAs,
  freshCommunity,
  freshInvite,
  freshMember,
  freshPulse,
  freshResponse,
  freshSurvey,
  freshTeammate,
  identities,
  loginOf,
  OWNER_PASSWORD,
  tableCounts,
  type Who,
  type World,
} from '../helpers/world'
import { Agent } from '../helpers/http'

// Every route of the API, called as every identity, against API.md's roles table and credential
// rules. The route list comes from the app itself: a route without a row fails the first test.

type Expect = Record<Who, number>
type Params = Partial<Record<'cid' | 'sid' | 'pid' | 'mid' | 'oid', string>>
interface Row {
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
const viewerRoute = (ok: number): Expect => ({ ...signedOut, viewer: ok, otherOrganizer: 404, organizer: ok, owner: ok })
const organizerRoute = (ok: number): Expect => ({ ...signedOut, viewer: 403, otherOrganizer: 404, organizer: ok, owner: ok })
const ownerRoute = (ok: number): Expect => ({ ...signedOut, viewer: 403, otherOrganizer: 404, organizer: 403, owner: ok })
const anySession = (ok: number): Expect => ({ ...signedOut, viewer: ok, otherOrganizer: ok, organizer: ok, owner: ok })
const everyone = (status: number): Expect => ({ nobody: status, member: status, otherMember: status, viewer: status, otherOrganizer: status, organizer: status, owner: status })
const ownMember = (ok: number, other: number): Expect => ({ nobody: 401, member: ok, otherMember: other, viewer: 401, otherOrganizer: 401, organizer: 401, owner: 401 })

const closed = (w: World): Params => ({ pid: w.closedPid })
const text = (w: World) => w.questions.find((q) => q.kind === 'text')!.id

export const matrix: MatrixRow[] = [
  ['GET /api/health', everyone(200)],
  ['GET /api/setup', everyone(200)],
  ['POST /api/setup', everyone(409), { body: () => ({ email: email(), password: 'long enough password' }) }],
  ['POST /api/session', everyone(200), { body: (w) => ({ email: w.a.owner.email, password: OWNER_PASSWORD }) }],
  ['GET /api/session', anySession(200)],
  ['DELETE /api/session', everyone(204), { ownSession: true }],
  ['PUT /api/session/password', anySession(204), { body: (w, who) => ({ current: loginOf(w, who)?.password ?? 'x', password: loginOf(w, who)?.password ?? 'xxxxxxxxxxxx' }) }],
  ['POST /api/communities', anySession(201), { body: () => ({ name: 'Another' }) }],
  ['GET /api/communities', anySession(200)],
  ['GET /api/communities/:cid', viewerRoute(200)],
  ['PATCH /api/communities/:cid', ownerRoute(200), { body: () => ({ name: 'Riverside Commons' }) }],
  ['DELETE /api/communities/:cid', ownerRoute(204), { params: async (w) => ({ cid: await freshCommunity(w) }) }],
  ['GET /api/communities/:cid/team', organizerRoute(200)],
  ['POST /api/communities/:cid/team', ownerRoute(201), { body: () => ({ email: email('invited'), role: 'viewer' }) }],
  ['DELETE /api/communities/:cid/team/:oid', ownerRoute(204), { params: async (w) => ({ oid: await freshTeammate(w) }) }],
  ['POST /api/team-invites', everyone(201), { body: async (w) => ({ token: await freshInvite(w), password: 'a long password' }) }],
  ['POST /api/communities/:cid/members', organizerRoute(201), { body: () => ({ members: [{ email: email('member') }] }) }],
  ['GET /api/communities/:cid/members', organizerRoute(200)],
  ['DELETE /api/communities/:cid/members/:mid', organizerRoute(204), { params: async (w) => ({ mid: (await freshMember(w)).id }) }],
  ['POST /api/communities/:cid/members/:mid/invite', organizerRoute(200), { params: async (w) => ({ mid: (await freshMember(w)).id }) }],
  // Templates are the product's own content, the same for everyone: public on purpose.
  ['GET /api/templates', everyone(200)],
  ['POST /api/communities/:cid/surveys', organizerRoute(201), { body: () => ({ template: 'trust-pulse' }) }],
  ['GET /api/communities/:cid/surveys', viewerRoute(200)],
  ['GET /api/surveys/:sid', viewerRoute(200)],
  ['PATCH /api/surveys/:sid', organizerRoute(200), { body: () => ({ title: 'Weekly check-in' }) }],
  ['DELETE /api/surveys/:sid', organizerRoute(204), { params: async (w) => ({ sid: await freshSurvey(w) }) }],
  ['POST /api/surveys/:sid/pulses', organizerRoute(201), { body: (w) => ({ opensAt: inDays(w.t, 20), closesAt: inDays(w.t, 21) }) }],
  ['GET /api/surveys/:sid/pulses', viewerRoute(200)],
  ['GET /api/pulses/:pid', viewerRoute(200)],
  ['POST /api/pulses/:pid/close', organizerRoute(200), { params: async (w) => ({ pid: await freshPulse(w) }) }],
  ['POST /api/pulses/:pid/share', organizerRoute(200), { params: closed }],
  ['DELETE /api/pulses/:pid/share', organizerRoute(200), { params: closed }],
  ['GET /api/surveys/:sid/schedule', viewerRoute(200)],
  ['PUT /api/surveys/:sid/schedule', organizerRoute(200), { body: (w) => ({ cadence: 'weekly', startsAt: inDays(w.t, 30), durationDays: 3 }) }],
  ['DELETE /api/surveys/:sid/schedule', organizerRoute(204), { params: async (w) => ({ sid: await freshSurvey(w) }) }],
  ['POST /api/join', everyone(200), { body: async (w) => ({ inviteKey: (await freshMember(w)).inviteKey, memberKey: memberKey() }) }],
  ['GET /api/me', ownMember(200, 200)],
  ['GET /api/me/pulses', ownMember(200, 200)],
  ['GET /api/me/results', ownMember(200, 200)],
  [
    'POST /api/pulses/:pid/tokens',
    ownMember(200, 404),
    { body: async (w) => ({ blindedMsg: (await prepareToken((await myPulse(w.t, w.a.members[0].memberKey!, w.openPid)).key.publicKey)).blindedMsg }) },
  ],
  // Members of the pulse and its organizers, any role (API.md "Members").
  ['GET /api/pulses/:pid/keys', { nobody: 401, member: 200, otherMember: 404, viewer: 200, otherOrganizer: 404, organizer: 200, owner: 200 }],
  // No credentials; whatever is sent is ignored.
  ['POST /api/pulses/:pid/responses', everyone(201), { body: (w) => freshResponse(w) }],
  ['GET /api/pulses/:pid/report', viewerRoute(200), { params: closed }],
  ['GET /api/pulses/:pid/comments', viewerRoute(200), { params: closed, query: (w) => `questionId=${text(w)}` }],
  ['GET /api/surveys/:sid/trend', viewerRoute(200)],
  ['GET /api/surveys/:sid/trend.csv', viewerRoute(200)],
]

/** `METHOD /api/path` of every API route the app serves (middleware entries excluded). */
export function appRoutes(w: World): string[] {
  const routes = w.t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`)
  return [...new Set(routes)]
}

/** The world's default for each path parameter. */
const defaults = (w: World): Required<Params> => ({ cid: w.a.cid, sid: w.sid, pid: w.openPid, mid: w.a.members[0].id, oid: w.a.viewer.id })

export async function requestOf(w: World, route: string, row: Row, who: Who) {
  const [method, template] = route.split(' ')
  const params = { ...defaults(w), ...(await row.params?.(w, who)) }
  const path = template.replace(/:(\w+)/g, (_, name: keyof Params) => params[name]) + (row.query ? `?${row.query(w)}` : '')
  const body = await row.body?.(w, who, params)
  return { method, path, body }
}

/** Calls a route as an identity (through a copy of its credentials, so a new cookie stays local). */
async function callAs(w: World, route: string, row: Row, who: Who) {
  const { method, path, body } = await requestOf(w, route, row, who)
  const { agent, bearer } = callerAs(w, who)
  const login = loginOf(w, who)
  if (row.ownSession && login) await agent.post('/api/session', login)
  return agent.call(method, path, { body, bearer })
}

const test = suite<{ w: World }>('access matrix')
test.before(async (ctx) => {
  ctx.w = await buildWorld()
})

test('every API route has a row, and every row is a route', ({ w }) => {
  const rows = new Set(matrix.map(([route]) => route))
  const missing = appRoutes(w).filter((r) => !rows.has(r))
  assert.equal(missing, [], `routes without a row in the access matrix: ${missing.join(', ')}`)
  const stale = [...rows].filter((r) => !appRoutes(w).includes(r))
  assert.equal(stale, [], `rows for routes the app does not serve: ${stale.join(', ')}`)
})

test('every identity gets the status API.md gives it on every route', async ({ w }) => {
  const wrong: string[] = []
  for (const [route, expect, row = {}] of matrix) {
    for (const who of identities) {
      const res = await callAs(w, route, row, who)
      if (res.status !== expect[who]) wrong.push(`${route} as ${who}: expected ${expect[who]}, got ${res.status} ${res.text.slice(0, 160)}`)
      else if (res.status >= 400) assert.is(res.headers.get('content-type'), 'application/problem+json', `${route} as ${who}`)
    }
  }
  assert.equal(wrong, [], `\n${wrong.join('\n')}`)
})

test('a member key never opens an organizer route, even beside a session of another community', async ({ w }) => {
  // A member key sent with an outsider's cookie: still nothing of A.
  const wrong: string[] = []
  for (const [route, expect, row = {}] of matrix) {
    if (expect.member !== 401 || expect.otherOrganizer !== 404) continue
    const { method, path, body } = await requestOf(w, route, row, 'otherOrganizer')
    const { agent } = callerAs(w, 'otherOrganizer')
    const res = await agent.call(method, path, { body, bearer: w.a.members[0].memberKey })
    if (res.status !== 404) wrong.push(`${route}: ${res.status}`)
  }
  assert.equal(wrong, [])
})

test('every state-changing route refuses a cross-site request (403) and writes nothing; responses still work', async ({ w }) => {
  const wrong: string[] = []
  const hostile = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }]
  for (const [route, expect, row = {}] of matrix) {
    if (route.startsWith('GET ')) continue
    // The identity that may do it, so only the origin stands in the way.
    const who = identities.findLast((i) => expect[i] < 300) ?? 'owner'
    for (const headers of hostile) {
      const { method, path, body } = await requestOf(w, route, row, who)
      const { agent, bearer } = callerAs(w, who)
      const before = await tableCounts(w.t)
      const res = await agent.call(method, path, { body, bearer, headers })
      const want = route === 'POST /api/pulses/:pid/responses' ? 201 : 403
      if (res.status !== want) wrong.push(`${route} ${JSON.stringify(headers)}: expected ${want}, got ${res.status}`)
      if (want === 403) assert.equal(await tableCounts(w.t), before, `${route} wrote while refusing`)
    }
  }
  assert.equal(wrong, [], `\n${wrong.join('\n')}`)
})

test('the responses route needs no credentials and ignores any sent', async ({ w }) => {
  const variants: Record<string, string>[] = [
    {},
    { cookie: w.a.owner.cookie! },
    { authorization: `Bearer ${w.a.members[0].memberKey}` },
    { authorization: 'Bearer not-a-real-key-but-long-enough' },
    { cookie: 'session=forged', authorization: 'Basic Zm9vOmJhcg==', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  ]
  for (const headers of variants) {
    const res = await new Agent(w.t).post(`/api/pulses/${w.openPid}/responses`, await freshResponse(w), { headers })
    assert.is(res.status, 201, `${JSON.stringify(Object.keys(headers))}: ${res.text}`)
    assert.type(res.body.receipt, 'string')
  }
})

test.run()

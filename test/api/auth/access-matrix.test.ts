import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { Agent } from '../../helpers/http'
import {
  buildWorld,
  callerAs,
  freshResponse,
  identities,
  tableCounts,
  type World,
} from '../../helpers/world'
import { appRoutes, callAs, matrix, requestOf } from '../../helpers/matrix'

// Every route of the API, called as every identity, against API.md's roles table and credential
// rules. The route list comes from the app itself: a route without a row fails the first test.

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
      if (res.status !== expect[who])
        wrong.push(
          `${route} as ${who}: expected ${expect[who]}, got ${res.status} ${res.text.slice(0, 160)}`,
        )
      else if (res.status >= 400)
        assert.is(res.headers.get('content-type'), 'application/problem+json', `${route} as ${who}`)
    }
  }
  assert.equal(wrong, [], `\n${wrong.join('\n')}`)
})

test('a member key never opens an organizer route, even beside a session of another community', async ({
  w,
}) => {
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

test('every state-changing route refuses a cross-site request (403) and writes nothing; responses still work', async ({
  w,
}) => {
  const wrong: string[] = []
  const hostile: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'null' },
  ]
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
      if (res.status !== want)
        wrong.push(`${route} ${JSON.stringify(headers)}: expected ${want}, got ${res.status}`)
      if (want === 403)
        assert.equal(await tableCounts(w.t), before, `${route} wrote while refusing`)
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
    {
      cookie: 'session=forged',
      authorization: 'Basic Zm9vOmJhcg==',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    },
  ]
  for (const headers of variants) {
    const res = await new Agent(w.t).post(
      `/api/pulses/${w.openPid}/responses`,
      await freshResponse(w),
      { headers },
    )
    assert.is(res.status, 201, `${JSON.stringify(Object.keys(headers))}: ${res.text}`)
    assert.type(res.body.receipt, 'string')
  }
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as api from '../../../web/organizer/api'
import { ApiError } from '../../../web/organizer/api'

interface Seen {
  url: string
  init: RequestInit
}

let seen: Seen[] = []
let reply: () => Promise<Response> = async () => new Response(null, { status: 204 })
const realFetch = globalThis.fetch

function answer(status: number, body?: unknown, type = 'application/json') {
  reply = async () =>
    new Response(
      body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
      {
        status,
        headers: { 'content-type': type },
      },
    )
}

const client = suite('api client')

client.before.each(() => {
  seen = []
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return reply()
  }) as typeof fetch
})
client.after.each(() => {
  globalThis.fetch = realFetch
})

client('sends JSON with same-origin credentials under /api', async () => {
  answer(200, { organizer: { id: 'o', email: 'a@b.c', name: 'A' } })
  const result = await api.login('a@b.c', 'secret-pass')
  assert.is(result.organizer.id, 'o')
  assert.is(seen[0].url, '/api/session')
  assert.is(seen[0].init.method, 'POST')
  assert.is(seen[0].init.credentials, 'same-origin')
  const headers = seen[0].init.headers as Record<string, string>
  assert.is(headers['content-type'], 'application/json')
  assert.is(seen[0].init.body, JSON.stringify({ email: 'a@b.c', password: 'secret-pass' }))
})

client('posts CSV as text/csv and encodes path segments', async () => {
  answer(201, { created: 1, updated: 0, members: [] })
  await api.importMembersCsv('c/1', 'email\na@b.c\n')
  assert.is(seen[0].url, '/api/communities/c%2F1/members')
  assert.is((seen[0].init.headers as Record<string, string>)['content-type'], 'text/csv')
  assert.is(seen[0].init.body, 'email\na@b.c\n')
})

client('builds the member page query only from what is given', async () => {
  answer(200, { members: [] })
  await api.listMembers('c1', { limit: 50, cursor: 'abc' })
  await api.listMembers('c1')
  assert.is(seen[0].url, '/api/communities/c1/members?limit=50&cursor=abc')
  assert.is(seen[1].url, '/api/communities/c1/members')
})

client('throws a typed ApiError from a problem+json body, with its errors', async () => {
  const problem = {
    type: 'about:blank',
    title: 'Invalid input',
    status: 422,
    detail: 'Some lines are wrong',
    errors: [{ path: 'line.7', message: 'invalid email' }, { nonsense: true }],
  }
  answer(422, problem, 'application/problem+json')
  try {
    await api.importMembersCsv('c1', 'x')
    assert.unreachable('should throw')
  } catch (error) {
    assert.instance(error, ApiError)
    const e = error as ApiError
    assert.is(e.status, 422)
    assert.is(e.title, 'Invalid input')
    assert.is(e.detail, 'Some lines are wrong')
    assert.equal(e.errors, [{ path: 'line.7', message: 'invalid email' }])
  }
})

client('gives a readable problem for a non-JSON failure and for no network', async () => {
  answer(502, '<html>Bad gateway</html>', 'text/html')
  const bad = await api.listCommunities().catch((e: ApiError) => e)
  assert.is((bad as ApiError).status, 502)
  assert.ok((bad as ApiError).detail.length > 0)
  reply = () => Promise.reject(new TypeError('Failed to fetch'))
  const offline = await api.listCommunities().catch((e: ApiError) => e)
  assert.is((offline as ApiError).status, 0)
  assert.is((offline as ApiError).title, 'Network error')
})

client('reads 204 as undefined', async () => {
  answer(204)
  assert.is(await api.logout(), undefined)
  assert.is(seen[0].init.method, 'DELETE')
})

client('treats a missing setup status endpoint as unknown', async () => {
  answer(404, { title: 'Not Found', status: 404, detail: 'no route' })
  assert.is(await api.setupStatus(), null)
  answer(200, { needed: true, tokenRequired: false })
  assert.equal(await api.setupStatus(), { needed: true, tokenRequired: false })
  answer(500, {})
  await api.setupStatus().then(
    () => assert.unreachable('500 should throw'),
    (e: ApiError) => assert.is(e.status, 500),
  )
})

client(
  'reads the survey with its schedule from one request that never 404s for a missing schedule',
  async () => {
    answer(200, { id: 's1', title: 'Check-in', questions: [] })
    assert.is((await api.getSurvey('s1')).schedule, undefined)
    assert.equal(
      seen.map((s) => s.url),
      ['/api/surveys/s1'],
    )
  },
)

client('deletes a pulse with DELETE and reads a pulse key list', async () => {
  answer(204)
  assert.is(await api.deletePulse('p 1'), undefined)
  assert.is(seen[0].url, '/api/pulses/p%201')
  assert.is(seen[0].init.method, 'DELETE')
  answer(200, [{ keyId: 'k1', publicKey: 'x', cohort: { role: 'care' }, eligible: 5, joined: 5 }])
  assert.equal((await api.getKeys('p1'))[0].cohort, { role: 'care' })
  assert.is(seen[1].url, '/api/pulses/p1/keys')
})

client.run()

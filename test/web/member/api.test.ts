import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiError, createMemberApi } from '../../../web/member/api'
import { receiptFor } from '../../../web/member/token-client'
import { json } from './helpers'

type Seen = { url: string; init: RequestInit }
function recorder(reply: () => Response | Promise<Response>) {
  const seen: Seen[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return reply()
  }) as typeof globalThis.fetch
  return { seen, fetch }
}
const header = (s: Seen, name: string) => new Headers(s.init.headers).get(name)

const test = suite('member api')

test('member routes carry the bearer key under the base URL and omit cookies', async () => {
  const r = recorder(() => json(200, []))
  const api = createMemberApi({
    baseUrl: 'http://127.0.0.1:9',
    fetch: r.fetch,
    memberKey: () => 'MK',
  })
  await api.myPulses()
  await api.issue('p/1', 'BM')
  assert.is(r.seen[0].url, 'http://127.0.0.1:9/api/me/pulses')
  assert.is(header(r.seen[0], 'authorization'), 'Bearer MK')
  assert.is(r.seen[0].init.credentials, 'omit')
  assert.is(r.seen[1].url, 'http://127.0.0.1:9/api/pulses/p%2F1/tokens')
  assert.is(r.seen[1].init.method, 'POST')
  assert.equal(JSON.parse(String(r.seen[1].init.body)), { blindedMsg: 'BM' })
})

test('join and submit send no credentials at all', async () => {
  const r = recorder(() => json(200, { community: { id: 'c', name: 'C' }, receipt: 'R' }))
  const api = createMemberApi({ fetch: r.fetch, memberKey: () => 'MK' })
  await api.join('INV', 'NEW')
  await api.submit('p1', { keyId: 'k', token: 'AAAA', signature: 'S', answers: [] })
  for (const s of r.seen) {
    assert.is(header(s, 'authorization'), null)
    assert.is(s.init.credentials, 'omit')
  }
  assert.equal(JSON.parse(String(r.seen[0].init.body)), { inviteKey: 'INV', memberKey: 'NEW' })
})

test('a problem answer becomes an ApiError with status, title, detail and errors', async () => {
  const problem = {
    title: 'Unprocessable',
    status: 422,
    detail: 'bad',
    errors: [{ path: 'answers.0', message: 'no' }],
  }
  const api = createMemberApi({ fetch: recorder(() => json(422, problem)).fetch })
  const e = await api.me().catch((e) => e)
  assert.instance(e, ApiError)
  assert.is(e.status, 422)
  assert.is(e.title, 'Unprocessable')
  assert.is(e.detail, 'bad')
  assert.equal(e.errors, problem.errors)
})

test('a network failure becomes an ApiError with status 0', async () => {
  const api = createMemberApi({ fetch: recorder(() => Promise.reject(new TypeError('x'))).fetch })
  const e = await api.me().catch((e) => e)
  assert.instance(e, ApiError)
  assert.is(e.status, 0)
})

test('submit treats a 409 carrying our own receipt as already stored', async () => {
  const token = 'AAAA'
  const receipt = await receiptFor(token)
  const api = createMemberApi({
    fetch: recorder(() => json(409, { status: 409, title: 'Conflict', receipt })).fetch,
  })
  const body = { keyId: 'k', token, signature: 'S', answers: [] }
  assert.equal(await api.submit('p1', body), { receipt, already: true })
})

test('submit still fails on a 409 with another receipt or none', async () => {
  for (const extra of [{ receipt: 'someone-else' }, {}]) {
    const api = createMemberApi({
      fetch: recorder(() => json(409, { status: 409, title: 'Conflict', ...extra })).fetch,
    })
    const e = await api
      .submit('p1', { keyId: 'k', token: 'AAAA', signature: 'S', answers: [] })
      .catch((e) => e)
    assert.instance(e, ApiError)
    assert.is(e.status, 409)
  }
})

test.run()

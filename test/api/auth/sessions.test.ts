import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp }>('setup and sessions')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

test('health answers ok', async ({ t }) => {
  const res = await new Agent(t).get('/api/health')
  assert.is(res.status, 200)
  assert.equal(res.body, { ok: true })
})

test('setup creates the first organizer, signs them in, and is refused afterwards', async ({
  t,
}) => {
  const a = new Agent(t)
  assert.equal((await a.get('/api/setup')).body, {
    needed: true,
    tokenRequired: false,
    passwordReset: false,
  })
  const res = await a.post('/api/setup', {
    email: ' Ada@Example.ORG ',
    password: 'a long password',
    name: 'Ada',
  })
  assert.is(res.status, 201)
  assert.is(res.body.organizer.email, 'ada@example.org')
  assert.match(res.headers.get('set-cookie')!, /HttpOnly/)
  assert.match(res.headers.get('set-cookie')!, /SameSite=Lax/)
  assert.is((await a.get('/api/session')).body.organizer.name, 'Ada')
  const again = await new Agent(t).post('/api/setup', {
    email: 'x@example.org',
    password: 'another password',
  })
  assert.is(again.status, 409)
  assert.is(again.headers.get('content-type'), 'application/problem+json')
  assert.equal((await a.get('/api/setup')).body, {
    needed: false,
    tokenRequired: false,
    passwordReset: false,
  })
})

test('setup checks 409 before validating the body', async ({ t }) => {
  await setupOwner(t)
  const res = await new Agent(t).post('/api/setup', { email: 'nope' })
  assert.is(res.status, 409)
})

test('setup rejects a short password with a field error and writes nothing', async ({ t }) => {
  const a = new Agent(t)
  const res = await a.post('/api/setup', { email: 'a@example.org', password: 'short' })
  assert.is(res.status, 422)
  assert.equal(
    res.body.errors.map((e: any) => e.path),
    ['password'],
  )
  assert.equal((await a.get('/api/setup')).body.needed, true)
})

test('setup with a configured token needs that token', async () => {
  const t = await testApp({ setupToken: 'sesame-123' })
  const a = new Agent(t)
  assert.equal((await a.get('/api/setup')).body, {
    needed: true,
    tokenRequired: true,
    passwordReset: false,
  })
  const body = { email: 'a@example.org', password: 'a long password' }
  assert.is((await a.post('/api/setup', body)).status, 403)
  assert.is((await a.post('/api/setup', { ...body, setupToken: 'wrong' })).status, 403)
  assert.is((await a.post('/api/setup', { ...body, setupToken: 'sesame-123' })).status, 201)
})

test('malformed JSON is 400 and a form body is 415', async ({ t }) => {
  const a = new Agent(t)
  assert.is((await a.post('/api/setup', '{"email":')).status, 400)
  const form = await a.post('/api/setup', 'a=b', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  assert.is(form.status, 415)
})

test('login, wrong password, logout invalidates the session', async ({ t }) => {
  const owner = await setupOwner(t)
  const a = new Agent(t)
  assert.is(
    (await a.post('/api/session', { email: 'owner@example.org', password: 'wrong password' }))
      .status,
    401,
  )
  assert.is(
    (await a.post('/api/session', { email: 'nobody@example.org', password: 'wrong password' }))
      .status,
    401,
  )
  const ok = await a.post('/api/session', {
    email: 'OWNER@example.org',
    password: 'correct horse battery',
  })
  assert.is(ok.status, 200)
  assert.is(ok.body.organizer.email, 'owner@example.org')
  const cookie = a.cookie
  assert.is((await a.delete('/api/session')).status, 204)
  const stale = new Agent(t)
  stale.cookie = cookie
  assert.is((await stale.get('/api/session')).status, 401)
  assert.is((await owner.get('/api/session')).status, 200)
})

test('sessions expire', async ({ t }) => {
  const owner = await setupOwner(t)
  t.clock.now += 15 * 24 * 3600 * 1000
  assert.is((await owner.get('/api/session')).status, 401)
})

test('login is rate limited without writing anything', async () => {
  let left = 2
  const t = await testApp({ rateLimit: async () => left-- > 0 })
  await setupOwner(t)
  const a = new Agent(t)
  const creds = { email: 'owner@example.org', password: 'wrong password' }
  assert.is((await a.post('/api/session', creds)).status, 401)
  assert.is((await a.post('/api/session', creds)).status, 401)
  const limited = await a.post('/api/session', creds)
  assert.is(limited.status, 429)
  assert.is(limited.body.status, 429)
})

test('password change needs the current password and ends other sessions', async ({ t }) => {
  const owner = await setupOwner(t)
  const other = new Agent(t)
  await other.post('/api/session', {
    email: 'owner@example.org',
    password: 'correct horse battery',
  })
  const wrong = await owner.put('/api/session/password', {
    current: 'nope nope nope',
    password: 'a brand new password',
  })
  assert.is(wrong.status, 422)
  assert.equal(wrong.body.errors, [{ path: 'current', message: 'is not your current password' }])
  const ok = await owner.put('/api/session/password', {
    current: 'correct horse battery',
    password: 'a brand new password',
  })
  assert.is(ok.status, 204)
  assert.is((await owner.get('/api/session')).status, 200)
  assert.is((await other.get('/api/session')).status, 401)
  const relog = await new Agent(t).post('/api/session', {
    email: 'owner@example.org',
    password: 'a brand new password',
  })
  assert.is(relog.status, 200)
})

test('cross-site state changes are refused; non-browser clients pass', async ({ t }) => {
  const a = new Agent(t)
  const body = { email: 'a@example.org', password: 'a long password' }
  const cross = await a.post('/api/setup', body, { headers: { origin: 'https://evil.example' } })
  assert.is(cross.status, 403)
  const fetchSite = await a.post('/api/setup', body, {
    headers: { 'sec-fetch-site': 'cross-site' },
  })
  assert.is(fetchSite.status, 403)
  const same = await a.post('/api/setup', body, {
    headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
  })
  assert.is(same.status, 201)
})

test('unknown routes are 404 and wrong methods 405, as problem+json', async ({ t }) => {
  const a = new Agent(t)
  const missing = await a.get('/api/nothing-here')
  assert.is(missing.status, 404)
  assert.is(missing.body.status, 404)
  const wrong = await a.call('PATCH', '/api/health')
  assert.is(wrong.status, 405)
  assert.is(wrong.headers.get('content-type'), 'application/problem+json')
})

test('with the front end served, unknown API paths are still 404 and pages are pages', async () => {
  const t = await testApp({ assets: async (c) => c.html('<h1>page</h1>') })
  const a = new Agent(t)
  const missing = await a.get('/api/nothing-here')
  assert.is(missing.status, 404)
  assert.is(missing.headers.get('content-type'), 'application/problem+json')
  const page = await a.get('/m/pulses/x')
  assert.is(page.status, 200)
  assert.match(page.headers.get('content-security-policy')!, /default-src 'self'/)
})

test('bodies over 1 MiB are 413', async ({ t }) => {
  const res = await new Agent(t).post('/api/session', {
    email: 'a@example.org',
    password: 'x'.repeat(1024 * 1024 + 10),
  })
  assert.is(res.status, 413)
})

test('security headers are set', async ({ t }) => {
  const res = await new Agent(t).get('/api/health')
  assert.match(res.headers.get('content-security-policy')!, /frame-ancestors 'none'/)
  assert.match(res.headers.get('content-security-policy')!, /script-src 'self'/)
  assert.is(res.headers.get('referrer-policy'), 'no-referrer')
})

test.run()

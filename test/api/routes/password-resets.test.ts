import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { EmailMessage, Mailer } from '../../../api/delivery/mailer'
import { memoryRateLimiter } from '../../../api/runtime/node-support'
import { sha256 } from '../../../api/privacy/ids'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, communityWith, fragment, rows, teammate } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

// A forgotten password, reset by email: the request says nothing about whether the account
// exists, the link is single-use and short-lived, and using it ends every session.

const OLD = 'correct horse battery'
const NEW = 'a brand new password'
const MINUTE = 60_000

interface Ctx {
  t: TestApp
  owner: Agent
  sent: EmailMessage[]
}

/** A mailer that records what it was given. */
function recordingMailer(sent: EmailMessage[]): Mailer {
  return { name: 'Test', send: async (message) => void sent.push(message) }
}

const test = suite<Ctx>('password resets')
test.before.each(async (ctx) => {
  ctx.sent = []
  ctx.t = await testApp({ mailer: recordingMailer(ctx.sent) })
  ctx.owner = await setupOwner(ctx.t)
})

const ask = (t: TestApp, email: string) => new Agent(t).post('/api/password-resets', { email })
const settle = (t: TestApp) => Promise.all(t.tasks.splice(0))
const login = (t: TestApp, password: string, email = 'owner@example.org') =>
  new Agent(t).post('/api/session', { email, password })

/** Asks for a reset of `email` and returns the token from the email it got. */
async function emailedToken(t: TestApp, sent: EmailMessage[], email = 'owner@example.org') {
  assert.is((await ask(t, email)).status, 202)
  await settle(t)
  const message = sent.at(-1)!
  assert.is(message.to, email)
  return fragment(message.text.match(/https:\S+/)![0])
}

test('GET /api/setup says whether passwords can be reset by email (a mailer is configured)', async ({
  t,
}) => {
  assert.equal((await new Agent(t).get('/api/setup')).body, {
    needed: false,
    tokenRequired: false,
    passwordReset: true,
  })
  const withoutMail = await testApp()
  assert.is((await new Agent(withoutMail).get('/api/setup')).body.passwordReset, false)
})

test('a reset request answers 202 with no body, and no cookie, whether or not the account exists', async ({
  t,
  sent,
}) => {
  const known = await ask(t, 'Owner@Example.org')
  const unknown = await ask(t, 'nobody@example.org')
  for (const res of [known, unknown]) {
    assert.is(res.status, 202)
    assert.is(res.text, '')
    assert.is(res.headers.get('set-cookie'), null)
  }
  assert.equal([...known.headers.keys()], [...unknown.headers.keys()])
  await settle(t)
  assert.equal(
    sent.map((m) => m.to),
    ['owner@example.org'],
  )
  assert.is(await rows(t, 'password_resets'), 1)
})

test('the answer does not wait for the email: a stalled mail server does not tell the account exists', async () => {
  const events: string[] = []
  let release = () => {}
  const t = await testApp({
    mailer: {
      name: 'Stalled',
      send: () =>
        new Promise<void>((done) => {
          events.push('handed to the mailer')
          // Only breaks a deadlock if the route waited for the mail: the order below then fails.
          const timer = setTimeout(() => release(), 2000)
          release = () => (clearTimeout(timer), events.push('mail server answered'), done())
        }),
    },
  })
  await setupOwner(t)
  const res = await ask(t, 'owner@example.org')
  events.push(`answered ${res.status}`)
  release()
  await settle(t)
  assert.equal(events, ['handed to the mailer', 'answered 202', 'mail server answered'])
})

test('the email carries a 30-minute, single-use link whose fragment is the token; only its hash is stored', async ({
  t,
  sent,
}) => {
  const token = await emailedToken(t, sent)
  const [message] = sent
  assert.is(message.subject, 'Reset your trustpulse password')
  assert.match(message.text, `https://pulse.example/reset-password#${token}`)
  assert.match(message.text, /within 30 minutes/)
  assert.match(message.html, `<a href="https://pulse.example/reset-password#${token}">`)
  assert.match(token, /^[A-Za-z0-9_-]{43}$/)
  const [stored] = await t.deps.db.query.passwordResets.findMany()
  assert.is(stored.tokenHash, sha256(token))
  assert.is(stored.expiresAt, t.clock.now + 30 * MINUTE)
})

test('a reset sets the password, ends every session of that organizer, and signs in', async ({
  t,
  owner,
  sent,
}) => {
  const cid = (await communityWith(owner)).id
  const colleague = await teammate(owner, cid, 'organizer')
  const laptop = new Agent(t)
  await laptop.post('/api/session', { email: 'owner@example.org', password: OLD })
  const token = await emailedToken(t, sent)
  const device = new Agent(t)
  const res = await device.post('/api/password-resets/confirm', { token, password: NEW })
  assert.is(res.status, 200)
  assert.equal(res.body, {
    organizer: { id: res.body.organizer.id, email: 'owner@example.org', name: 'Olu' },
  })
  assert.match(res.headers.get('set-cookie')!, /^session=.+HttpOnly/)
  assert.is((await device.get(`/api/communities/${cid}`)).body.role, 'owner')
  assertProblem(await owner.get('/api/session'), 401)
  assertProblem(await laptop.get('/api/session'), 401)
  assertProblem(await login(t, OLD), 401)
  assert.is((await login(t, NEW)).status, 200)
  assert.is((await colleague.get('/api/session')).status, 200, 'other organizers stay signed in')
})

test('a reset link works once, and using it voids the other links made for that account', async ({
  t,
  sent,
}) => {
  const first = await emailedToken(t, sent)
  const second = await emailedToken(t, sent)
  assert.is(
    (await new Agent(t).post('/api/password-resets/confirm', { token: second, password: NEW }))
      .status,
    200,
  )
  for (const token of [second, first, 'made-up']) {
    const again = new Agent(t)
    const res = await again.post('/api/password-resets/confirm', {
      token,
      password: 'x'.repeat(12),
    })
    assertProblem(res, 401)
    assert.is(again.cookie, undefined)
  }
  assert.is((await login(t, NEW)).status, 200)
  assert.is(await rows(t, 'password_resets'), 0)
})

test('a reset link expires after 30 minutes and the password stays as it was', async ({
  t,
  sent,
}) => {
  const token = await emailedToken(t, sent)
  t.clock.now += 30 * MINUTE
  assertProblem(
    await new Agent(t).post('/api/password-resets/confirm', { token, password: NEW }),
    401,
  )
  assert.is((await login(t, OLD)).status, 200)
  assertProblem(await login(t, NEW), 401)
})

test('a short password is a 422 at password and the link stays usable', async ({ t, sent }) => {
  const token = await emailedToken(t, sent)
  assertProblem(
    await new Agent(t).post('/api/password-resets/confirm', { token, password: 'short' }),
    422,
    ['password'],
  )
  assertProblem(await new Agent(t).post('/api/password-resets', { email: 'not-an-email' }), 422, [
    'email',
  ])
  assert.is(
    (await new Agent(t).post('/api/password-resets/confirm', { token, password: NEW })).status,
    200,
  )
})

test('reset requests are limited per email like logins, the same for unknown emails (429)', async () => {
  const t = await testApp({
    mailer: recordingMailer([]),
    rateLimit: memoryRateLimiter({ attempts: 2, windowMs: 15 * MINUTE }),
  })
  await setupOwner(t)
  for (const email of ['owner@example.org', 'nobody@example.org']) {
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await ask(t, email)).status)
    assert.equal(statuses, [202, 202, 429], email)
  }
  assertProblem(await ask(t, 'owner@example.org'), 429)
  assert.is((await login(t, OLD)).status, 200, 'sign-in attempts are counted apart')
  await settle(t)
  assert.is(await rows(t, 'password_resets'), 2)
})

test('without email configured the request is a 409 naming the command, and nothing is stored', async () => {
  const t = await testApp()
  await setupOwner(t)
  const res = await ask(t, 'owner@example.org')
  assertProblem(res, 409)
  assert.match(res.body.detail, 'npm run password:reset')
  assert.is(await rows(t, 'password_resets'), 0)
})

test('a failed email is logged by its reason only, never the link or the address', async () => {
  const t = await testApp({
    mailer: {
      name: 'Failing',
      send: async (m) => {
        throw new Error(`SMTP 550: mailbox ${m.to} unavailable; ${m.text}`)
      },
    },
  })
  await setupOwner(t)
  assert.is((await ask(t, 'owner@example.org')).status, 202)
  await settle(t)
  assert.equal(t.logs, ['password reset email not sent: SMTP 550'])
})

test.run()

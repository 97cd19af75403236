import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openDatabase } from '../../../api/runtime/node-db'
import { memoryRateLimiter, setupTokenFor } from '../../../api/runtime/node-support'
import { toBase64Url } from '../../../api/privacy/base64url'
import { testApp, type TestApp } from '../../helpers/app'
import { expectStatus, fragment } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import { prepareToken } from '../../../web/member/token-client'
import {
  myPulse,
  obtainToken,
  openPulseWithMembers,
  requestToken,
  submitWith,
  validAnswers,
} from '../../helpers/protocol'
import { root } from '../../e2e/browser/server'

// The security review's checks (SECURITY.md): headers, cookies, uniform login work, the setup
// token, the rate limiter, and no secret in any log line or error body.

const test = suite<{ t: TestApp }>('security review')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

function assertStrictHeaders(res: { headers: Headers }, where: string) {
  const csp = res.headers.get('content-security-policy') ?? ''
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  )
  assert.is(directives['default-src'], "'self'", `${where}: default-src`)
  assert.is(
    directives['script-src'],
    "'self'",
    `${where}: scripts only from the origin, never inline`,
  )
  assert.is(directives['style-src'], "'self'", `${where}: styles only from the origin`)
  assert.is(directives['object-src'], "'none'", where)
  assert.is(directives['base-uri'], "'none'", where)
  assert.is(directives['frame-ancestors'], "'none'", `${where}: never framed`)
  assert.not.match(csp, /unsafe-inline|unsafe-eval|\*/, `${where}: nothing unsafe or wildcard`)
  assert.is(res.headers.get('x-frame-options'), 'DENY', where)
  assert.is(
    res.headers.get('referrer-policy'),
    'no-referrer',
    `${where}: invite fragments never leak`,
  )
  assert.is(res.headers.get('x-content-type-options'), 'nosniff', where)
  assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}/, where)
}

test('strict headers on API answers, problems and pages', async () => {
  const t = await testApp({ assets: async (c) => c.html('<h1>page</h1>') })
  const a = new Agent(t)
  assertStrictHeaders(await a.get('/api/health'), 'API')
  assertStrictHeaders(await a.get('/api/nothing'), '404 problem')
  assertStrictHeaders(await a.post('/api/session', '{'), '400 problem')
  assertStrictHeaders(await a.get('/'), 'organizer page')
  assertStrictHeaders(await a.get('/join'), 'member page')
})

test('the pages load scripts from files only: no inline script, handler or style attribute', () => {
  for (const page of ['web/index.html', 'web/member.html']) {
    const html = readFileSync(`${root}/${page}`, 'utf8')
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
      assert.match(tag, /^<script type="module" src="[^"]+"><\/script>$/, `${page}: ${tag}`)
    }
    assert.not.match(html, /\son[a-z]+\s*=/i, `${page}: inline event handler`)
    assert.not.match(html, /\sstyle\s*=/i, `${page}: inline style`)
  }
})

test('the session cookie is HttpOnly, SameSite=Lax, path /, and Secure over https', async ({
  t,
}) => {
  const body = JSON.stringify({ email: 'owner@example.org', password: 'correct horse battery' })
  const headers = { 'content-type': 'application/json' }
  const https = await t.app.request('https://pulse.example/api/setup', {
    method: 'POST',
    headers,
    body,
  })
  const cookie = https.headers.get('set-cookie')!
  assert.match(cookie, /^session=[A-Za-z0-9_-]{43};/)
  for (const flag of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure', 'Max-Age=1209600'])
    assert.ok(cookie.split('; ').includes(flag), `${flag} in ${cookie}`)
  const http = await t.app.request('http://localhost/api/session', {
    method: 'POST',
    headers,
    body,
  })
  assert.is(http.status, 200)
  assert.not.ok(
    http.headers.get('set-cookie')!.includes('Secure'),
    'no Secure flag on plain http (a local install)',
  )
  // Signing out clears the cookie in the browser, and the stored session is gone.
  const out = await t.app.request('http://localhost/api/session', {
    method: 'DELETE',
    headers: { cookie: http.headers.get('set-cookie')!.split(';')[0] },
  })
  assert.match(out.headers.get('set-cookie')!, /^session=;.*Max-Age=0/)
})

test('a login spends one password derivation whether or not the email exists, the first one too', async ({
  t,
}) => {
  await setupOwner(t)
  const subtle = crypto.subtle
  const original = subtle.deriveBits.bind(subtle)
  const derivations: number[] = []
  subtle.deriveBits = (async (algorithm: any, key: CryptoKey, length: number) => {
    derivations.push(algorithm.iterations)
    return original(algorithm, key, length)
  }) as typeof subtle.deriveBits
  try {
    const login = async (email: string, password: string) => {
      derivations.length = 0
      const res = await new Agent(t).post('/api/session', { email, password })
      return { status: res.status, derivations: [...derivations] }
    }
    const unknown = await login('nobody@example.org', 'wrong password')
    const wrong = await login('owner@example.org', 'wrong password')
    const right = await login('owner@example.org', 'correct horse battery')
    assert.equal([unknown.status, wrong.status, right.status], [401, 401, 200])
    assert.equal(unknown.derivations, [100_000])
    assert.equal(wrong.derivations, unknown.derivations)
    assert.equal(right.derivations, unknown.derivations)
  } finally {
    subtle.deriveBits = original
  }
})

test('a public deployment needs a setup token until the first organizer exists; loopback does not', async () => {
  const db = await openDatabase(':memory:')
  assert.is(await setupTokenFor(db, '127.0.0.1'), undefined)
  assert.is(await setupTokenFor(db, 'localhost'), undefined)
  assert.is(await setupTokenFor(db, '0.0.0.0', 'configured-token'), 'configured-token')
  const drawn = await setupTokenFor(db, '0.0.0.0')
  assert.match(drawn!, /^[A-Za-z0-9_-]{24}$/)
  assert.is.not(await setupTokenFor(db, '::'), drawn, 'a fresh token each start')

  const t = await testApp({ setupToken: drawn })
  const body = { email: 'owner@example.org', password: 'correct horse battery' }
  assert.is((await new Agent(t).post('/api/setup', body)).status, 403)
  assert.is(
    (await new Agent(t).post('/api/setup', { ...body, setupToken: drawn + 'x' })).status,
    403,
  )
  assert.is((await new Agent(t).post('/api/setup', { ...body, setupToken: drawn })).status, 201)
  // Once an organizer exists, a restart on a public address prints no token any more.
  assert.is(await setupTokenFor(t.deps.db, '0.0.0.0'), undefined)
})

test('the login limiter allows a window of attempts per key, then refuses, other keys unaffected', async () => {
  const limit = memoryRateLimiter({ attempts: 3, windowMs: 60_000 })
  const tries = []
  for (let i = 0; i < 5; i++) tries.push(await limit('login:a@example.org'))
  assert.equal(tries, [true, true, true, false, false])
  assert.is(await limit('login:b@example.org'), true)
})

test('no log line and no error body ever holds a secret, key, token, password or session', async ({
  t,
}) => {
  const secrets: string[] = [toBase64Url(t.deps.secret), Buffer.from(t.deps.secret).toString('hex')]
  const errors: string[] = []
  const record = <R extends { status: number; text: string }>(res: R): R => {
    if (res.status >= 400) errors.push(res.text)
    return res
  }
  // A whole run: setup, team invite, members, tokens, answers, retries, close, reports; with
  // failures of every kind on the way.
  const { owner, pulse, survey, members } = await openPulseWithMembers(t, { members: 6 })
  secrets.push('correct horse battery', owner.cookie!.split('=')[1])
  const community = expectStatus(await owner.get('/api/communities'), 200).body[0]
  const team = expectStatus(
    await owner.post(`/api/communities/${community.id}/team`, {
      email: 'team@example.org',
      role: 'viewer',
    }),
    201,
  )
  const teamToken = fragment(team.body.inviteUrl)
  secrets.push(teamToken, 'the teammate password')
  record(await new Agent(t).post('/api/team-invites', { token: teamToken, password: 'short' }))
  expectStatus(
    await new Agent(t).post('/api/team-invites', {
      token: teamToken,
      password: 'the teammate password',
    }),
    201,
  )
  record(
    await new Agent(t).post('/api/team-invites', {
      token: teamToken,
      password: 'the teammate password',
    }),
  )
  record(
    await new Agent(t).post('/api/session', {
      email: 'owner@example.org',
      password: 'correct horse battery but wrong',
    }),
  )
  secrets.push('correct horse battery but wrong')
  for (const m of members) secrets.push(m.inviteKey, m.memberKey!)
  record(
    await new Agent(t).post('/api/join', {
      inviteKey: members[0].inviteKey,
      memberKey: 'another-member-key-of-enough-length',
    }),
  )
  for (const [i, m] of members.entries()) {
    const token = await obtainToken(t, pulse.id, m.memberKey!)
    secrets.push(
      token.prepared.token,
      token.prepared.blindedMsg,
      token.prepared.inv,
      token.blindSig,
      token.signed.signature,
    )
    record(
      await new Agent(t).post(
        `/api/pulses/${pulse.id}/tokens`,
        { blindedMsg: token.prepared.blindedMsg.slice(0, -4) + 'AAAA' },
        { bearer: m.memberKey },
      ),
    )
    record(await submitWith(t, pulse.id, token, [{ questionId: 'nope', value: 1 }]))
    record(
      await submitWith(
        t,
        pulse.id,
        {
          ...token,
          signed: { ...token.signed, signature: token.signed.signature.slice(0, -4) + 'AAAA' },
        },
        validAnswers(survey.questions, i),
      ),
    )
    expectStatus(await submitWith(t, pulse.id, token, validAnswers(survey.questions, i)), 201)
    record(await submitWith(t, pulse.id, token, validAnswers(survey.questions, i)))
  }
  record(await new Agent(t).get('/api/me', { bearer: members[0].memberKey + 'x' }))
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/close`), 200)
  record(await owner.get(`/api/pulses/${pulse.id}/comments`))
  expectStatus(await owner.get(`/api/surveys/${survey.id}/trend.csv`), 200)

  // An unexpected failure whose message carries a bound parameter, as a failed SQL statement's does.
  const leaky = await testApp({
    signer: {
      sign: async () => {
        throw new Error(`Failed query: insert into x values (?)\nparams: ${secrets[0]}`)
      },
    } as never,
  })
  const opened = await openPulseWithMembers(leaky, { members: 5 })
  const { key } = await myPulse(leaky, opened.members[0].memberKey!, opened.pulse.id)
  const failed = record(
    await requestToken(
      leaky,
      opened.pulse.id,
      opened.members[0].memberKey!,
      (await prepareToken(key.publicKey)).blindedMsg,
    ),
  )
  assert.is(failed.status, 500)
  assert.is(failed.body.detail, 'Something went wrong on our side.')
  assert.equal(leaky.logs, [
    'error POST /api/pulses/:pid/tokens: Error: Failed query: insert into x values (?)',
  ])

  assert.ok(errors.length > 15, `${errors.length} error bodies recorded`)
  const seen = [...errors, ...t.logs, ...leaky.logs]
  for (const secret of secrets) {
    for (const text of seen)
      assert.not.ok(
        text.includes(secret),
        `a secret (${secret.slice(0, 6)}…) appears in ${text.slice(0, 200)}`,
      )
  }
})

test.run()

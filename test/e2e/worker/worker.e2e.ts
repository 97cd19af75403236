// The whole anonymous flow over HTTP against the Worker under workerd (wrangler dev, local D1),
// with the client module the member page uses (web/member/token-client.ts). Run by
// test/e2e/worker/run.ts (`npm run test:edge`), which starts wrangler and calls `register`; the name
// does not end in .test.ts, so `npm test` leaves it alone.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openApiDocument } from '../../../api/openapi'
import type { Question } from '../../../api/surveys/question'
import {
  finalizeToken,
  memberKey,
  prepareToken,
  receiptFor,
  responseBody,
  verifyToken,
} from '../../../web/member/token-client'
import type { TestApp } from '../../helpers/app'
import { Agent, email, type Reply } from '../../helpers/http'
import { inviteKeyOf, validAnswers } from '../../helpers/protocol'

export interface RunningEdge {
  /** http://127.0.0.1:<port> */
  url: string
  /** Every line wrangler and the Worker printed so far. */
  lines: string[]
}

const DAY = 86_400_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const iso = (ms: number) => new Date(ms).toISOString()

function expectStatus(res: Reply, status: number, what: string): any {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`)
  return res.body
}

export function register(edge: RunningEdge): void {
  // test/helpers/http.ts' Agent (cookie jar, JSON, CSV, bearer) over real HTTP instead of app.request.
  const remote = {
    app: { request: (path: string, init: RequestInit) => fetch(edge.url + path, init) },
  } as unknown as TestApp
  const agent = () => new Agent(remote)
  const owner = agent()
  const password = 'correct horse battery'

  /** The member page's steps: key for the pulse, blind, have it signed, finalize. */
  async function obtainToken(pulseId: string, key: string) {
    const mine = expectStatus(
      await agent().get('/api/me/pulses', { bearer: key }),
      200,
      'me/pulses',
    )
    const entry = mine.find((p: any) => p.pulse.id === pulseId)
    assert.ok(entry, 'the pulse is among the member’s pulses')
    const prepared = await prepareToken(entry.key.publicKey)
    const issued = expectStatus(
      await agent().post(
        `/api/pulses/${pulseId}/tokens`,
        { blindedMsg: prepared.blindedMsg },
        { bearer: key },
      ),
      200,
      'token',
    )
    assert.is(issued.keyId, entry.key.keyId)
    const signed = await finalizeToken(prepared, entry.key.publicKey, issued.blindSig)
    return { entry, prepared, issued, signed }
  }

  /** Creates a community, imports the CSV and joins the members (those `joins` picks, default all). */
  async function makeCommunity(
    name: string,
    attributes: string[],
    csv: string,
    joins = (_i: number) => true,
  ) {
    const community = expectStatus(
      await owner.post('/api/communities', { name, attributes }),
      201,
      'community',
    )
    const imported = expectStatus(
      await owner.call('POST', `/api/communities/${community.id}/members`, { csv }),
      201,
      'import',
    )
    const members = imported.members.map((m: any) => ({
      ...m,
      inviteKey: inviteKeyOf(m.inviteUrl),
      memberKey: memberKey(),
    }))
    for (const [i, m] of members.entries()) {
      if (joins(i))
        expectStatus(
          await agent().post('/api/join', { inviteKey: m.inviteKey, memberKey: m.memberKey }),
          200,
          'join',
        )
    }
    return {
      community,
      members: members as {
        id: string
        email: string
        attributes: Record<string, string>
        inviteKey: string
        memberKey: string
      }[],
    }
  }

  const pages = suite('worker: pages, health, configuration')

  pages('GET /api/health answers', async () => {
    const res = await agent().get('/api/health')
    assert.is(res.status, 200)
    assert.is(res.body.ok, true)
  })

  pages(
    'GET /api/openapi.json describes the API on workerd too, the same document as Node',
    async () => {
      const res = await agent().get('/api/openapi.json')
      assert.is(res.status, 200)
      assert.match(res.body.openapi, /^3\.1\./)
      // The Worker serves the copy the build wrote: it must be the one the sources make today.
      assert.equal(res.body, JSON.parse(JSON.stringify(openApiDocument())))
      const question =
        res.body.paths['/api/communities/{cid}/surveys'].post.requestBody.content[
          'application/json'
        ].schema
      assert.ok(question.properties.questions.items.properties.translations)
    },
  )

  pages(
    'member paths get the member page, others the organizer app, both with security headers',
    async () => {
      for (const [path, bundle] of [
        ['/join', 'member'],
        ['/m/results', 'member'],
        ['/m', 'member'],
        ['/', 'index'],
        ['/setup', 'index'],
        ['/communities/x/surveys', 'index'],
      ]) {
        const res = await fetch(edge.url + path)
        assert.is(res.status, 200, path)
        assert.match(res.headers.get('content-type') ?? '', 'text/html', path)
        assert.match(await res.text(), new RegExp(`src="/assets/${bundle}-[^"]+\\.js"`), path)
        assert.ok(res.headers.get('content-security-policy'), `${path} has a CSP`)
        assert.is(res.headers.get('x-frame-options'), 'DENY', path)
      }
      const html = await (await fetch(`${edge.url}/join`)).text()
      const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1]
      const asset = await fetch(edge.url + script)
      assert.is(asset.status, 200)
      assert.match(asset.headers.get('content-type') ?? '', 'javascript')
      assert.ok((await asset.arrayBuffer()).byteLength > 0)
      const missing = await fetch(`${edge.url}/assets/missing-file.js`)
      assert.is(missing.status, 404, 'a missing asset is not answered with a page')
      await missing.body?.cancel()
    },
  )

  pages(
    'unknown API routes are problems; setup needs SETUP_TOKEN from the secrets file',
    async () => {
      // (Its status is the app's business, not the Worker's: with an assets handler the app
      // answers 405 here on Node too; see the report that came with this suite.)
      const unknown = await agent().get('/api/nothing-here')
      assert.ok(unknown.status >= 400 && unknown.status < 500, String(unknown.status))
      assert.match(unknown.headers.get('content-type') ?? '', 'application/problem+json')
      const status = expectStatus(await agent().get('/api/setup'), 200, 'setup status')
      assert.equal(status, { needed: true, tokenRequired: true, passwordReset: false })
      const refused = await owner.post('/api/setup', {
        email: 'owner@example.org',
        password,
        setupToken: 'wrong',
      })
      assert.is(refused.status, 403)
    },
  )

  pages('the Worker logged its signing path once, and it is workerd’s RSA-RAW', () => {
    const logged = edge.lines.filter((l) => l.includes('signing path:'))
    assert.is(logged.length, 1, logged.join('\n'))
    assert.match(logged[0], 'signing path: workerd-rsa-raw')
  })

  pages.run()

  const flow = suite('worker: the whole anonymous flow on D1')
  const ctx = {} as {
    community: any
    members: Awaited<ReturnType<typeof makeCommunity>>['members']
    survey: any
    pulse: any
    questions: Question[]
    sent: {
      answers: ReturnType<typeof validAnswers>
      receipt: string
      cohort: Record<string, string>
    }[]
    tokenMs: number[]
  }

  flow('setup (with SETUP_TOKEN), sign out, sign in through the rate limiter', async () => {
    const setup = expectStatus(
      await owner.post('/api/setup', {
        email: 'Owner@Example.org',
        password,
        name: 'Olu',
        setupToken: 'edge-setup-token',
      }),
      201,
      'setup',
    )
    assert.is(setup.organizer.email, 'owner@example.org')
    assert.ok(owner.cookie, 'setup set the session cookie')
    expectStatus(
      await owner.post('/api/setup', {
        email: 'x@example.org',
        password,
        setupToken: 'edge-setup-token',
      }),
      409,
      'second setup',
    )
    expectStatus(await owner.delete('/api/session'), 204, 'sign out')
    expectStatus(await owner.get('/api/session'), 401, 'signed out')
    expectStatus(
      await owner.post('/api/session', { email: 'owner@example.org', password: 'wrong password!' }),
      401,
      'bad login',
    )
    expectStatus(
      await owner.post('/api/session', { email: 'owner@example.org', password }),
      200,
      'login',
    )
    expectStatus(await owner.get('/api/session'), 200, 'session')
  })

  flow('community, CSV import of 10 members in two teams, every member joins', async () => {
    const rows = Array.from(
      { length: 10 },
      (_, i) => `${email('member')},${i < 5 ? 'Alpha' : 'Beta'}`,
    )
    const made = await makeCommunity('Volunteers', ['team'], `email,team\n${rows.join('\n')}\n`)
    ctx.community = made.community
    ctx.members = made.members
    assert.is(ctx.members.length, 10)
    const me = expectStatus(
      await agent().get('/api/me', { bearer: ctx.members[0].memberKey }),
      200,
      'me',
    )
    assert.is(me.community.id, ctx.community.id)
    // The invite is single use: the same pair again is fine, another member key is refused.
    const [first] = ctx.members
    expectStatus(
      await agent().post('/api/join', { inviteKey: first.inviteKey, memberKey: first.memberKey }),
      200,
      'join again',
    )
    expectStatus(
      await agent().post('/api/join', { inviteKey: first.inviteKey, memberKey: memberKey() }),
      401,
      'join with another key',
    )
  })

  flow('survey from the trust-pulse template, pulse opens with one key per team', async () => {
    ctx.survey = expectStatus(
      await owner.post(`/api/communities/${ctx.community.id}/surveys`, { template: 'trust-pulse' }),
      201,
      'survey',
    )
    ctx.questions = ctx.survey.questions
    ctx.pulse = expectStatus(
      await owner.post(`/api/surveys/${ctx.survey.id}/pulses`, {
        closesAt: iso(Date.now() + 7 * DAY),
      }),
      201,
      'pulse',
    )
    assert.is(ctx.pulse.status, 'open')
    assert.is(ctx.pulse.eligible, 10)
    const keys = expectStatus(
      await agent().get(`/api/pulses/${ctx.pulse.id}/keys`, { bearer: ctx.members[0].memberKey }),
      200,
      'keys',
    )
    assert.is(keys.length, 2)
    assert.equal(keys.map((k: any) => k.cohort.team).sort(), ['Alpha', 'Beta'])
    assert.is(
      keys.reduce((sum: number, k: any) => sum + k.eligible, 0),
      10,
    )
  })

  flow(
    'tokens: blind, issue (same blindedMsg → same blindSig, another → 409), finalize, verify',
    async () => {
      const [first] = ctx.members
      const { entry, prepared, issued, signed } = await obtainToken(ctx.pulse.id, first.memberKey)
      assert.equal(entry.key.cohort, { team: 'Alpha' })
      assert.ok(await verifyToken(entry.key.publicKey, signed), 'the unblinded signature verifies')
      const retry = expectStatus(
        await agent().post(
          `/api/pulses/${ctx.pulse.id}/tokens`,
          { blindedMsg: prepared.blindedMsg },
          { bearer: first.memberKey },
        ),
        200,
        'retry',
      )
      assert.is(retry.blindSig, issued.blindSig)
      const other = await prepareToken(entry.key.publicKey)
      expectStatus(
        await agent().post(
          `/api/pulses/${ctx.pulse.id}/tokens`,
          { blindedMsg: other.blindedMsg },
          { bearer: first.memberKey },
        ),
        409,
        'second token',
      )
      expectStatus(
        await agent().post(`/api/pulses/${ctx.pulse.id}/tokens`, { blindedMsg: other.blindedMsg }),
        401,
        'no bearer',
      )
      // The first member answers with this token.
      const answers = validAnswers(ctx.questions, 0)
      const res = await agent().post(
        `/api/pulses/${ctx.pulse.id}/responses`,
        responseBody(entry.key.keyId, signed, answers),
      )
      const receipt = expectStatus(res, 201, 'response').receipt
      assert.is(receipt, await receiptFor(signed.token))
      ctx.sent = [{ answers, receipt, cohort: entry.key.cohort }]
    },
  )

  flow(
    'every other member answers (201 with receipt); a spent token is 409 with the same receipt',
    async () => {
      ctx.tokenMs = []
      for (const [i, member] of ctx.members.entries()) {
        if (i === 0) continue
        const start = performance.now()
        const { entry, signed } = await obtainToken(ctx.pulse.id, member.memberKey)
        ctx.tokenMs.push(performance.now() - start)
        const answers = validAnswers(ctx.questions, i)
        const body = responseBody(entry.key.keyId, signed, answers)
        const { receipt } = expectStatus(
          await agent().post(`/api/pulses/${ctx.pulse.id}/responses`, body),
          201,
          `response ${i}`,
        )
        assert.is(receipt, await receiptFor(signed.token))
        ctx.sent.push({ answers, receipt, cohort: entry.key.cohort })
        if (i === 1) {
          const spent = await agent().post(`/api/pulses/${ctx.pulse.id}/responses`, body)
          assert.is(spent.status, 409)
          assert.is(spent.body.receipt, receipt)
        }
      }
      assert.is(ctx.sent.length, 10)
      const open = expectStatus(
        await owner.get(`/api/pulses/${ctx.pulse.id}/report`),
        200,
        'report while open',
      )
      assert.is(open.released, false)
      assert.equal(open.groups, [])
      const avg = ctx.tokenMs.reduce((a, b) => a + b, 0) / ctx.tokenMs.length
      console.log(
        `\n  token round trip (me/pulses + blind + sign + finalize) over HTTP: ${avg.toFixed(1)} ms on average`,
      )
    },
  )

  flow('close, then the report is released and matches what was sent', async () => {
    const closed = expectStatus(await owner.post(`/api/pulses/${ctx.pulse.id}/close`), 200, 'close')
    assert.is(closed.status, 'closed')
    assert.is(closed.responded, 10)
    expectStatus(
      await owner.post(`/api/pulses/${ctx.pulse.id}/close`),
      200,
      'close again (idempotent)',
    )
    const report = expectStatus(
      await owner.get(`/api/pulses/${ctx.pulse.id}/report`),
      200,
      'report',
    )
    assert.is(report.released, true)
    assert.equal(report.participation, { eligible: 10, responded: 10, rate: 1 })
    assert.is(report.groups.length, 1)
    const [all] = report.groups
    assert.equal(all.cohort, {})
    assert.is(all.suppressed, false)
    assert.is(all.respondents, 10)
    const textIds = new Set(ctx.questions.filter((q) => q.kind === 'text').map((q) => q.id))
    assert.is(all.questions.length, ctx.questions.length - textIds.size)
    for (const q of all.questions) {
      const given = ctx.sent.flatMap((s) =>
        s.answers.filter((a) => a.questionId === q.questionId).map((a) => String(a.value)),
      )
      assert.is(q.suppressed, false)
      assert.is(q.n, given.length, `n of ${q.questionId}`)
      const counts = Object.values(q.distribution as Record<string, number>)
      assert.is(
        counts.reduce((a, b) => a + b, 0),
        q.n,
        `distribution of ${q.questionId} adds up to n`,
      )
      for (const value of new Set(given))
        assert.is(
          q.distribution[value],
          given.filter((v) => v === value).length,
          `${q.questionId}=${value}`,
        )
      if (q.mean !== undefined) {
        const mean = given.reduce((a, v) => a + Number(v), 0) / given.length
        assert.ok(Math.abs(q.mean - mean) < 1e-9, `mean of ${q.questionId}`)
      }
    }
    const byTeam = expectStatus(
      await owner.get(`/api/pulses/${ctx.pulse.id}/report?by=team`),
      200,
      'report by team',
    )
    assert.equal(
      byTeam.groups.map((g: any) => [g.cohort, g.respondents]),
      [
        [{ team: 'Alpha' }, 5],
        [{ team: 'Beta' }, 5],
      ],
    )
    const comments = expectStatus(
      await owner.get(`/api/pulses/${ctx.pulse.id}/comments?questionId=${[...textIds][0]}`),
      200,
      'comments',
    )
    assert.is(comments.released, true, '10 respondents reach minCommentGroupSize')
    assert.is(comments.comments.length, 10)
  })

  flow(
    'after close: answering is 410, the trend and member results read the released view',
    async () => {
      const member = ctx.members[0]
      expectStatus(
        await agent().post(
          `/api/pulses/${ctx.pulse.id}/tokens`,
          { blindedMsg: 'AAAA' },
          { bearer: member.memberKey },
        ),
        410,
        'token after close',
      )
      expectStatus(
        await agent().post(`/api/pulses/${ctx.pulse.id}/responses`, {
          keyId: 'x',
          token: 'x',
          signature: 'x',
          answers: [],
        }),
        410,
        'response after close',
      )
      const trend = expectStatus(
        await owner.get(`/api/surveys/${ctx.survey.id}/trend`),
        200,
        'trend',
      )
      assert.is(trend.pulses.length, 1)
      assert.is(trend.groups[0].series[0].respondents, 10)
      expectStatus(await owner.post(`/api/pulses/${ctx.pulse.id}/share`), 200, 'share')
      const results = expectStatus(
        await agent().get('/api/me/results', { bearer: member.memberKey }),
        200,
        'member results',
      )
      assert.is(results.length, 1)
      assert.is(results[0].participation.responded, 10)
    },
  )

  flow.run()

  const cron = suite('worker: the cron trigger (wrangler dev --test-scheduled)')
  const tick = async () => {
    const res = await fetch(`${edge.url}/__scheduled?cron=*+*+*+*+*`)
    const text = await res.text()
    assert.is(res.status, 200, `/__scheduled: ${text}`)
  }
  const pulseOf = async (id: string) =>
    expectStatus(await owner.get(`/api/pulses/${id}`), 200, 'pulse')
  const cronCtx = {} as {
    members: { memberKey: string }[]
    closing: any
    opening: any
    scheduled: any
    t0: number
  }

  cron('a pulse closing soon, a pulse opening soon and a schedule starting soon', async () => {
    const rows = Array.from({ length: 5 }, () => email('cron'))
    const { community, members } = await makeCommunity('Cron', [], `email\n${rows.join('\n')}\n`)
    cronCtx.members = members
    const surveys = []
    for (const template of ['trust-pulse', 'community-health', 'trust-pulse']) {
      surveys.push(
        expectStatus(
          await owner.post(`/api/communities/${community.id}/surveys`, { template }),
          201,
          'survey',
        ),
      )
    }
    const t0 = (cronCtx.t0 = Date.now())
    cronCtx.closing = expectStatus(
      await owner.post(`/api/surveys/${surveys[0].id}/pulses`, { closesAt: iso(t0 + 8000) }),
      201,
      'closing pulse',
    )
    assert.is(cronCtx.closing.status, 'open')
    cronCtx.opening = expectStatus(
      await owner.post(`/api/surveys/${surveys[1].id}/pulses`, {
        opensAt: iso(t0 + 4000),
        closesAt: iso(t0 + DAY),
      }),
      201,
      'opening pulse',
    )
    assert.is(cronCtx.opening.status, 'scheduled')
    const schedule = expectStatus(
      await owner.put(`/api/surveys/${surveys[2].id}/schedule`, {
        cadence: 'weekly',
        startsAt: iso(t0 + 4000),
        durationDays: 2,
      }),
      200,
      'schedule',
    )
    assert.is(Date.parse(schedule.nextOpensAt), Date.parse(iso(t0 + 4000)))
    cronCtx.scheduled = surveys[2]
    // A tick before anything is due changes nothing.
    await tick()
    assert.is((await pulseOf(cronCtx.opening.id)).status, 'scheduled')
    assert.is((await pulseOf(cronCtx.closing.id)).status, 'open')
    assert.is(
      expectStatus(await owner.get(`/api/surveys/${surveys[2].id}/pulses`), 200, 'pulses').length,
      0,
    )
  })

  cron('members answer the pulse that closes soon', async () => {
    const questions: Question[] = cronCtx.closing && (await pulseSurvey(cronCtx.closing.surveyId))
    for (const [i, m] of cronCtx.members.entries()) {
      const { entry, signed } = await obtainToken(cronCtx.closing.id, m.memberKey)
      expectStatus(
        await agent().post(
          `/api/pulses/${cronCtx.closing.id}/responses`,
          responseBody(entry.key.keyId, signed, validAnswers(questions, i)),
        ),
        201,
        'response',
      )
    }
    assert.ok(Date.now() < cronCtx.t0 + 8000, 'answered before the pulse was due to close')
  })

  cron(
    'the tick after the due times closes, opens and creates; a second tick changes nothing',
    async () => {
      const wait = cronCtx.t0 + 8500 - Date.now()
      if (wait > 0) await sleep(wait)
      await tick()
      const closed = await pulseOf(cronCtx.closing.id)
      assert.is(closed.status, 'closed')
      assert.is(closed.responded, 5)
      const report = expectStatus(
        await owner.get(`/api/pulses/${cronCtx.closing.id}/report`),
        200,
        'report',
      )
      assert.is(report.released, true)
      assert.is(report.groups[0].respondents, 5)
      assert.is((await pulseOf(cronCtx.opening.id)).status, 'open')
      const made = expectStatus(
        await owner.get(`/api/surveys/${cronCtx.scheduled.id}/pulses`),
        200,
        'scheduled pulses',
      )
      assert.is(made.length, 1)
      assert.is(made[0].status, 'open')
      assert.is(made[0].eligible, 5)
      const schedule = expectStatus(
        await owner.get(`/api/surveys/${cronCtx.scheduled.id}/schedule`),
        200,
        'schedule',
      )
      assert.is(Date.parse(schedule.nextOpensAt), Date.parse(iso(cronCtx.t0 + 4000)) + 7 * DAY)
      const logged = () =>
        edge.lines.some((l) => l.includes('scheduler: created 1, opened 2, skipped 0, closed 1'))
      for (let i = 0; i < 40 && !logged(); i++) await sleep(50) // wrangler's output arrives through a pipe
      assert.ok(logged(), 'the tick logged what it did')
      await tick()
      assert.is(
        expectStatus(await owner.get(`/api/surveys/${cronCtx.scheduled.id}/pulses`), 200, 'pulses')
          .length,
        1,
      )
      // The member's page now lists the two pulses that opened.
      const mine = expectStatus(
        await agent().get('/api/me/pulses', { bearer: cronCtx.members[0].memberKey }),
        200,
        'me/pulses',
      )
      assert.is(mine.length, 2)
    },
  )

  cron.run()

  const sizes = suite(
    'worker: sizes D1 must take (100 bound parameters a statement), keys made under waitUntil',
  )

  /** A community with `teams` teams of 5 (so `teams` cohorts), a trust-pulse survey, the pulse opened. */
  async function openWithTeams(name: string, teams: number) {
    const rows = Array.from(
      { length: teams * 5 },
      (_, i) => `${email(name)},T${String(i % teams).padStart(2, '0')}`,
    )
    // Everyone joins: cohorts count only members who have joined when the pulse opens.
    const { community, members } = await makeCommunity(
      name,
      ['team'],
      `email,team\n${rows.join('\n')}\n`,
      () => true,
    )
    const survey = expectStatus(
      await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' }),
      201,
      'survey',
    )
    const pulse = expectStatus(
      await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt: iso(Date.now() + DAY) }),
      201,
      `pulse over ${teams} cohorts`,
    )
    return { members, survey, pulse }
  }

  /** Polls the pulse until its keys are made in the background and it opens. */
  async function untilOpen(pulse: any) {
    assert.is(pulse.status, 'scheduled')
    assert.is(pulse.reason, 'preparing keys')
    for (let i = 0; i < 240 && pulse.status === 'scheduled'; i++) {
      await sleep(500)
      pulse = await pulseOf(pulse.id)
    }
    assert.is(pulse.status, 'open', 'the keys were made after the answer (ctx.waitUntil)')
    return pulse
  }

  sizes('a pulse over 11 cohorts answers at once and opens when its keys are made', async () => {
    const { members, survey, pulse } = await openWithTeams('eleven', 11)
    await untilOpen(pulse)
    const keys = expectStatus(await owner.get(`/api/pulses/${pulse.id}/keys`), 200, 'keys')
    assert.is(keys.length, 11)
    const { entry, signed } = await obtainToken(pulse.id, members[54].memberKey)
    assert.equal(entry.key.cohort, { team: 'T10' })
    const body = responseBody(entry.key.keyId, signed, validAnswers(survey.questions, 3))
    expectStatus(await agent().post(`/api/pulses/${pulse.id}/responses`, body), 201, 'response')
  })

  sizes('importing 150 members in one request', async () => {
    const community = expectStatus(
      await owner.post('/api/communities', { name: 'Big' }),
      201,
      'community',
    )
    const csv = `email\n${Array.from({ length: 150 }, () => email('big')).join('\n')}\n`
    const first = expectStatus(
      await owner.call('POST', `/api/communities/${community.id}/members`, { csv }),
      201,
      'import of 150',
    )
    assert.is(first.created, 150)
    const again = expectStatus(
      await owner.call('POST', `/api/communities/${community.id}/members`, { csv }),
      201,
      'the same 150 again',
    )
    assert.is(again.updated, 150)
  })

  sizes('a pulse over 17 cohorts opens', async () => {
    const { pulse } = await openWithTeams('seventeen', 17)
    await untilOpen(pulse)
  })

  sizes.run()

  async function pulseSurvey(surveyId: string): Promise<Question[]> {
    return expectStatus(await owner.get(`/api/surveys/${surveyId}`), 200, 'survey').questions
  }
}

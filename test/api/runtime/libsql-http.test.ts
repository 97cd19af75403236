// The libSQL-over-HTTP path of the edge deployment (DATABASE_URL instead of a D1 binding):
// @libsql/client/web and drizzle-orm/libsql/web against test/helpers/libsql-http-server.ts, a
// Hrana-over-HTTP double built on the `libsql` package (not a real sqld or Turso). Migrations go
// through drizzle's libSQL migrator over HTTP, as `DATABASE_URL=http://… npm run db:migrate` does.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@libsql/client/web'
import { drizzle } from 'drizzle-orm/libsql/web'
import { migrate } from 'drizzle-orm/libsql/migrator'
import type { ExecutionContext } from 'hono'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { schema, type Db } from '../../../api/db'
import { migrationsFolder } from '../../../api/runtime/node-db'
import worker, { type Env } from '../../../api/worker'
import { testApp, type TestApp } from '../../helpers/app'
import { Agent, setupOwner } from '../../helpers/http'
import {
  answerPulse,
  obtainToken,
  openPulseWithMembers,
  submitWith,
  validAnswers,
} from '../../helpers/protocol'
import { startLibsqlHttpServer, type LibsqlHttpServer } from '../../helpers/libsql-http-server'

/** Drizzle over @libsql/client/web at `url`, migrated through the same client. */
async function remoteDb(url: string, authToken?: string): Promise<Db> {
  const db = drizzle(createClient({ url, authToken }), { schema })
  await migrate(db, { migrationsFolder })
  return db
}

const expect = (res: { status: number; text: string; body: any }, status: number, what: string) => {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`)
  return res.body
}

// --- The app on drizzle-orm/libsql/web -------------------------------------------------------

const web = suite<{ server: LibsqlHttpServer; t: TestApp }>(
  'libSQL over HTTP: the app on drizzle-orm/libsql/web',
)

web.before(async (ctx) => {
  ctx.server = await startLibsqlHttpServer()
  ctx.t = await testApp({ db: await remoteDb(ctx.server.url) })
})
web.after(async (ctx) => {
  await ctx.server?.close()
})

web(
  'migrations applied over HTTP, in one batch, and again they change nothing',
  async ({ server }) => {
    assert.ok(server.seen.includes('batch'), 'the migrator sent a Hrana batch')
    const db = drizzle(createClient({ url: server.url }), { schema })
    const tables = await db.all<{ name: string }>(
      `select name from sqlite_schema where type = 'table' order by name`,
    )
    const names = tables.map((t) => t.name)
    for (const table of [
      'organizers',
      'communities',
      'members',
      'pulses',
      'pulse_keys',
      'responses',
      'released_views',
      'meetings',
      'meeting_turns',
      '__drizzle_migrations',
    ]) {
      assert.ok(names.includes(table), `table ${table}`)
    }
    const [{ sql }] = await db.all<{ sql: string }>(
      `select sql from sqlite_schema where name = 'responses'`,
    )
    assert.match(sql, /WITHOUT ROWID/)
    await migrate(db, { migrationsFolder })
    const applied = await db.all<{ n: number }>(`select count(*) as n from __drizzle_migrations`)
    // One row per committed migration (the journal lists them), however many there are.
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'))
    assert.is(Number(applied[0].n), journal.entries.length)
    assert.ok(journal.entries.length >= 4)
  },
)

web(
  'setup, community, members, survey, pulse, a member’s token and response, close, report',
  async ({ t }) => {
    const { owner, pulse, survey, members } = await openPulseWithMembers(t, {
      attributes: ['team'],
      members: Array.from({ length: 5 }, () => ({ team: 'A' })),
    })
    assert.is(pulse.status, 'open')
    assert.is(pulse.eligible, 5)
    // One member step by step, the others through the helper: 201 with a receipt each.
    const token = await obtainToken(t, pulse.id, members[0].memberKey!)
    const first = await submitWith(t, pulse.id, token, validAnswers(survey.questions, 0))
    assert.is(first.status, 201)
    assert.ok(first.body.receipt)
    const spent = await submitWith(t, pulse.id, token, validAnswers(survey.questions, 0))
    assert.is(spent.status, 409)
    assert.is(spent.body.receipt, first.body.receipt)
    for (const [i, m] of members.slice(1).entries()) {
      const { reply } = await answerPulse(
        t,
        pulse.id,
        m.memberKey!,
        validAnswers(survey.questions, i + 1),
      )
      assert.is(reply.status, 201)
    }
    const closed = expect(await owner.post(`/api/pulses/${pulse.id}/close`), 200, 'close')
    assert.is(closed.status, 'closed')
    const report = expect(await owner.get(`/api/pulses/${pulse.id}/report`), 200, 'report')
    assert.is(report.released, true)
    assert.equal(report.participation, { eligible: 5, responded: 5, rate: 1 })
    assert.is(report.groups[0].respondents, 5)
    const likert = report.groups[0].questions.find((q: any) => q.distribution?.['1'] !== undefined)
    assert.equal(likert.distribution, { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1 })
    assert.is(likert.mean, 3)
  },
)

web.run()

// --- api/worker.ts itself, with DATABASE_URL and no D1 binding --------------------------------

const edge = suite<{
  server: LibsqlHttpServer
  env: Env
  t: TestApp
  lines: string[]
  restore: () => void
}>('libSQL over HTTP: api/worker.ts with DATABASE_URL + DATABASE_AUTH_TOKEN')

const context = (): ExecutionContext & { waited: Promise<unknown>[] } => {
  const waited: Promise<unknown>[] = []
  return {
    waited,
    waitUntil: (p: Promise<unknown>) => void waited.push(p),
    passThroughOnException() {},
    props: {},
  } as never
}

edge.before(async (ctx) => {
  ctx.server = await startLibsqlHttpServer({ authToken: 'sekrit' })
  await remoteDb(ctx.server.url, 'sekrit')
  ctx.env = {
    DATABASE_URL: ctx.server.url,
    DATABASE_AUTH_TOKEN: 'sekrit',
    SECRET_KEY: ` ${'ab'.repeat(32)}\n`, // hex, with the whitespace `wrangler secret put` may keep
    PUBLIC_URL: 'https://pulse.example',
    ASSETS: {
      fetch: async () =>
        new Response('page', { status: 200, headers: { 'content-type': 'text/html' } }),
    },
  }
  const lines: string[] = (ctx.lines = [])
  const [log, error] = [console.log, console.error]
  console.log = console.error = (line: unknown) => void lines.push(String(line))
  ctx.restore = () => Object.assign(console, { log, error })
  const fetch = (request: Request) => worker.fetch(request, ctx.env, context())
  ctx.t = {
    app: {
      request: (path: string, init: RequestInit) =>
        fetch(new Request(`http://127.0.0.1${path}`, init)),
    },
    clock: { now: Date.now() },
  } as unknown as TestApp
})
edge.after(async (ctx) => {
  ctx.restore?.()
  await ctx.server?.close()
})

edge('a missing or short SECRET_KEY is a 500 problem, not a crash', async ({ env }) => {
  for (const SECRET_KEY of [undefined, 'abcd']) {
    const res = await worker.fetch(
      new Request('http://127.0.0.1/api/health'),
      { ...env, SECRET_KEY },
      context(),
    )
    assert.is(res.status, 500)
    assert.is(res.headers.get('content-type'), 'application/problem+json')
  }
})

edge(
  'the Worker’s fetch and scheduled handlers run the flow on libSQL over HTTP',
  async ({ t, env, server, lines }) => {
    expect(await new Agent(t).get('/api/health'), 200, 'health')
    assert.ok(
      lines.some((l) => l.startsWith('signing path: ')),
      'the signing path was logged',
    )
    const page = await t.app.request('/join', {})
    assert.is(await page.text(), 'page', 'pages come from ASSETS')
    const owner = await setupOwner(t)
    const { pulse, survey, members } = await openPulseWithMembers(t, { owner, members: 5 })
    const { reply } = await answerPulse(
      t,
      pulse.id,
      members[0].memberKey!,
      validAnswers(survey.questions, 2),
    )
    assert.is(reply.status, 201)
    expect(await owner.post(`/api/pulses/${pulse.id}/close`), 200, 'close')
    const report = expect(await owner.get(`/api/pulses/${pulse.id}/report`), 200, 'report')
    assert.is(report.released, true)
    assert.is(report.participation.responded, null, 'one respondent of k = 5: not even counted')
    assert.is(report.groups[0].suppressed, true, 'one respondent of k = 5 is not shown')
    // The cron handler closes a pulse that is due: this one (the survey's next) closes in a moment.
    const soon = expect(
      await owner.post(`/api/surveys/${survey.id}/pulses`, {
        closesAt: new Date(Date.now() + 300).toISOString(),
      }),
      201,
      'pulse closing soon',
    )
    await new Promise((r) => setTimeout(r, 400))
    const ctx = context()
    await worker.scheduled({}, env, ctx)
    await Promise.all(ctx.waited)
    const closed = expect(await owner.get(`/api/pulses/${soon.id}`), 200, 'pulse')
    assert.is(closed.status, 'closed')
    assert.ok(
      lines.some((l) => l.includes('closed 1')),
      'the tick logged what it did',
    )
    assert.ok(server.seen.includes('execute') && server.seen.includes('batch'))
  },
)

edge('a wrong DATABASE_AUTH_TOKEN is refused by the server', async ({ env }) => {
  const res = await worker.fetch(
    new Request('http://127.0.0.1/api/setup'),
    { ...env, DATABASE_AUTH_TOKEN: 'wrong' },
    context(),
  )
  assert.is(res.status, 500)
})

edge.run()

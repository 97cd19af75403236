// `npm run demo` as its user runs it (api/demo/main.ts in a child process, on a database of its
// own): it leaves meetings with a trend and a pulse open now, prints the organizer's sign-in
// address with working credentials and a member link that joins; run again, it refuses the
// database and says to add `--force`, which then works.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomToken } from '../../../api/privacy/ids'
import { openDatabase } from '../../../api/runtime/node-db'
import { serverSecret } from '../../../api/runtime/node-support'
import { testApp, type TestApp } from '../../helpers/app'
import { expectStatus } from '../../helpers/fixtures'
import { Agent } from '../../helpers/http'

const test = suite('npm run demo')
const root = join(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'trustpulse-demo-test-'))
const env: NodeJS.ProcessEnv & { DATABASE_URL: string; SECRET_KEY_FILE: string } = {
  ...process.env,
  DATABASE_URL: `file:${join(dir, 'demo.db')}`,
  SECRET_KEY_FILE: join(dir, 'secret.key'),
  HOST: '127.0.0.1',
  PORT: '9911',
}
delete env.PUBLIC_URL
delete env.SECRET_KEY

function demo(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'api/demo/main.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  })
  return { status: run.status, out: run.stdout, err: run.stderr }
}

/** The app on the demo's database, on the real clock (the open pulse is open now). */
async function appOnDemo(): Promise<TestApp> {
  const t = await testApp({
    db: await openDatabase(env.DATABASE_URL),
    secret: serverSecret({ SECRET_KEY_FILE: env.SECRET_KEY_FILE }).secret,
  })
  t.clock.now = Date.now()
  return t
}

const printed = (out: string, label: string) =>
  out.match(new RegExp(`^\\s+${label}\\s+(\\S+)`, 'm'))?.[1]

let first = { status: null as number | null, out: '', err: '' }
test.before(() => {
  first = demo('--weeks', '3', '--threads', '1')
})
test.after(() => rmSync(dir, { recursive: true, force: true }))

test('on a fresh database it prints the organizer sign-in with credentials and a member link', () => {
  assert.is(first.status, 0, first.err)
  assert.match(first.out, /As the organizer:\s+http:\/\/127\.0\.0\.1:9911\/login\n/)
  assert.is(printed(first.out, 'email'), 'demo@trustpulse.example')
  assert.match(printed(first.out, 'password') ?? '', /^demo-\S{12}$/)
  assert.match(first.out, /As a member:\s+http:\/\/127\.0\.0\.1:9911\/join#[A-Za-z0-9_-]{43}\n/)
  assert.match(first.out, /2 planning meetings tracked\. One pulse is open now: \d+ of 22 members/)
})

test('the printed password signs in; meetings have a trend; one pulse is open now', async () => {
  const t = await appOnDemo()
  const organizer = new Agent(t)
  expectStatus(
    await organizer.post('/api/session', {
      email: printed(first.out, 'email'),
      password: printed(first.out, 'password'),
    }),
    200,
  )
  const [community] = expectStatus(await organizer.get('/api/communities'), 200).body
  const trend = expectStatus(
    await organizer.get(`/api/communities/${community.id}/meetings/trend`),
    200,
  )
  assert.is(trend.body.meetings.length, 2)
  const [a, b] = trend.body.meetings
  assert.ok(a.gini > b.gini, `the turns spread out over the year: gini ${a.gini} then ${b.gini}`)
  const [survey] = expectStatus(
    await organizer.get(`/api/communities/${community.id}/surveys`),
    200,
  ).body
  const pulses = expectStatus(await organizer.get(`/api/surveys/${survey.id}/pulses`), 200).body
  assert.equal(pulses.map((p: { status: string }) => p.status).sort(), [
    'closed',
    'closed',
    'closed',
    'open',
  ])
  const open = pulses.find((p: { status: string }) => p.status === 'open')
  assert.ok(Date.parse(open.closesAt) > Date.now() + 4 * 86_400_000, open.closesAt)
  assert.ok(open.responded >= 5, `${open.responded} answered already`)
})

test('the printed member link joins, and the open pulse is there to answer', async () => {
  const t = await appOnDemo()
  const link = first.out.match(/As a member:\s+(\S+)/)![1]
  const memberKey = randomToken(32)
  const member = new Agent(t)
  const joined = await member.post('/api/join', { inviteKey: link.split('#')[1], memberKey })
  assert.is(expectStatus(joined, 200).body.community.name, 'Riverside Makers (demo)')
  const mine = expectStatus(await member.get('/api/me/pulses', { bearer: memberKey }), 200).body
  assert.is(mine.length, 1)
  assert.is(mine[0].pulse.status, 'open')
  assert.is(mine[0].issued, false, 'no token was issued to this member yet')
})

test('run again, it refuses the database and says how to go on; --force then adds the demo', () => {
  const again = demo('--weeks', '1', '--threads', '1')
  assert.is(again.status, 1)
  assert.match(again.err, /not a fresh one\. Run `npm run demo -- --force` to add the demo/)
  assert.is(again.out.includes('/login'), false)
  const forced = demo('--force', '--weeks', '1', '--threads', '1')
  assert.is(forced.status, 0, forced.err)
  assert.match(
    forced.out,
    /email {5}demo@trustpulse\.example \(existing account; its password was reset\)/,
  )
  assert.match(forced.out, /\/join#[A-Za-z0-9_-]{43}\n/)
})

test.run()

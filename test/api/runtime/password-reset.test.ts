import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { databaseFiles, openDatabase } from '../../../api/runtime/node-db'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, fragment, rows } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import { root } from '../../e2e/browser/server'

// `npm run password:reset -- <email>` as the server's operator runs it: a program of its own on
// the database file, while the app has the same file open.

interface Ctx {
  dir: string
  url: string
  t: TestApp
}

const test = suite<Ctx>('password:reset command')
test.before.each(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'trustpulse-reset-'))
  ctx.url = `file:${join(ctx.dir, 'trustpulse.db')}`
  ctx.t = await testApp({ db: await openDatabase(ctx.url) })
  // The command uses the real clock; the app must agree on what has expired.
  ctx.t.clock.now = Date.now()
  await setupOwner(ctx.t)
})
test.after.each(async ({ t, dir, url }) => {
  await databaseFiles(t.deps.db, url)?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the command as `npm run password:reset -- …args` would. */
function command(url: string, args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'api/runtime/password-reset.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, PUBLIC_URL: 'https://pulse.example/' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b) => (stdout += b))
  child.stderr.on('data', (b) => (stderr += b))
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('close', (code) => done({ code, stdout, stderr })),
  )
}

test('prints a one-time link that sets a new password, ends the old sessions and signs in', async ({
  t,
  url,
}) => {
  const owner = new Agent(t)
  await owner.post('/api/session', {
    email: 'owner@example.org',
    password: 'correct horse battery',
  })
  const run = await command(url, ['Owner@Example.org'])
  assert.is(run.code, 0, run.stderr)
  assert.match(run.stdout, /^Send this link to owner@example\.org/)
  const link = run.stdout.match(/https:\/\/\S+/)![0]
  assert.match(link, /^https:\/\/pulse\.example\/reset-password#[A-Za-z0-9_-]{43}$/)
  const body = { token: fragment(link), password: 'chosen by the owner' }
  const res = await new Agent(t).post('/api/password-resets/confirm', body)
  assert.is(res.status, 200)
  assert.is(res.body.organizer.email, 'owner@example.org')
  assertProblem(await owner.get('/api/session'), 401)
  assertProblem(await new Agent(t).post('/api/password-resets/confirm', body), 401)
  const login = await new Agent(t).post('/api/session', {
    email: 'owner@example.org',
    password: 'chosen by the owner',
  })
  assert.is(login.status, 200)
})

test('an email without an account exits 1 and stores nothing; a missing email prints the usage', async ({
  t,
  url,
}) => {
  const unknown = await command(url, ['nobody@example.org'])
  assert.is(unknown.code, 1)
  assert.is(unknown.stdout, '')
  assert.match(unknown.stderr, 'No organizer account has the email nobody@example.org')
  assert.is(await rows(t, 'password_resets'), 0)
  const usage = await command(url, [])
  assert.is(usage.code, 2)
  assert.match(usage.stderr, 'Usage: npm run password:reset -- <email>')
})

test.run()

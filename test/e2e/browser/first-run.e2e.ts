// Scenario: the first run (issue 17, "Demo and first run"), on servers of its own. A fresh
// server: the setup form submitted empty flags every required field; the saved community
// settings lead on to importing members; the empty surveys page creates a survey from the
// template with one button. Then `npm run demo` (the real program, a child process) fills
// another database; a server on it is opened at the two addresses the demo printed: the
// organizer signs in with the printed credentials and finds the meetings' trend, and a phone
// opens the member link and is offered the open pulse.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { desktop, e2e, need, newContext, phone, visit } from './harness'
import { root, startServer, type RunningServer } from './server'

const FirstRun = suite('first run: setup, next steps, and the demo’s addresses')

const servers: RunningServer[] = []
const opened: BrowserContext[] = []
const visited: string[] = []
let fresh: RunningServer | undefined
let p: Page | undefined
const page = () => need(p, 'the first-run page')
const at = (server: RunningServer | undefined, path: string) =>
  `${need(server, 'a server').url}${path}`
const h1 = (pg: Page, name: string | RegExp) => pg.getByRole('heading', { level: 1, name })
const shot = (pg: Page, name: string) => (visited.push(name), visit(pg, name))
const dir = mkdtempSync(join(tmpdir(), 'trustpulse-first-run-'))

/** `npm run demo` on a database of its own, as its user runs it; its printed text. */
function runDemo(): string {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, 'demo.db')}`,
    SECRET_KEY_FILE: join(dir, 'secret', 'secret.key'),
  }
  for (const name of ['PUBLIC_URL', 'SECRET_KEY', 'DATABASE_AUTH_TOKEN']) delete env[name]
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'api/demo/main.ts', '--weeks', '6', '--threads', '1'],
    { cwd: e2e.appDir || root, env, encoding: 'utf8', timeout: 240_000 },
  )
  if (run.status !== 0) throw new Error(`npm run demo failed (${run.status}): ${run.stderr}`)
  return run.stdout
}

FirstRun('a fresh server: the setup form submitted empty flags every required field', async () => {
  fresh = await startServer({ appDir: e2e.appDir || undefined })
  servers.push(fresh)
  const context = await newContext(desktop)
  opened.push(context)
  p = await context.newPage()
  await p.goto(at(fresh, '/setup'))
  await h1(p, 'First-time setup').waitFor()
  await p.getByRole('button', { name: 'Create account' }).click()
  await p.getByRole('alert').getByText('Fix the 2 fields marked below.').waitFor()
  const email = p.getByRole('textbox', { name: /^Email/ })
  const password = p.getByLabel(/^Password/)
  for (const field of [email, password]) assert.is(await field.getAttribute('aria-invalid'), 'true')
  assert.is(await p.getByRole('textbox', { name: /^Your name/ }).getAttribute('aria-invalid'), null)
  // Each error is tied to its field, and focus is on the first of them.
  assert.match((await email.evaluate((e) => e.getAttribute('aria-describedby'))) ?? '', /error/)
  await p.getByText('Enter your email address: you sign in with it.').waitFor()
  await p.getByText('Choose a password of at least 10 characters.').waitFor()
  assert.ok(await email.evaluate((e) => e === document.activeElement), 'focus on the email')
  await shot(p, 'first-run-setup-empty')

  await email.fill('first@example.org')
  assert.is(await email.getAttribute('aria-invalid'), null, 'fixed once edited')
  await password.fill('a long first password')
  await p.getByRole('button', { name: 'Create account' }).click()
  await p.waitForURL(/\/communities$/)
})

FirstRun('saved community settings lead on to importing members', async () => {
  const p = page()
  await p.getByRole('textbox', { name: /^Name/ }).fill('Northside Garden')
  await p.getByRole('button', { name: 'Create community' }).click()
  await p.waitForURL(/\/communities\/[^/]+\/settings\?new=1$/)
  await h1(p, 'Northside Garden: settings').waitFor()
  assert.is(await p.getByRole('link', { name: 'Next: import members' }).count(), 0)
  await p.getByRole('button', { name: 'Save settings' }).click()
  await p.getByText('Settings saved.').waitFor()
  const next = p.getByRole('link', { name: 'Next: import members' })
  await next.waitFor()
  assert.match((await next.getAttribute('class')) ?? '', /\bbutton\b/)
  await shot(p, 'first-run-settings-saved')
  await next.click()
  await h1(p, 'Northside Garden: members').waitFor()
})

FirstRun('the empty surveys page creates a survey from the template with one button', async () => {
  const p = page()
  const cid = new URL(p.url()).pathname.split('/')[2]
  await p.goto(at(fresh, `/communities/${cid}/surveys`))
  await h1(p, 'Northside Garden: surveys').waitFor()
  await p.getByText('No surveys yet.').waitFor()
  const create = p.getByRole('button', { name: 'Create from the trust pulse template' })
  await shot(p, 'first-run-surveys-empty')
  await create.click()
  await p.waitForURL((url) => /^\/surveys\/[^/]+$/.test(url.pathname))
  await h1(p, 'Design: Trust pulse').waitFor()
  const surveys = await (await p.request.get(at(fresh, `/api/communities/${cid}/surveys`))).json()
  assert.equal(
    surveys.map((s: { title: string }) => s.title),
    ['Trust pulse'],
  )
})

let demo: RunningServer | undefined
let printed = ''

FirstRun(
  'npm run demo prints the organizer sign-in and a member link; the sign-in works',
  async () => {
    printed = runDemo()
    demo = await startServer({
      appDir: e2e.appDir || undefined,
      databaseUrl: `file:${join(dir, 'demo.db')}`,
      secretFile: join(dir, 'secret', 'secret.key'),
    })
    servers.push(demo)
    const login = printed.match(/As the organizer:\s+(\S+)/)?.[1] ?? ''
    assert.match(login, /^http:\/\/[^/]+\/login$/)
    const email = printed.match(/^\s+email\s+(\S+)/m)?.[1] ?? ''
    const password = printed.match(/^\s+password\s+(\S+)/m)?.[1] ?? ''
    const context = await newContext(desktop)
    opened.push(context)
    const pg = await context.newPage()
    // The printed address, on the port this test's server listens on.
    await pg.goto(at(demo, new URL(login).pathname))
    await pg.getByRole('textbox', { name: /^Email/ }).fill(email)
    await pg.getByLabel(/^Password/).fill(password)
    await pg.getByRole('button', { name: 'Sign in' }).click()
    await pg.waitForURL(/\/communities/)
    const [community] = await (await pg.request.get(at(demo, '/api/communities'))).json()
    await pg.goto(at(demo, `/communities/${community.id}/meetings`))
    await h1(pg, `${community.name}: meetings`).waitFor()
    await pg.getByRole('img', { name: 'Gini per meeting (0 = even)' }).waitFor()
    await pg.getByRole('img', { name: 'Voice, mean per pulse (1–5)' }).waitFor()
    assert.is(await pg.getByRole('link', { name: 'Fortnightly planning' }).count(), 3)
    await shot(pg, 'first-run-demo-meetings')
  },
)

FirstRun('the printed member link joins on a phone and offers the open pulse', async () => {
  const link = printed.match(/As a member:\s+(\S+)/)?.[1] ?? ''
  assert.match(link, /^http:\/\/[^/]+\/join#[A-Za-z0-9_-]{43}$/)
  const context = await newContext({ ...phone, deviceScaleFactor: 2 })
  opened.push(context)
  const pg = await context.newPage()
  await pg.goto(at(demo, `/join${new URL(link).hash}`))
  await pg.waitForURL('**/m')
  await h1(pg, 'Riverside Makers (demo)').waitFor()
  const card = pg.getByRole('region', { name: 'Open pulses' }).getByRole('listitem')
  await card.getByText('Not answered yet').waitFor()
  await card.getByRole('link', { name: 'Answer now: Trust pulse' }).waitFor()
  await pg.getByRole('region', { name: 'Shared results' }).waitFor()
  await shot(pg, 'first-run-demo-member')
})

FirstRun('every page of this scenario passes axe; the servers stop', async () => {
  const found = visited.flatMap((name) =>
    (axeFindings.get(name) ?? []).map((v) => `${name}: ${formatViolations([v])}`),
  )
  for (const context of opened) await context.close()
  for (const server of servers) await server.stop()
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  assert.equal(found, [])
})

FirstRun.run()

// Scenario: an owner's everyday team work in a community of its own (invite, list the pending
// invites, revoke one, change a role without a new invite, a teammate reading roles only), and a
// forgotten password: the sign-in page's link, the request page, and a reset link (made by the
// operator's command, as on a server without email) that signs the teammate in again.
import { spawn } from 'node:child_process'
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { desktop, e2e, need, newContext, phone, visit } from './harness'
import { root } from './server'

const Team = suite('team: pending invites, roles and a forgotten password')

const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })
const helper = 'helper@harbor.example'
const spare = 'spare@harbor.example'
const helperPassword = 'first password of the helper'

let owner: Page | undefined
let helperContext: BrowserContext | undefined
let cid = ''
const page = () => need(owner, 'the owner page')

async function api(method: 'get' | 'post' | 'patch', path: string, data?: unknown) {
  const res = await page().request[method](path, data === undefined ? undefined : { data })
  if (!res.ok())
    throw new Error(`${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`)
  return res.status() === 204 ? undefined : res.json()
}

/** `npm run password:reset -- <email>` on the server's database, as its operator runs it. */
function passwordResetCommand(email: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'api/runtime/password-reset.ts', email],
    {
      // The server's own copy of the sources, so the command matches the server's migrations.
      cwd: e2e.appDir || root,
      env: { ...process.env, DATABASE_URL: e2e.databaseUrl, PUBLIC_URL: e2e.baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout.on('data', (b) => (out += b))
  child.stderr.on('data', (b) => (out += b))
  return new Promise((done, fail) =>
    child.once('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`password:reset exited ${code}: ${out}`)),
    ),
  )
}

Team('the owner invites two people; both wait in the pending invites', async () => {
  const context = await newContext(desktop)
  if (e2e.organizer) await context.addCookies(await e2e.organizer.context().cookies())
  const p = (owner = await context.newPage())
  p.on('dialog', (d) => void d.accept())
  if (!e2e.organizer) {
    // Run alone: this file sets the server up itself.
    const res = await p.request.post('/api/setup', {
      data: { email: 'harbor@example.org', password: 'correct horse battery staple' },
    })
    assert.is(res.status(), 201)
  }
  cid = (await api('post', '/api/communities', { name: 'Harbor Crew' })).id
  await p.goto(`/communities/${cid}/team`)
  await h1(p, 'Harbor Crew: team').waitFor()
  await p.getByText('No invite is waiting to be accepted.').waitFor()
  for (const [email, role] of [
    [helper, 'Viewer'],
    [spare, 'Organizer'],
  ]) {
    await p.getByRole('textbox', { name: /^Email/ }).fill(email)
    await p.getByRole('radio', { name: role }).check()
    await p.getByRole('button', { name: 'Invite', exact: true }).click()
    await p.getByText(`Send this link to ${email}.`).waitFor()
  }
  const pending = p.getByRole('table', { name: 'Invites not yet accepted' })
  await pending.getByRole('row', { name: new RegExp(`${helper} Viewer`) }).waitFor()
  await pending.getByRole('row', { name: new RegExp(`${spare} Organizer`) }).waitFor()
  await visit(p, 'organizer-team-pending-invites')
})

Team('a revoked invite leaves the list and its link stops working', async () => {
  const p = page()
  const spareLink = await p.getByRole('textbox', { name: 'Invite link' }).inputValue()
  assert.match(spareLink, /\/team-invite#/)
  await p.getByRole('button', { name: `Revoke the invite for ${spare}` }).click()
  await p
    .getByRole('button', { name: `Revoke the invite for ${spare}` })
    .waitFor({ state: 'detached' })
  const emails = await p
    .getByRole('table', { name: 'Invites not yet accepted' })
    .locator('td[data-label="Email"]')
    .allTextContents()
  assert.equal(emails, [helper])
  const refused = await p.request.post('/api/team-invites', {
    data: { token: spareLink.split('#')[1], password: 'a long enough password' },
  })
  assert.is(refused.status(), 401)
})

Team(
  'the invited helper joins; the owner makes them an organizer without a new invite',
  async () => {
    const [invite] = await api('get', `/api/communities/${cid}/team/invites`)
    assert.is(invite.email, helper)
    // The helper's link, made again: the first was shown once, and a new invite replaces it.
    const { inviteUrl } = await api('post', `/api/communities/${cid}/team`, {
      email: helper,
      role: 'viewer',
    })
    helperContext = await newContext(desktop)
    const h = await helperContext.newPage()
    await h.goto(inviteUrl)
    await h1(h, 'Join a team').waitFor()
    await h.getByLabel('Password').fill(helperPassword)
    await h.getByRole('button', { name: 'Create account and join' }).click()
    await h.waitForURL('**/communities')

    const p = page()
    await p.reload()
    await p.getByText('No invite is waiting to be accepted.').waitFor()
    const role = p.getByRole('combobox', { name: `Role of ${helper}` })
    assert.is(await role.inputValue(), 'viewer')
    await role.selectOption('organizer')
    await p.locator('[aria-live="polite"]', { hasText: `${helper} is now Organizer` }).waitFor()
    const team: { organizer: { email: string }; role: string }[] = await api(
      'get',
      `/api/communities/${cid}/team`,
    )
    assert.is(team.find((e) => e.organizer.email === helper)?.role, 'organizer')
    assert.equal(team.map((e) => e.role).sort(), ['organizer', 'owner'])
    await visit(p, 'organizer-team-roles')
  },
)

Team(
  'the helper, now an organizer, reads roles and invites but cannot change them (phone)',
  async () => {
    await api('post', `/api/communities/${cid}/team`, { email: spare, role: 'viewer' })
    const context = await newContext(phone)
    await context.addCookies(await need(helperContext, 'the helper').cookies())
    const p = await context.newPage()
    await p.goto(`/communities/${cid}/team`)
    await h1(p, 'Harbor Crew: team').waitFor()
    await p.getByText('Only an owner can invite people or change roles.').waitFor()
    assert.is(await p.getByRole('combobox').count(), 0)
    await p.getByRole('cell', { name: spare }).waitFor()
    assert.is(await p.getByRole('button', { name: /^Revoke/ }).count(), 0)
    await p.getByRole('cell', { name: 'Organizer' }).first().waitFor()
    await visit(p, 'organizer-team-read-only-phone')
    await context.close()
  },
)

Team('the sign-in page offers a reset by email when the server sends email', async () => {
  const context = await newContext(desktop)
  const p = await context.newPage()
  await p.goto('/login')
  await h1(p, 'Sign in').waitFor()
  // This server sends no email (the other scenarios copy messages from the outbox): the page
  // says whom to ask instead.
  await p.getByText('Forgot your password? Ask the person who runs trustpulse here').waitFor()
  assert.is(await p.getByRole('link', { name: 'Forgot your password?' }).count(), 0)

  // With email, as the server says in GET /api/setup; the request is answered as a server with
  // a mailer would (its side is covered by test/api/routes/password-resets.test.ts).
  await p.route('**/api/setup', async (route) => {
    const real = await route.fetch()
    await route.fulfill({ response: real, json: { ...(await real.json()), passwordReset: true } })
  })
  let asked: unknown
  await p.route('**/api/password-resets', async (route) => {
    asked = route.request().postDataJSON()
    await route.fulfill({ status: 202, body: '' })
  })
  await p.reload()
  await p.getByRole('link', { name: 'Forgot your password?' }).waitFor()
  await visit(p, 'organizer-login-with-email')
  await p.getByRole('link', { name: 'Forgot your password?' }).click()
  await h1(p, 'Forgot your password?').waitFor()
  await p.getByRole('textbox', { name: /^Email/ }).fill(helper)
  await p.getByRole('button', { name: 'Send me a link' }).click()
  await p.getByText(`If ${helper} has an account here, a link is on its way.`).waitFor()
  assert.equal(asked, { email: helper })
  await visit(p, 'organizer-forgot-password')
  await context.close()
})

Team(
  'a reset link from the operator sets a new password and signs the helper out elsewhere',
  async () => {
    const printed = await passwordResetCommand(helper)
    const link = need(printed.match(/http\S+\/reset-password#\S+/)?.[0], 'the printed link')
    const context = await newContext(phone)
    const p = await context.newPage()
    await p.goto(link)
    await h1(p, 'Choose a new password').waitFor()
    await visit(p, 'organizer-reset-password')
    await p.locator('#reset-password').fill('the helper chose this one')
    await p.locator('#reset-repeat').fill('the helper chose this one')
    await p.getByRole('button', { name: 'Save and sign in' }).click()
    await p.waitForURL('**/communities')
    await p.getByRole('link', { name: 'Harbor Crew' }).first().waitFor()
    assert.not.match(p.url(), /#/)

    const before = await need(helperContext, 'the helper').request.get('/api/session')
    assert.is(before.status(), 401, 'the session from before the reset ended')
    await p.goto(link)
    await p.locator('#reset-password').fill('and once more, again')
    await p.locator('#reset-repeat').fill('and once more, again')
    await p.getByRole('button', { name: 'Save and sign in' }).click()
    await p.getByText('This reset link does not work any more').waitFor()
    await visit(p, 'organizer-reset-password-used')
    await context.close()
    await helperContext?.close()
  },
)

Team.run()

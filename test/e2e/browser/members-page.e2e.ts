// The members page at a real size: a community of its own with 30 members, imported from a file
// as a European Excel saves it (BOM, semicolons, CRLF, a name column); the list searched, sorted
// and paged by the server; "Add one member" for an email already there asks before it overwrites;
// a viewer who opens the page gets a plain word and no forms, and the page makes no request
// that fails.
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings } from './a11y'
import { desktop, e2e, need, newContext, phone, visit } from './harness'

const MembersPage = suite('members page: 30 members, search, sort, pages, overwrite, viewer')

const community = 'Harbour Choir'
const account = { email: 'rosa@example.org', password: 'correct horse battery staple' }
const people = [
  ['Anna', 'Berg'],
  ['Ben', 'Ahrens'],
  ['Clara', 'Vogel'],
  ['David', 'Krüger'],
  ['Eva', 'Lindqvist'],
  ['Felix', 'Öztürk'],
  ['Greta', 'Sommer'],
  ['Hanna', 'Weiß'],
  ['Ivo', 'Petrov'],
  ['Jana', 'Novak'],
  ['Karl', 'Bergmann'],
  ['Lena', 'Fischer'],
  ['Mats', 'Olsen'],
  ['Nina', 'Rossi'],
  ['Oskar', 'Wolf'],
  ['Paula', 'Schmidt'],
  ['Quentin', 'Roux'],
  ['Rosa', 'Marín'],
  ['Sven', 'Holm'],
  ['Tina', 'Kovač'],
  ['Ulla', 'Berger'],
  ['Vera', 'Haas'],
  ['Wim', 'de Vries'],
  ['Xenia', 'Popescu'],
  ['Yusuf', 'Demir'],
  ['Zoe', 'Lang'],
  ['Aino', 'Virtanen'],
  ['Bruno', 'Costa'],
  ['Carla', 'Weber'],
  ['Dario', 'Conti'],
] as const
const sections = ['soprano', 'alto', 'tenor', 'bass']
const rows = people.map(([first, last], i) => ({
  email: `${first.toLowerCase()}@harbour.example`,
  name: `${first} ${last}`,
  section: sections[i % 4],
  site: i % 5 === 4 ? '' : i % 2 ? 'Hamburg' : 'Köln',
}))

let context: BrowserContext | undefined
let p: Page | undefined
let cid = ''
const page = () => need(p, 'the organizer page')
const h1 = (pg: Page, name: string) => pg.getByRole('heading', { level: 1, name })
const table = () => page().getByRole('table', { name: `Members of ${community}` })
/** The emails in the table, top to bottom. */
const shownEmails = async () => table().locator('td[data-label="Email"]').allInnerTexts()
const shownNames = async () => table().locator('td[data-label="Name"]').allInnerTexts()

/** Signs in as the story's organizer, or sets the account up when this file runs alone. */
async function signIn(request: APIRequestContext): Promise<void> {
  const setup = await (await request.get('/api/setup')).json()
  const res = setup.needed
    ? await request.post('/api/setup', { data: { ...account, name: 'Rosa Organizer' } })
    : await request.post('/api/session', { data: account })
  if (!res.ok()) throw new Error(`sign-in: ${res.status()} ${await res.text()}`)
}

MembersPage('a file of 30 members saved by a European Excel is imported with names', async () => {
  context = await newContext(desktop)
  await signIn(context.request)
  const made = await context.request.post('/api/communities', {
    data: { name: community, attributes: ['section', 'site'] },
  })
  cid = (await made.json()).id
  p = await context.newPage()
  const pg = page()
  pg.on('dialog', (d) => void d.accept())
  await pg.goto(`/communities/${cid}/members`)
  await h1(pg, `${community}: members`).waitFor()
  await pg.getByText('No members yet.').waitFor()

  const lines = rows.map((r) => [r.email, r.name, r.section, r.site].join(';'))
  const file = '\uFEFFEmail;Name;section;site\r\n' + lines.join('\r\n') + '\r\n'
  await pg.getByLabel('Or choose a .csv file').setInputFiles({
    name: 'Mitglieder.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(file, 'utf8'),
  })
  await pg.getByRole('button', { name: 'Import', exact: true }).click()
  await pg.getByText('30 added, 0 updated; 30 new invite links.').waitFor()
  await pg.getByText('Members 1–25 of 30 shown.').waitFor()
  assert.is(await table().getByRole('row').count(), 26, 'a page of 25 and the header')
  // Sorted by email: Aino is first; her name came from the file.
  assert.is((await shownEmails())[0], 'aino@harbour.example')
  assert.is((await shownNames())[0], 'Aino Virtanen')
  await visit(pg, 'organizer-members-30')
})

MembersPage('the next page holds the other five, and previous goes back', async () => {
  const pg = page()
  const first = await shownEmails()
  await pg.getByRole('button', { name: 'Next page' }).click()
  await pg.getByText('Members 26–30 of 30 shown.').waitFor()
  const second = await shownEmails()
  assert.is(second.length, 5)
  const all = [...first, ...second]
  assert.equal(all, [...rows.map((r) => r.email)].sort(), 'every member once, in email order')
  assert.ok(await pg.getByRole('button', { name: 'Next page' }).isDisabled())
  await visit(pg, 'organizer-members-page-2')
  await pg.getByRole('button', { name: 'Previous page' }).click()
  await pg.getByText('Members 1–25 of 30 shown.').waitFor()
  assert.equal(await shownEmails(), first)
})

MembersPage('sorts by name either way and by an attribute, on the server', async () => {
  const pg = page()
  await pg.getByLabel('Sort by').selectOption('name')
  await pg.getByLabel('Order').selectOption({ label: 'Z to A' })
  await pg.waitForFunction(
    () => document.querySelector('td[data-label="Name"]')?.textContent === 'Zoe Lang',
  )
  const header = table().getByRole('columnheader', { name: 'Name' })
  assert.is(await header.getAttribute('aria-sort'), 'descending')
  const byName = [...rows.map((r) => r.name)].sort((a, b) => b.localeCompare(a))
  assert.equal(await shownNames(), byName.slice(0, 25))
  await pg.getByLabel('Sort by').selectOption('attributes.section')
  await pg.getByLabel('Order').selectOption({ label: 'A to Z' })
  await pg.waitForFunction(
    () => document.querySelector('td[data-label="section"]')?.textContent === 'alto',
  )
  const section = await table().locator('td[data-label="section"]').allInnerTexts()
  assert.equal(section, [...section].sort(), 'sections in order')
  assert.equal(section.slice(0, 8), Array(8).fill('alto'))
})

MembersPage('search finds members by a part of their name, then shows all again', async () => {
  const pg = page()
  await pg.getByRole('searchbox', { name: 'Search email or name' }).fill('BERG')
  await pg.getByRole('button', { name: 'Search', exact: true }).click()
  await pg.getByText('3 members matching “BERG” shown.').waitFor()
  assert.equal(
    [...(await shownNames())].sort(),
    ['Anna Berg', 'Karl Bergmann', 'Ulla Berger'],
    'Berg, Bergmann and Berger: the emails hold only first names',
  )
  await visit(pg, 'organizer-members-search')
  await pg.getByRole('searchbox', { name: 'Search email or name' }).fill('nobody')
  await pg.getByRole('button', { name: 'Search', exact: true }).click()
  await pg.getByText("No member's email or name contains “nobody”.").waitFor()
  await pg.getByRole('button', { name: 'Show all members' }).click()
  await pg.getByText('Members 1–25 of 30 shown.').waitFor()
})

MembersPage('adding a member who is already there asks first, and keeps or replaces', async () => {
  const pg = page()
  const form = pg.getByRole('form', { name: 'Add one member' })
  await form.getByLabel('Email').fill('Anna@harbour.example')
  await form.getByLabel('section').fill('alto')
  await form.getByRole('button', { name: 'Add member' }).click()
  const warning = pg.getByRole('alert').filter({ hasText: 'is already a member' })
  await warning.getByRole('heading', { name: 'anna@harbour.example is already a member' }).waitFor()
  await warning.getByText('Anna Berg (unchanged)').waitFor()
  await warning.getByText(/soprano\s*→\s*becomes\s*alto/).waitFor()
  await warning.getByText(/Köln\s*→\s*becomes\s*none/).waitFor()
  await visit(pg, 'organizer-members-overwrite')

  // Keep: nothing is written.
  await warning.getByRole('button', { name: 'Keep them as they are' }).click()
  await warning.waitFor({ state: 'detached' })
  const anna = async () => {
    const res = await pg.request.get(`/api/communities/${cid}/members?q=anna@`)
    const { members } = await res.json()
    return members.find((m: { email: string }) => m.email === 'anna@harbour.example')
  }
  assert.equal((await anna()).attributes, { section: 'soprano', site: 'Köln' })

  // Asked again and replaced: the import updates her, and no new invite link is made.
  await form.getByRole('button', { name: 'Add member' }).click()
  await warning.getByRole('button', { name: 'Replace their details' }).click()
  await pg.getByText('0 added, 1 updated; 0 new invite links.').waitFor()
  assert.equal(await anna(), {
    id: (await anna()).id,
    email: 'anna@harbour.example',
    name: 'Anna Berg',
    attributes: { section: 'alto' },
    joined: false,
  })
  assert.is(await form.getByLabel('Email').inputValue(), '', 'the form is cleared')
  // A new email is added at once, without asking.
  await form.getByLabel('Email').fill('new.singer@harbour.example')
  await form.getByLabel('Name (optional)').fill('Nova Singer')
  await form.getByRole('button', { name: 'Add member' }).click()
  await pg.getByText('1 added, 0 updated; 1 new invite link.').waitFor()
  assert.is(await pg.getByRole('alert').filter({ hasText: 'is already a member' }).count(), 0)
})

MembersPage('on a phone the list keeps its search, order and pages', async () => {
  const phoneContext = await newContext(phone)
  await phoneContext.addCookies(await need(context, 'the organizer context').cookies())
  const pg = await phoneContext.newPage()
  await pg.goto(`/communities/${cid}/members`)
  await pg.getByText('Members 1–25 of 31 shown.').waitFor()
  await pg.getByRole('button', { name: 'Next page' }).scrollIntoViewIfNeeded()
  await visit(pg, 'organizer-members-phone')
  await phoneContext.close()
})

MembersPage('a viewer sees a plain word, no forms, and no request fails', async () => {
  const organizer = need(context, 'the organizer context').request
  const invited = await organizer.post(`/api/communities/${cid}/team`, {
    data: { email: 'viewer.vic@example.org', role: 'viewer' },
  })
  const { inviteUrl } = await invited.json()
  const viewerContext = await newContext(desktop)
  const accepted = await viewerContext.request.post('/api/team-invites', {
    data: {
      token: inviteUrl.slice(inviteUrl.indexOf('#') + 1),
      password: 'another long passphrase',
      name: 'Vic',
    },
  })
  assert.is(accepted.status(), 201, await accepted.text())
  const pg = await viewerContext.newPage()
  const failed: string[] = []
  const memberCalls: string[] = []
  pg.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
    if (r.url().includes(`/api/communities/${cid}/members`)) memberCalls.push(r.url())
  })
  await pg.goto(`/communities/${cid}/members`)
  await h1(pg, `${community}: members`).waitFor()
  await pg.getByText('Your role in Harbour Choir is viewer').waitFor()
  assert.is(await pg.getByRole('form').count(), 0, 'no import or add form')
  assert.is(await pg.getByRole('table').count(), 0, 'no member list')
  assert.is(await pg.getByRole('button', { name: /Import|Add member/ }).count(), 0)
  const nav = pg.getByRole('navigation', { name: community })
  assert.is(await nav.getByRole('link', { name: 'Members' }).count(), 0, 'no Members tab')
  await pg.getByRole('link', { name: 'Surveys and reports' }).waitFor()
  await visit(pg, 'organizer-members-viewer')
  assert.equal(memberCalls, [], 'the page never asks for the member list')
  assert.equal(failed, [], 'no request failed')
  await viewerContext.close()
})

MembersPage('axe finds nothing serious on these pages', () => {
  for (const name of [
    'organizer-members-30',
    'organizer-members-page-2',
    'organizer-members-search',
    'organizer-members-overwrite',
    'organizer-members-phone',
    'organizer-members-viewer',
  ]) {
    assert.equal(need(axeFindings.get(name), `axe on ${name}`), [], name)
  }
})

MembersPage.after(async () => {
  await context?.close()
})

MembersPage.run()

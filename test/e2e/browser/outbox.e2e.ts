// Scenario: an organizer without an email provider sends a 25-member community's messages by hand
// from the Messages page: one invitation copied with its real link, every other one copied at
// once, "a pulse is open" downloaded as CSV for a mail merge, the filters, and the unsubscribe
// page a member reaches from a copied message. Its own community, set up through the API.
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { desktop, e2e, need, newContext, phone, shot, visit } from './harness'

const Outbox = suite('outbox: 25 members, their messages sent by hand')

const community = 'Harbour Singers'
const size = 25
const joining = 5
const singers = Array.from(
  { length: size },
  (_, i) => `singer${String(i + 1).padStart(2, '0')}@example.org`,
)
const RULE = '-'.repeat(40)

let context: BrowserContext | undefined
let p: Page | undefined
let cid = ''
let pid = ''
/** email → invite link, from the import's answer. */
const invites = new Map<string, string>()
/** An unsubscribe link read from a copied message. */
let unsubscribeLink = ''

const page = () => need(p, 'the messages page')
const h1 = (pg: Page, name: string | RegExp) => pg.getByRole('heading', { level: 1, name })
const items = () => page().locator('.outbox-item')
const clipboard = () => page().evaluate(() => navigator.clipboard.readText())
const shown = (n: number) =>
  page()
    .getByText(`${n} message${n === 1 ? '' : 's'} shown`)
    .waitFor()
async function choose(filter: 'Show' | 'Kind', value: string) {
  await page().getByRole('combobox', { name: filter }).selectOption(value)
}
async function api(method: 'get' | 'post', path: string, data?: unknown) {
  const res = await page().request[method](path, data === undefined ? undefined : { data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

Outbox('a community of 25 members, five of them joined before its first pulse opened', async () => {
  context = await newContext(desktop)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl })
  await context.addCookies(await need(e2e.organizer, 'the organizer page').context().cookies())
  p = await context.newPage()
  const created = await api('post', '/api/communities', { name: community })
  cid = created.id
  const imported = await api('post', `/api/communities/${cid}/members`, {
    members: singers.map((email) => ({ email })),
  })
  for (const m of imported.members) invites.set(m.email, m.inviteUrl)
  for (const email of singers.slice(0, joining)) {
    const memberKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
    const inviteKey = need(invites.get(email), email).split('#')[1]
    await api('post', '/api/join', { inviteKey, memberKey })
  }
  const survey = await api('post', `/api/communities/${cid}/surveys`, { template: 'trust-pulse' })
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  pid = (await api('post', `/api/surveys/${survey.id}/pulses`, { closesAt })).id
})

Outbox('the messages page offers all waiting emails at once and filters them', async () => {
  const p = page()
  await p.goto(`/communities/${cid}/messages`)
  await h1(p, `${community}: messages`).waitFor()
  // 20 invitations (the five who joined need none) and 5 "a pulse is open".
  await p.getByText('25 waiting emails', { exact: true }).waitFor()
  await p.getByRole('button', { name: 'Copy all 25 waiting emails' }).waitFor()
  await p.getByRole('button', { name: 'Download CSV for a mail merge' }).waitFor()
  await shown(30)
  await visit(p, 'organizer-messages-25')

  await choose('Kind', 'invite')
  await choose('Show', 'waiting')
  await shown(20)
  assert.is(await items().count(), 20)
  assert.is(await items().getByText('Waiting', { exact: true }).count(), 20)
  await p.getByRole('button', { name: 'Copy all 20 waiting invitations' }).waitFor()
  await visit(p, 'organizer-messages-filtered')
})

Outbox('a copied invitation holds the member’s real link and no placeholder', async () => {
  const p = page()
  const first = items().first()
  const to = (await first.locator('.outbox-head').innerText()).match(/to (\S+@example\.org)/)![1]
  await first.getByRole('button', { name: `Copy message to ${to}` }).click()
  await first.getByText('Copied by hand').waitFor()
  const copied = await clipboard()
  assert.ok(
    copied.startsWith(`Subject: Your invitation to the anonymous pulses of ${community}\n\n`),
    copied.slice(0, 80),
  )
  assert.ok(copied.includes(need(invites.get(to), to)), 'the member’s own invite link')
  assert.not.match(copied, /\{\{|\}\}/)
  unsubscribeLink = copied.match(/http:\/\/\S+\/api\/unsubscribe\/\S+/)![0]
  // Its key is forgotten: the page says why it cannot be copied again.
  await first
    .getByText(/^Cannot copy\. It was copied before, so its invite link is no longer kept\./)
    .waitFor()
  assert.is(await first.getByRole('button', { name: /^Copy/ }).count(), 0)
  await p.getByRole('button', { name: 'Copy all 19 waiting invitations' }).waitFor()
})

Outbox('copy all: one text with every address and its own link; nothing waits after', async () => {
  const p = page()
  await p.getByRole('button', { name: 'Copy all 19 waiting invitations' }).click()
  await p.getByText('No messages match these filters.').waitFor()
  const copied = await clipboard()
  assert.not.match(copied, /\{\{|\}\}/)
  const blocks = copied.split(`${RULE}\n`)
  assert.is(blocks.length, 19)
  const seen = new Set<string>()
  for (const block of blocks) {
    const to = block.match(/^To: (\S+)\n/)![1]
    assert.ok(block.includes(need(invites.get(to), to)), `the block to ${to} holds their link`)
    seen.add(to)
  }
  assert.is(seen.size, 19)
  assert.is(await p.getByRole('button', { name: /^Copy all/ }).count(), 0)

  // The five who joined: their invitations no longer apply, kept as history.
  await choose('Show', 'skipped')
  await shown(5)
  assert.is(
    await items()
      .getByText('Reason: The member has joined: the invitation is no longer needed.')
      .count(),
    5,
  )
})

Outbox(
  '"a pulse is open" as CSV for a mail merge; every message then shows as copied',
  async () => {
    const p = page()
    await choose('Kind', 'pulse-open')
    await choose('Show', 'waiting')
    await shown(5)
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download CSV for a mail merge' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^messages-pulse-open-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = readFileSync(need(await download.path(), 'the downloaded file'), 'utf8')
    const [header, ...rows] = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data
    assert.equal(header, ['email', 'subject', 'message', 'link', 'kind'])
    assert.equal(rows.map((r) => r[0]).sort(), singers.slice(0, joining))
    for (const row of rows) {
      assert.is(row[3], `${e2e.baseUrl}/m/pulses/${pid}`)
      assert.ok(row[2].includes(row[3]))
      assert.not.match(row[2], /\{\{/)
    }
    await p.getByText('No messages match these filters.').waitFor()

    await choose('Kind', '')
    await choose('Show', 'copied')
    await shown(25)
    await shot(p, 'organizer-messages-copied')
    await p.setViewportSize({ width: 360, height: 800 })
    const overflow = await p.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a phone`)
    await choose('Show', '')
    await shown(30)
    await shot(p, 'organizer-messages-25-phone')
    await p.setViewportSize(desktop.viewport!)
  },
)

Outbox('the unsubscribe page names the community, is styled, and confirms', async () => {
  const member = await newContext({ ...phone, deviceScaleFactor: 2 })
  const m = await member.newPage()
  const refused: string[] = []
  m.on('console', (msg) => {
    if (/Content Security Policy|Refused/i.test(msg.text())) refused.push(msg.text())
  })
  await m.goto(need(unsubscribeLink, 'an unsubscribe link'))
  await h1(m, `Stop emails from ${community}`).waitFor()
  const button = m.getByRole('button', { name: `Stop emails from ${community}` })
  // Styled by the app's own stylesheet: the accent colour, not the browser's grey button.
  const background = await button.evaluate((b) => getComputedStyle(b).backgroundColor)
  assert.is(background, 'rgb(11, 107, 99)')
  await visit(m, 'unsubscribe-ask')
  await button.click()
  await h1(m, `No more emails from ${community}`).waitFor()
  await m.getByText(/trustpulse sends you no more email for Harbour Singers/).waitFor()
  await visit(m, 'unsubscribe-done')
  assert.equal(refused, [], 'the CSP refused nothing')
  await member.close()
})

Outbox('axe finds nothing serious on the messages and unsubscribe pages', () => {
  for (const name of [
    'organizer-messages-25',
    'organizer-messages-filtered',
    'unsubscribe-ask',
    'unsubscribe-done',
  ]) {
    const violations = need(axeFindings.get(name), `axe on ${name}`)
    assert.is(violations.length, 0, `${name}:\n${formatViolations(violations)}`)
  }
})

Outbox.after(async () => {
  await context?.close()
})

Outbox.run()

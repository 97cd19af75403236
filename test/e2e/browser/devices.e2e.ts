// Scenario: a member on two phones (issue 16), in a community of its own set up through the API.
// The re-invite path: phone A holds the pulse's token, the organizer makes a new invite link, and
// phone B joins with it: B says where the pulse can still be answered, A says its access was
// reset but still sends its answers. The move path: phone A moves the member to phone B by a
// single-use link; B answers; A learns from the server that it moved. Then A answers anyway with
// the token it kept, and is told those answers were not counted. Two phone sizes, 360×800 and
// 390×844, each path using both.
import { randomBytes } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { e2e, need, newContext, phone, visit as visitPage } from './harness'

const Devices = suite('devices: a member on two phones')

const community = 'Lakeside Rowers'
const small = { ...phone, viewport: { width: 360, height: 800 } }
const large = { ...phone, viewport: { width: 390, height: 844 } }
const opened: BrowserContext[] = []
let cid = ''
/** email → member id and invite link, from the import's answer. */
const members = new Map<string, { id: string; inviteUrl: string }>()

const visited: string[] = []
/** Screenshot and axe (harness.ts), remembered for the last test. */
const visit = (p: Page, name: string) => (visited.push(name), visitPage(p, name))

const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })
const pulseItem = (p: Page) =>
  p
    .getByRole('region', { name: 'Open pulses' })
    .getByRole('listitem')
    .filter({ has: p.getByRole('link', { name: 'Rowing check-in' }) })

/** The organizer's API, with the session of the organizer's page (organizer.e2e.ts). */
async function api(method: 'get' | 'post', path: string, data?: unknown) {
  const request = need(e2e.organizer, 'the organizer page').request
  const res = await request[method](path, data === undefined ? undefined : { data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** A phone of `size` that opens `link` (an invite or a move link). */
async function phoneAt(size: typeof small, link: string) {
  const context = await newContext({ ...size, deviceScaleFactor: 2 })
  opened.push(context)
  const page = await context.newPage()
  await page.goto(link)
  return page
}

/** Answers the pulse's one question and sends it, from its page. */
async function answer(p: Page) {
  const form = p.getByRole('form', { name: 'Your answers' })
  await form.getByRole('radio', { name: 'Agree', exact: true }).check()
  await form.getByRole('button', { name: 'Review and send' }).click()
  await p
    .getByRole('region', { name: 'Before you send' })
    .getByRole('button', { name: 'Send answers' })
    .click()
}

Devices('a community whose members joined before its pulse opened', async () => {
  cid = (await api('post', '/api/communities', { name: community, minGroupSize: 3 })).id
  const emails = ['ria', 'mo', 'sam', 'tea'].map((n) => `${n}@lakeside.example`)
  const imported = await api('post', `/api/communities/${cid}/members`, {
    members: emails.map((email) => ({ email })),
  })
  for (const m of imported.members) members.set(m.email, m)
  for (const email of emails.slice(2)) {
    const inviteKey = new URL(need(members.get(email), email).inviteUrl).hash.slice(1)
    const memberKey = randomBytes(32).toString('base64url')
    const res = await need(e2e.organizer, 'the organizer page').request.post('/api/join', {
      data: { inviteKey, memberKey },
    })
    assert.is(res.status(), 200)
  }
})

let riaA: Page | undefined
let moA: Page | undefined

Devices('ria and mo open their invitations on phone A; then a pulse opens', async () => {
  riaA = await phoneAt(small, need(members.get('ria@lakeside.example'), 'ria').inviteUrl)
  moA = await phoneAt(large, need(members.get('mo@lakeside.example'), 'mo').inviteUrl)
  for (const p of [riaA, moA]) await h1(p, community).waitFor()
  const survey = await api('post', `/api/communities/${cid}/surveys`, {
    title: 'Rowing check-in',
    questions: [{ kind: 'likert5', prompt: 'I feel at home in this club.' }],
  })
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  assert.is((await api('post', `/api/surveys/${survey.id}/pulses`, { closesAt })).status, 'open')
  for (const p of [riaA, moA]) {
    await p.reload()
    await pulseItem(p).getByText('Not answered yet').waitFor() // the token is on phone A
  }
})

Devices(
  're-invite: phone B joins with the new link and says where the pulse can still be answered',
  async () => {
    const ria = need(members.get('ria@lakeside.example'), 'ria')
    const { inviteUrl } = await api('post', `/api/communities/${cid}/members/${ria.id}/invite`)
    const b = await phoneAt(large, inviteUrl)
    await h1(b, community).waitFor()
    const item = pulseItem(b)
    await item
      .getByText('Its anonymous token is on another device or browser: answer there')
      .waitFor()
    await visit(b, 'member-devices-reinvite-new-home')
    await item.getByRole('link', { name: 'Rowing check-in' }).click()
    const notice = b.getByRole('region', { name: 'Answer this pulse on your other device' })
    await notice.waitFor()
    const said = (await notice.textContent()) ?? ''
    assert.match(said, 'in the browser built into your mail app')
    assert.match(said, 'That device can still send answers for this pulse')
    assert.match(said, 'If that device or browser is gone, this one pulse cannot be answered.')
    assert.match(said, 'The next pulses work here as usual.')
    assert.is(await b.getByRole('form', { name: 'Your answers' }).count(), 0)
    await visit(b, 'member-devices-reinvite-new-pulse')

    await b.getByRole('combobox', { name: 'Language' }).selectOption('de')
    const german = b.getByRole('region', {
      name: 'Beantworte diesen Puls auf deinem anderen Gerät',
    })
    await german.getByText(/im eingebauten Browser deiner Mail-App/).waitFor()
    await german.getByText(/kann dieser eine Puls nicht beantwortet werden/).waitFor()
    await visit(b, 'member-devices-reinvite-new-pulse-de')
  },
)

Devices(
  're-invite: phone A says its access was reset, still sends its answers, and they count',
  async () => {
    const a = need(riaA, "ria's phone A")
    await a.goto('/m')
    await h1(a, community).waitFor()
    const status = a.locator('.load-status')
    await status.getByText(/An organizer sent you a new invite link/).waitFor()
    await status
      .getByText(
        'This device still holds the anonymous token for 1 open pulse: answers you send from here still count.',
      )
      .waitFor()
    await pulseItem(a).getByText('Not answered yet').waitFor()
    await visit(a, 'member-devices-reinvite-old-home')
    await pulseItem(a).getByRole('link', { name: 'Rowing check-in' }).click()
    await a
      .getByText(
        /but it holds this pulse's anonymous token: answers you send from here still count/,
      )
      .waitFor()
    await visit(a, 'member-devices-reinvite-old-pulse')
    await answer(a)
    const done = a.getByRole('region', { name: 'Thank you, your answers are in' })
    await done.waitFor()
    await visit(a, 'member-devices-reinvite-old-receipt')
  },
)

let moB: Page | undefined

Devices('move: phone A makes a single-use link, says it is a secret, and waits', async () => {
  const a = need(moA, "mo's phone A")
  await a.goto('/m')
  await pulseItem(a).getByText('Not answered yet').waitFor()
  const offer = a.getByRole('region', { name: 'Another device?' })
  await offer.getByText(/instead of the one built into your mail app/).waitFor()
  await offer.getByRole('button', { name: 'Move to another device' }).click()
  const panel = a.getByRole('region', { name: 'Move to another device' })
  await panel
    .getByText(
      'This link is a secret: whoever opens it becomes you here and can answer your open pulses in your place. Send it only to yourself.',
    )
    .waitFor()
  await panel.getByText(/with the anonymous token for 1 open pulse on this device/).waitFor()
  await panel.getByRole('img', { name: 'QR code of the link' }).waitFor()
  await panel.getByText('Waiting for your other device to open the link…').waitFor()
  const link = await panel.getByRole('textbox', { name: 'Link' }).inputValue()
  const url = new URL(link)
  assert.is(url.pathname, '/m/import')
  assert.is(url.search, '')
  assert.match(url.hash, /^#v=1&k=[A-Za-z0-9_-]{43}&t=/)
  assert.not.match(link, /blindedMsg|inv/)
  await visit(a, 'member-devices-move-link')
  // Nothing is marked moved until the server says so.
  await pulseItem(a).getByText('Not answered yet').waitFor()

  const b = (moB = await phoneAt(small, link))
  await b
    .getByText(
      'Done: your membership is on this device now, with the anonymous token for 1 open pulse.',
    )
    .waitFor()
  assert.not.match(b.url(), /#/, 'the link is taken out of the address bar')
  await visit(b, 'member-devices-move-arrived')
})

Devices('move: phone B answers; phone A learns from the server that it moved', async () => {
  const b = need(moB, "mo's phone B")
  await b.getByRole('link', { name: 'Go to your pulses' }).click()
  await h1(b, community).waitFor()
  await pulseItem(b).getByText('Not answered yet').waitFor()
  await pulseItem(b).getByRole('link', { name: 'Rowing check-in' }).click()
  await answer(b)
  await b.getByRole('region', { name: 'Thank you, your answers are in' }).waitFor()

  const a = need(moA, "mo's phone A")
  const panel = a.getByRole('region', { name: 'Move to another device' })
  await panel.getByText('Done: your membership is on your other device now.').waitFor()
  await panel.getByRole('button', { name: 'Close' }).click()
  await a
    .locator('.load-status')
    .getByText(/Your membership moved to another device with a move link/)
    .waitFor()
  await pulseItem(a).getByText('Moved to your other device: answer there').waitFor()
  assert.is(await a.getByRole('button', { name: 'Move to another device' }).count(), 0)
  await visit(a, 'member-devices-moved-home')
})

Devices(
  'spent: phone A answers anyway with the token it kept, and is told its answers were not counted',
  async () => {
    const a = need(moA, "mo's phone A")
    await pulseItem(a).getByRole('button', { name: 'Use it on this device again' }).click()
    await pulseItem(a).getByRole('link', { name: 'Rowing check-in' }).click()
    await answer(a)
    const notice = a.getByRole('region', { name: 'Your answers from this device were not counted' })
    await notice
      .getByText(
        "This pulse's anonymous token had already been used to send answers from your other device. A token counts once: the answers sent first were counted, these were not.",
      )
      .waitFor()
    assert.is(await a.getByRole('region', { name: /Thank you/ }).count(), 0)
    await visit(a, 'member-devices-spent')
    await notice.getByRole('link', { name: 'Back to your pulses' }).click()
    await pulseItem(a)
      .getByText('Already answered from another device: the answers sent here were not counted')
      .waitFor()
  },
)

Devices('axe finds no serious or critical violation on any of these pages', () => {
  for (const name of visited) {
    const violations = need(axeFindings.get(name), `axe on ${name}`)
    assert.is(violations.length, 0, `${name}:\n${formatViolations(violations)}`)
  }
})

Devices.after(async () => {
  for (const context of opened) await context.close()
})

Devices.run()

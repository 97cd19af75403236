// Scenario: members verify a pulse (issue 18), in a community of its own set up through the API.
// A pulse opens with a chat webhook set: its chat message links the member page with the pulse's
// code (`#fp=`). Nia opens that link on her phone, reads the same code on the page, and answers.
// Ola's phone checked and pinned the key list when it opened; by the time she sends, the server
// shows her another list (Playwright swaps one key of GET /api/pulses/:pid/keys): the page
// refuses, says why and what to do, in English and German, and sends nothing.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { desktop, need, newContext, phone, visit as visitPage } from './harness'

const Verify = suite('verify: members check what a pulse promised')

const community = 'Harbour Choir'
const survey = 'Choir check-in'
const opened: BrowserContext[] = []
let cid = ''
let pid = ''
/** The chat message's link to the member page, with the pulse's code. */
let chatLink = ''
/** The code in the chat link, as the page shows it: "ABCD EFGH IJKL MNOP". */
let code = ''
const members = new Map<string, { id: string; inviteUrl: string }>()
const phones = new Map<string, Page>()

const visited: string[] = []
const visit = (p: Page, name: string) => (visited.push(name), visitPage(p, name))
const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })
/** Four sopranos (nia among them) and three altos (ola among them), k = 3. */
const choir: [string, string][] = [
  ['sia', 'soprano'],
  ['sam', 'soprano'],
  ['sol', 'soprano'],
  ['nia', 'soprano'],
  ['ola', 'alto'],
  ['ari', 'alto'],
  ['ada', 'alto'],
]

const account = { email: 'rosa@example.org', password: 'correct horse battery staple' }
let organizer: APIRequestContext | undefined

/** The organizer's API: the story's organizer, or an account set up when this file runs alone. */
async function api(method: 'get' | 'post' | 'put', path: string, data?: unknown) {
  const request = need(organizer, "the organizer's session")
  const res = await request[method](path, data === undefined ? undefined : { data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** Answers the pulse's two questions up to the review, from its page. */
async function fillIn(p: Page) {
  const form = p.getByRole('form', { name: 'Your answers' })
  const questions = form.getByRole('group', { name: /^Question \d+ of \d+/ })
  await questions.nth(0).getByRole('radio', { name: 'Agree', exact: true }).check()
  await questions.nth(1).getByRole('radio', { name: 'Yes', exact: true }).check()
  await form.getByRole('button', { name: 'Review and send' }).click()
  return p.getByRole('region', { name: 'Before you send' })
}

Verify('a community whose members joined, a chat webhook, and a pulse that opens', async () => {
  const desk = await newContext(desktop)
  opened.push(desk)
  organizer = desk.request
  const setup = await (await organizer.get('/api/setup')).json()
  const signedIn = setup.needed
    ? await organizer.post('/api/setup', { data: { ...account, name: 'Rosa Organizer' } })
    : await organizer.post('/api/session', { data: account })
  assert.ok(signedIn.ok(), `sign-in: ${signedIn.status()}`)
  const made = { name: community, attributes: ['section'], minGroupSize: 3 }
  cid = (await api('post', '/api/communities', made)).id
  const list = choir.map(([n, section]) => ({
    email: `${n}@harbour.example`,
    attributes: { section },
  }))
  const imported = await api('post', `/api/communities/${cid}/members`, { members: list })
  for (const m of imported.members) members.set(m.email, m)
  for (const { email } of list.filter((m) => !/^(nia|ola)@/.test(m.email))) {
    const inviteKey = new URL(need(members.get(email), email).inviteUrl).hash.slice(1)
    const memberKey = randomBytes(32).toString('base64url')
    const res = await need(organizer, 'a request context').post('/api/join', {
      data: { inviteKey, memberKey },
    })
    assert.is(res.status(), 200)
  }
  for (const name of ['nia', 'ola']) {
    const context = await newContext({ ...phone, deviceScaleFactor: 2 })
    opened.push(context)
    const page = await context.newPage()
    await page.goto(need(members.get(`${name}@harbour.example`), name).inviteUrl)
    await h1(page, community).waitFor()
    phones.set(name, page)
  }
  await api('put', `/api/communities/${cid}/chat/slack`, {
    url: 'https://hooks.slack.com/services/T000/B000/harbourchoir',
  })
  const questions = await api('post', `/api/communities/${cid}/surveys`, {
    title: survey,
    questions: [
      { kind: 'likert5', prompt: 'I can hear myself in rehearsals.' },
      { kind: 'yesno', prompt: 'Would you bring a friend?' },
    ],
  })
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  const pulse = await api('post', `/api/surveys/${questions.id}/pulses`, { closesAt })
  assert.is(pulse.status, 'open')
  pid = pulse.id
})

Verify('the chat message links the member page with the pulse code', async () => {
  const { messages } = await api('get', `/api/communities/${cid}/outbox?kind=pulse-open`)
  const chat = messages.find((m: { channel: string }) => m.channel === 'slack')
  assert.ok(chat, 'a chat message for the pulse')
  chatLink = need(chat.link, 'the chat link')
  const url = new URL(chatLink)
  assert.is(url.pathname, `/m/pulses/${pid}`)
  const fp = new URLSearchParams(url.hash.slice(1)).get('fp') ?? ''
  assert.match(fp.replace(/-/g, ''), /^[A-Z2-7]{16}$/)
  code = fp
    .replace(/[^A-Z2-7]/g, '')
    .match(/..../g)!
    .join(' ')
  const compact = code.replace(/ /g, '')
  assert.ok(
    chat.text.includes(code) || chat.text.includes(compact),
    `the message carries the code: ${chat.text}`,
  )
  const organizerView = await api('get', `/api/pulses/${pid}`)
  assert.is(organizerView.fingerprint, code, "the organizer's pulse page shows the same code")
})

Verify('nia opens the chat link, reads the same code on her page, and answers', async () => {
  const p = need(phones.get('nia'), "nia's phone")
  await p.goto(chatLink.replace(new URL(chatLink).origin, ''))
  await h1(p, survey).waitFor()
  assert.not.match(p.url(), /#/, 'the code is taken out of the address bar')
  const box = p.getByRole('region', { name: "This pulse's code" })
  await box.getByText(code, { exact: true }).waitFor()
  await box
    .getByText(/It is the same code as in the link you opened from the chat message/)
    .waitFor()
  await p.getByText('Your answers are counted in a group of 4 people: section: soprano.').waitFor()
  await p.getByRole('form', { name: 'Your answers' }).waitFor()
  await visit(p, 'member-verify-code')
  const review = await fillIn(p)
  await review.getByRole('button', { name: 'Send answers' }).click()
  await p.getByRole('region', { name: 'Thank you, your answers are in' }).waitFor()
})

Verify(
  "ola's list changes before she sends: the page refuses, says why, and sends nothing",
  async () => {
    const p = need(phones.get('ola'), "ola's phone")
    await p.goto(chatLink.replace(new URL(chatLink).origin, ''))
    await h1(p, survey).waitFor()
    const box = p.getByRole('region', { name: "This pulse's code" })
    await box.getByText(code, { exact: true }).waitFor() // checked and pinned
    const review = await fillIn(p)

    // From now on the server shows her the sopranos' group under a key of another's choosing,
    // with its id derived from it: a list consistent in itself, but not the one she pinned.
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const spki = publicKey.export({ type: 'spki', format: 'der' })
    const swapped = {
      publicKey: spki.toString('base64url'),
      keyId: createHash('sha256').update(spki).digest('base64url'),
    }
    await p.route(`**/api/pulses/${pid}/keys`, async (route) => {
      const res = await route.fetch()
      const keys = (await res.json()) as { cohort: Record<string, string> }[]
      const body = keys.map((k) => (k.cohort.section === 'soprano' ? { ...k, ...swapped } : k))
      await route.fulfill({ response: res, json: body })
    })
    const sent: string[] = []
    p.on('request', (r) => void (r.url().endsWith('/responses') && sent.push(r.method())))

    await review.getByRole('button', { name: 'Send answers' }).click()
    const refusal = p.getByRole('region', { name: 'Your answers will not be sent from here' })
    await refusal.waitFor()
    // Codes within sentences are kept on one line (no-break spaces).
    const said = ((await refusal.textContent()) ?? '').replace(/\u00a0/g, ' ')
    assert.match(said, 'something is wrong')
    assert.match(
      said,
      `was shown other keys for this pulse before: the code was ${code}, now it is`,
    )
    assert.match(said, `The link you opened says this pulse's code is ${code}`)
    assert.match(said, 'What to do: do not answer this pulse for now.')
    assert.is(await p.getByRole('button', { name: 'Send answers' }).count(), 0)
    assert.equal(sent, [], 'nothing was sent')
    await visit(p, 'member-verify-refused')

    await p.getByRole('combobox', { name: 'Language' }).selectOption('de')
    const german = p.getByRole('region', { name: 'Deine Antworten werden von hier nicht gesendet' })
    await german.getByText(/Was du tun kannst: Beantworte diesen Puls vorerst nicht/).waitFor()
    await visit(p, 'member-verify-refused-de')
    await p.getByRole('combobox', { name: 'Sprache' }).selectOption('en')

    await p.goto('/m') // the app opens again: every check runs anew, against the same list
    await h1(p, community).waitFor()
    const item = p
      .getByRole('region', { name: 'Open pulses' })
      .getByRole('listitem')
      .filter({ hasText: survey })
    await item.getByText('Not answered: a check failed, open it to see why').waitFor()
    await visit(p, 'member-verify-refused-home')
    assert.equal(sent, [], 'still nothing sent after the app opened again')
  },
)

Verify('axe finds no serious or critical violation on any of these pages', () => {
  for (const name of visited) {
    const violations = need(axeFindings.get(name), `axe on ${name}`)
    assert.is(violations.length, 0, `${name}:\n${formatViolations(violations)}`)
  }
})

Verify.after(async () => {
  for (const context of opened) await context.close()
})

Verify.run()

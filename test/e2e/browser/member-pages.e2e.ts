// Scenario: the member's pages on a 390×844 phone (issue 17, "Members' pages"), in a choir of its
// own set up through the API: two shared results, newest first, with a chart per question and
// comments fetched only when opened; the main action of the home page a button; the review
// replacing an email on the device; answers that arrive after an organizer closed the pulse
// early; a damaged invite link; and a phone without membership. Five choir members answer
// through the blind-token protocol from the test (choir.ts), the sixth on the phone.
import type { BrowserContext, Page, Request } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { Choir, community } from './choir'
import { desktop, e2e, need, newContext, phone, visit } from './harness'

const MemberPages = suite('member pages: results, the review, a late answer, broken links')

let choir: Choir | undefined
let p: Page | undefined
const opened: BrowserContext[] = []
let autumn = ''
const visited: string[] = []

const page = () => need(p, "Robin's phone")
const api = (method: 'get' | 'post' | 'delete', path: string, data?: unknown) =>
  need(choir, 'the choir').api(method, path, data)
const h1 = (pg: Page, name: string | RegExp) => pg.getByRole('heading', { level: 1, name })
const shot = (pg: Page, name: string) => (visited.push(name), visit(pg, name))

MemberPages('a choir of six, joined before its pulses; two results shared, one open', async () => {
  let organizer = e2e.organizer?.request
  if (!organizer) {
    // Run on its own: this file's server is fresh, so its organizer is set up here.
    const context = await newContext(desktop)
    opened.push(context)
    organizer = context.request
    const setup = { email: 'conductor@harbor.example', password: 'sing it again' }
    assert.ok((await organizer.post('/api/setup', { data: setup })).ok())
  }
  choir = new Choir(organizer)
  const invite = await choir.form()
  const phoneContext = await newContext({ ...phone, deviceScaleFactor: 2 })
  opened.push(phoneContext)
  p = await phoneContext.newPage()
  await page().goto(invite)
  await page().waitForURL('**/m')
  await h1(page(), community).waitFor()

  await choir.answeredAndShared('Spring check-in', 0)
  await choir.answeredAndShared('Summer check-in', 1)
  autumn = (await choir.openPulse('Autumn check-in')).pid
})

MemberPages(
  'home: "Answer now" is a button-styled link; results newest first with charts',
  async () => {
    const p = page()
    const requested: string[] = []
    const record = (r: Request) => void requested.push(new URL(r.url()).pathname)
    p.on('request', record)
    await p.reload()
    await h1(p, community).waitFor()
    const card = p.getByRole('region', { name: 'Open pulses' }).getByRole('listitem')
    await card.getByText('Not answered yet').waitFor()
    const action = card.getByRole('link', { name: 'Answer now: Autumn check-in' })
    await action.waitFor()
    const look = await action.evaluate((a) => {
      const s = getComputedStyle(a)
      const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()
      return {
        bg: s.backgroundColor,
        radius: s.borderRadius,
        height: a.getBoundingClientRect().height,
        accent,
      }
    })
    assert.is(
      look.bg,
      hexToRgb(look.accent),
      'filled with the accent colour, as the primary button',
    )
    assert.ok(parseFloat(look.radius) > 0 && look.height >= 44, JSON.stringify(look))

    const shared = p.getByRole('region', { name: 'Shared results' })
    const titles = await shared.getByRole('heading', { level: 3 }).allTextContents()
    assert.equal(
      titles.map((t) => t.split(',')[0]),
      ['Summer check-in', 'Spring check-in'],
      'newest first',
    )
    const latest = shared.getByRole('article').first()
    const cards = latest.getByRole('list', { name: /Results for everyone in the community/ })
    assert.is(await cards.getByRole('listitem').count(), 4, 'a card per non-text question')
    assert.is(await cards.getByRole('img').count(), 4, 'each with its chart')
    await cards.getByRole('img', { name: 'Answers to “I feel heard in rehearsals.”' }).waitFor()
    const earlier = shared.getByRole('article').nth(1)
    assert.is(await earlier.getByRole('img').first().isVisible(), false, 'earlier ones folded')
    await shot(p, 'member-home-results')

    // Comments are fetched only when opened, from the member's own route.
    // One request for the pulse's threads (the comments with replies), the same for every member.
    const commentsUrl = `/api/me/results/${need(choir, 'the choir').pulses.get('Summer check-in')}/threads`
    assert.is(requested.filter((u) => u === commentsUrl).length, 0, 'not fetched before opening')
    await latest.getByText('Read the comments').click()
    const list = latest.locator('.shared-comments')
    await list.waitFor()
    assert.is(requested.filter((u) => u === commentsUrl).length, 1)
    const read = (await list.getByRole('listitem').allTextContents()).sort()
    assert.equal(read, [
      'Ask [email] for the scores.',
      'More breaks, please.',
      'The new hall sounds great.',
      '[name] runs warm-ups so well.',
    ])
    await latest
      .getByText('4 comments, in random order, with names and email addresses replaced.')
      .waitFor()
    await shot(p, 'member-home-comments')
    p.off('request', record)
  },
)

MemberPages('the same home in German', async () => {
  const p = page()
  await p.getByRole('combobox', { name: 'Language' }).selectOption('de')
  await p.getByRole('link', { name: 'Jetzt antworten: Autumn check-in' }).waitFor()
  const shared = p.getByRole('region', { name: 'Geteilte Ergebnisse' })
  await shared.getByText('Kommentare lesen').first().waitFor()
  await shared.getByText('Diese Ergebnisse zeigen').waitFor()
  await shot(p, 'member-results-de')
  await p.getByRole('combobox', { name: 'Sprache' }).selectOption('en')
  await p.getByRole('link', { name: 'Answer now: Autumn check-in' }).waitFor()
})

MemberPages(
  'the review replaces an email on the phone and says names are replaced later',
  async () => {
    const p = page()
    await p.getByRole('link', { name: 'Answer now: Autumn check-in' }).click()
    await h1(p, 'Autumn check-in').waitFor()
    const form = p.getByRole('form', { name: 'Your answers' })
    await form.getByRole('radio', { name: 'Agree', exact: true }).check()
    await form.getByRole('radio', { name: '8', exact: true }).check()
    await form.getByRole('radio', { name: 'Yes', exact: true }).check()
    await form.getByRole('radio', { name: 'Hall', exact: true }).check()
    await form
      .getByRole('textbox', { name: /Anything else/ })
      .fill('Write to robin.park@harbor.example, or ask Ana Lopez.')
    await form.getByRole('button', { name: 'Review and send' }).click()
    const review = p.getByRole('region', { name: 'Before you send' })
    await review.waitFor()
    assert.is(
      await review.getByRole('blockquote').textContent(),
      'Write to [email], or ask Ana Lopez.',
    )
    await review
      .getByText(/^Email addresses are replaced here, on your device, as shown above\./)
      .waitFor()
    await review
      .getByText(/Names of people the organizers know \(members and team\) are replaced too/)
      .waitFor()
    await shot(p, 'member-review-masked')
  },
)

MemberPages('closed early before the answers arrived: no "closes in 7 days" above it', async () => {
  const p = page()
  await api('post', `/api/pulses/${autumn}/close`)
  await p.getByRole('button', { name: 'Send answers' }).click()
  await p
    .getByText('This pulse closed before your answers arrived, so they were not counted.')
    .waitFor()
  const meta = (await p.locator('main > p.meta').first().textContent()) ?? ''
  assert.match(meta, /^closed · 5 questions$/)
  assert.not.match((await p.locator('main').textContent()) ?? '', /closes in/)
  await p.getByRole('link', { name: 'Back to your pulses' }).waitFor()
  await shot(p, 'member-late-answer')
  await p.reload()
  await h1(p, 'Pulse not open').waitFor()
  await p
    .getByText('This pulse closed before your answers arrived, so they were not counted.')
    .waitFor()
})

MemberPages(
  'a damaged invite link says so and what to do, not "someone else used it"',
  async () => {
    const context = await newContext(phone)
    opened.push(context)
    const pg = await context.newPage()
    const key = need(choir?.singers[0], 'a singer').inviteKey
    await pg.goto(`/join#${key.slice(0, 30)}`)
    const alert = pg.getByRole('alert')
    await alert.getByText(/^This invitation link is incomplete or damaged/).waitFor()
    await alert.getByText(/^Open the link again straight from your invitation/).waitFor()
    assert.not.match((await alert.textContent()) ?? '', /someone else/)
    await shot(pg, 'member-damaged-invite')

    // Whole-looking but not an invite the server knows (a changed character): "not valid".
    const changed = (key.startsWith('A') ? 'B' : 'A') + key.slice(1)
    await pg.goto(`/join#${changed}`)
    await pg.reload()
    await pg
      .getByRole('alert')
      .getByText(/^This invitation link is not valid/)
      .waitFor()
    assert.not.match((await pg.getByRole('alert').textContent()) ?? '', /someone else/)
  },
)

MemberPages(
  'a phone without membership says that one thing, not also "no open pulses"',
  async () => {
    const context = await newContext(phone)
    opened.push(context)
    const pg = await context.newPage()
    await pg.goto('/m')
    await h1(pg, 'No membership on this device').waitFor()
    await pg
      .getByText('This device has no working membership: open the invitation link you were sent.')
      .waitFor()
    assert.is(await pg.getByText('No open pulses right now.').count(), 0)
    assert.is(await pg.getByRole('region', { name: 'Open pulses' }).count(), 0)
    await shot(pg, 'member-no-membership')
    await pg.goto('/m/pulses/anything')
    await pg.getByText(/^This device has no working membership/).waitFor()
    assert.is(await pg.getByText('This pulse is not open for you.').count(), 0)
  },
)

MemberPages(
  'every page of this scenario passes axe (no serious or critical violation)',
  async () => {
    const found = visited.flatMap((name) =>
      (axeFindings.get(name) ?? []).map((v) => `${name}: ${formatViolations([v])}`),
    )
    assert.equal(found, [])
    await choir?.close()
    for (const context of opened) await context.close()
  },
)

/** "#0a58a8" → "rgb(10, 88, 168)", as getComputedStyle writes colours. */
function hexToRgb(hex: string): string {
  const n = parseInt(hex.replace('#', ''), 16)
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`
}

MemberPages.run()

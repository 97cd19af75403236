// Scenario 1: an organizer's first visit, on a desktop browser, up to an open pulse.
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { desktop, e2e, need, newContext, roster, shot, visit } from './harness'
import { joinOnPhone } from './member-flow'

const Organizer = suite('organizer: setup to an open pulse')

const community = 'Riverside Makers'
const page = () => need(e2e.organizer, 'the organizer page')
const heading = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })

Organizer('a first visit leads to setup, which creates the first organizer', async () => {
  const context = await newContext(desktop)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.baseUrl })
  const p = (e2e.organizer = await context.newPage())
  p.on('dialog', (d) => void d.accept()) // "Close this pulse now?" and the like
  await p.goto('/')
  await p.waitForURL('**/setup')
  await heading(p, 'First-time setup').waitFor()
  await visit(p, 'organizer-setup')

  await p.getByLabel('Email').fill('Rosa@Example.org')
  await p.getByLabel('Your name').fill('Rosa Organizer')
  await p.getByLabel('Password').fill('correct horse battery staple')
  await p.getByRole('button', { name: 'Create account' }).click()
  await p.waitForURL('**/communities')
  await heading(p, 'Your communities').waitFor()
  await p
    .getByRole('navigation', { name: 'Account' })
    .getByRole('link', { name: 'Rosa Organizer' })
    .waitFor()
})

Organizer('creates a community and gives it the attribute team', async () => {
  const p = page()
  await p.getByText('You are not in any community yet').waitFor()
  await visit(p, 'organizer-communities')
  await p.getByRole('textbox', { name: /^Name/ }).fill(community)
  await p.getByRole('button', { name: 'Create community' }).click()
  await p.waitForURL(/\/communities\/[^/]+\/settings\?new=1$/)
  await heading(p, `${community}: settings`).waitFor()
  await p.getByRole('status').getByText('Community created.').waitFor()

  assert.is(await p.getByLabel('Smallest group for scores (k)').inputValue(), '5')
  await p.getByLabel('New attribute').fill('team')
  await p.getByRole('button', { name: 'Add attribute' }).click()
  assert.is(await p.getByRole('textbox', { name: 'Attribute 1' }).inputValue(), 'team')
  await p.getByRole('button', { name: 'Save settings' }).click()
  await p.getByText('Settings saved.').waitFor()
  await visit(p, 'organizer-settings')
})

Organizer('imports members by pasting a CSV and copies their invite links', async () => {
  const p = page()
  const nav = p.getByRole('navigation', { name: community })
  await nav.getByRole('link', { name: 'Members' }).click()
  await heading(p, `${community}: members`).waitFor()
  await p.getByText('No members yet.').waitFor()
  assert.ok(await p.getByText('email,team').first().isVisible(), 'the expected CSV header is shown')

  const csv = ['email,team', ...roster.map((m) => `${m.email},${m.team}`)].join('\n')
  await p.getByRole('textbox', { name: 'Paste CSV' }).fill(csv)
  await p.getByRole('button', { name: 'Import', exact: true }).click()
  await p
    .getByText(`${roster.length} added, 0 updated; ${roster.length} new invite links.`)
    .waitFor()

  // Copy all links the way an organizer would, then read the clipboard.
  await p.getByRole('button', { name: 'Copy all as text' }).click()
  await p.getByRole('button', { name: 'Copied' }).waitFor()
  const copied = await p.evaluate(() => navigator.clipboard.readText())
  const invites = new Map<string, string>()
  for (const line of copied.split('\n')) {
    const [email, url] = line.split(': ')
    invites.set(email, url)
  }
  assert.equal([...invites.keys()].sort(), roster.map((m) => m.email).sort())
  for (const { email } of roster) {
    const shown = await p.getByRole('textbox', { name: `Invite link for ${email}` }).inputValue()
    assert.is(shown, invites.get(email), `the link shown for ${email} is the one copied`)
    assert.match(shown, new RegExp(`^${e2e.baseUrl}/join#[A-Za-z0-9_-]{20,}$`))
  }
  e2e.story.invites = invites

  await p.getByText(`${roster.length} members shown.`).waitFor()
  const table = p.getByRole('table', { name: `Members of ${community}` })
  assert.is(await table.getByRole('row').count(), roster.length + 1)
  assert.is(await table.getByRole('cell', { name: 'care', exact: true }).count(), 5)
  await visit(p, 'organizer-members')
})

Organizer(
  'sees the invitations waiting in the messages page and chooses between a reminder to everyone and none',
  async () => {
    const p = page()
    await p
      .getByRole('navigation', { name: community })
      .getByRole('link', { name: 'Messages' })
      .click()
    await heading(p, `${community}: messages`).waitFor()
    await p.getByText('Email is not configured on this server').waitFor()
    const items = p.locator('.outbox-item')
    assert.is(await items.count(), roster.length, 'one invitation per member, waiting')
    assert.is(await p.getByText('Waiting', { exact: true }).count(), roster.length)
    // Copying an invitation copies its text with the member's own link and marks it copied.
    const first = items.first()
    await first.getByRole('button', { name: /^Copy message/ }).click()
    await first.getByText('Copied by hand').waitFor()
    const copied = await p.evaluate(() => navigator.clipboard.readText())
    assert.match(copied, /^Subject: Your invitation to the anonymous pulses of Riverside Makers\n/)
    assert.match(copied, new RegExp(`${e2e.baseUrl}/join#[A-Za-z0-9_-]{20,}`))
    // A reminder goes to everyone or to no one: two choices, and the page says why.
    const audience = p.getByRole('group', {
      name: 'Who gets the one reminder before a pulse closes',
    })
    await audience.getByText('A reminder never singles anyone out').waitFor()
    await audience.getByText('If you have already answered, thank you').waitFor()
    assert.is(await audience.getByRole('radio').count(), 2)
    const everyone = audience.getByRole('radio', { name: 'Everyone' })
    assert.ok(await everyone.isChecked(), 'everyone by default')
    const choice = audience.getByRole('radio', { name: 'No reminder' })
    await choice.check()
    await p.getByRole('button', { name: 'Save reminder settings' }).click()
    await p.getByText('Reminder settings saved').first().waitFor({ state: 'attached' })
    await visit(p, 'organizer-messages')
    // At a 360 px phone width nothing overflows sideways.
    await p.setViewportSize({ width: 360, height: 800 })
    const overflow = await p.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a phone`)
    await shot(p, 'organizer-messages-phone')
    await p.setViewportSize(desktop.viewport!)
    const cid = new URL(p.url()).pathname.split('/')[2]
    const settings = await (await p.request.get(`/api/communities/${cid}/delivery`)).json()
    assert.is(settings.reminderAudience, 'none')
  },
)

Organizer('creates a survey from the trust pulse template', async () => {
  const p = page()
  await p
    .getByRole('navigation', { name: community })
    .getByRole('link', { name: 'Surveys' })
    .click()
  await heading(p, `${community}: surveys`).waitFor()
  await p.getByText('No surveys yet.').waitFor()
  await visit(p, 'organizer-surveys')
  await p.getByRole('link', { name: 'New survey' }).click()
  await heading(p, 'New survey').waitFor()
  const template = p.getByRole('radio', { name: 'Trust pulse' })
  await template.check()
  assert.ok(await template.isChecked())
  await visit(p, 'organizer-new-survey')
  await p.getByRole('button', { name: 'Create and edit' }).click()
  await p.waitForURL((url) => /^\/surveys\/[^/]+$/.test(url.pathname))
  e2e.story.surveyId = new URL(p.url()).pathname.split('/')[2]
  await heading(p, 'Design: Trust pulse').waitFor()
  assert.is(await p.getByRole('textbox', { name: /^Title/ }).inputValue(), 'Trust pulse')
  await visit(p, 'organizer-designer')
})

Organizer(
  'the members open their invite links on their phones before the first pulse',
  async () => {
    // Ana's pages are recorded; Fay's phone reads German (scenario 2b).
    for (const { email } of roster) {
      const p = await joinOnPhone(email, {
        sharp: email === 'ana@example.org',
        locale: email === 'fay@example.org' ? 'de-DE' : undefined,
      })
      if (email === 'ana@example.org') {
        await p.getByText('No open pulses right now.').waitFor()
        await visit(p, 'member-home-joined')
      }
    }
    const communities = await (await page().request.get('/api/communities')).json()
    const cid = communities.find((c: { name: string }) => c.name === community).id
    const listed = await (
      await page().request.get(`/api/communities/${cid}/members?limit=100`)
    ).json()
    assert.ok(
      listed.members.every((m: { joined: boolean }) => m.joined),
      'every member has joined',
    )
  },
)

Organizer('opens a pulse now from the pulses page', async () => {
  const p = page()
  const sid = need(e2e.story.surveyId, 'the survey')
  await p.getByRole('link', { name: 'Pulses of this survey' }).click()
  await heading(p, 'Pulses: Trust pulse').waitFor()
  await p.getByText('No pulses yet.').waitFor()
  assert.ok(await p.getByRole('radio', { name: 'Now' }).isChecked())
  // Before opening: who has joined, and what the pulse will be cut by.
  await p
    .getByText(
      `${roster.length} of ${roster.length} members have joined. This pulse will be cut by team (3 groups).`,
    )
    .waitFor()
  await p.getByRole('button', { name: 'Open pulse now' }).click()
  const pulse = p.getByRole('listitem').filter({ has: p.getByText('Open', { exact: true }) })
  await pulse.getByText(`Fewer than 5 of ${roster.length} responded so far`).waitFor()
  await pulse.getByRole('button', { name: 'Close now' }).waitFor()

  const pulses = await (await p.request.get(`/api/surveys/${sid}/pulses`)).json()
  assert.is(pulses.length, 1)
  assert.is(pulses[0].status, 'open')
  e2e.story.pulseId = pulses[0].id
  // The cohorts API.md's rule makes with k = 5: build (6) and care (5) keep their team;
  // outreach (3) and events (2) pool into one cohort of 5 that keeps no attribute.
  const keys = await (await p.request.get(`/api/pulses/${pulses[0].id}/keys`)).json()
  const cohorts = keys
    .map(
      (k: { cohort: { team?: string }; eligible: number }) =>
        `${k.cohort.team ?? '(pool)'}:${k.eligible}`,
    )
    .sort()
  assert.equal(cohorts, ['(pool):5', 'build:6', 'care:5'])
  await visit(p, 'organizer-pulses-open')
})

Organizer.run()

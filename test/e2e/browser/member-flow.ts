// One member on a phone: open the invite link, land on the home page, open the pulse, answer
// every question by its label, read the review, send, and see the receipt.
import type { Page } from 'playwright-core'
import * as assert from 'uvu/assert'
import { e2e, need, newContext, phone, roster, visit } from './harness'

const likert = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
]

export interface MemberRun {
  email: string
  /** Seeds the answers, so members differ. */
  seed: number
  comment?: string
  /** Take screenshots and run axe on every member page (true) or on these. */
  record?: boolean | string[]
  /** Lose the network just before sending, then come back. */
  offline?: boolean
}

// Answers vary by dimension (safety high, voice low), by team (care lower) and by member, so
// the report's charts have something to show.
const tilt = [1, 1, 1, 0, 0, -1, -1, -1, 0, 1]
const teamBias: Record<string, number> = { build: 0, care: -1 }
const likertIndex = (team: string, seed: number, i: number) =>
  Math.min(4, Math.max(0, 2 + tilt[i] + (teamBias[team] ?? 1) + ((seed + i) % 3) - 1))

const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })
const h2 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 2, name })

/**
 * A member opens their invite link on their phone before any pulse is open (cohorts count only
 * members who have joined): the device joins and shows the community with nothing to answer yet.
 * The phone is kept for the member's later steps. `locale` sets the phone's language.
 */
export async function joinOnPhone(
  email: string,
  options: { sharp?: boolean; locale?: string } = {},
) {
  const invite = need(e2e.story.invites?.get(email), `the invite link of ${email}`)
  // Members whose pages are recorded get a sharp (2×) phone screen; the others save the pixels.
  const context = await newContext({
    ...phone,
    deviceScaleFactor: options.sharp ? 2 : 1,
    ...(options.locale ? { locale: options.locale } : {}),
  })
  const page = await context.newPage()
  await page.goto(invite)
  await page.waitForURL('**/m')
  await h1(page, 'Riverside Makers').waitFor()
  assert.not.match(page.url(), /#/, 'the invite key is taken out of the address bar')
  e2e.story.phones ??= new Map()
  e2e.story.phones.set(email, { context, page })
  return page
}

/** Runs the member flow on the phone that joined; resolves with the receipt shown. */
export async function answerPulse(run: MemberRun): Promise<string> {
  const team = need(
    roster.find((m) => m.email === run.email),
    run.email,
  ).team
  const { context, page: p } = need(e2e.story.phones?.get(run.email), `the phone of ${run.email}`)
  const record = (name: string) =>
    run.record === true || (run.record && run.record.includes(name))
      ? visit(p, name)
      : Promise.resolve()

  // Back to the app later, as a member would: the pulse that opened meanwhile is there.
  await p.goto('/m')
  await h1(p, 'Riverside Makers').waitFor()
  const home = p.getByRole('region', { name: 'Open pulses' })
  const item = home
    .getByRole('listitem')
    .filter({ has: p.getByRole('link', { name: 'Trust pulse' }) })
  await item.getByText('Not answered yet').waitFor() // the anonymous token is on the device
  const about = p.getByRole('region', { name: 'What the organizers recorded about you' })
  assert.is(await about.getByRole('definition').textContent(), team)
  await record('member-home')

  await item.getByRole('link', { name: 'Trust pulse' }).click()
  await p.waitForURL(`**/m/pulses/${need(e2e.story.pulseId, 'the pulse')}`)
  await h1(p, 'Trust pulse').waitFor()
  const size = team === 'build' ? 6 : 5
  // outreach (3) and events (2) share the pooled cohort, which keeps no attribute.
  const pooled = team !== 'build' && team !== 'care'
  const group = p.getByText(`Your answers are counted in a group of ${size} people: `)
  await group.waitFor()
  const cohort = pooled
    ? ((await group.textContent()) ?? '').replace(/^.*people: (.*)\.$/, '$1')
    : `team: ${team}`
  if (pooled) e2e.notes.add(`A member of the pooled cohort reads: "${await group.textContent()}"`)
  else
    assert.is(
      await group.textContent(),
      `Your answers are counted in a group of ${size} people: ${cohort}.`,
    )
  const form = p.getByRole('form', { name: 'Your answers' })
  await form.waitFor()

  const questions = form.getByRole('group', { name: /^Question \d+ of \d+/ })
  const total = await questions.count()
  assert.is(total, 12, 'the trust pulse template asks 12 questions')
  const chosen: string[] = []
  for (let i = 0; i < total; i++) {
    const q = questions.nth(i)
    if ((await q.getByRole('radio', { name: 'Strongly agree' }).count()) > 0) {
      const label = likert[likertIndex(team, run.seed, i)]
      await q.getByRole('radio', { name: label, exact: true }).check()
      chosen.push(label)
    } else if ((await q.getByRole('radio', { name: '10', exact: true }).count()) > 0) {
      const value = String((run.seed * 3 + 4) % 11)
      await q.getByRole('radio', { name: value, exact: true }).check()
      chosen.push(`${value} of 10`)
    } else {
      const box = q.getByRole('textbox', { name: /Anything else you would like to share/ })
      if (run.comment) await box.fill(run.comment)
      assert.match((await q.textContent()) ?? '', /\(optional\)/)
    }
  }
  await form.getByText(`${total - (run.comment ? 0 : 1)} of ${total} answered`).waitFor()
  await record('member-pulse-questions')
  await form.getByRole('button', { name: 'Review and send' }).click()

  const review = p.getByRole('region', { name: 'Before you send' })
  await review.waitFor()
  await review.getByRole('heading', { name: 'What organizers will see, and when' }).waitFor()
  const said = (await review.textContent()) ?? ''
  assert.match(said, 'Then only in groups of at least 5 people')
  assert.match(said, 'comments only when at least 10 people answered')
  assert.match(said, `Your group is reported as ${cohort}.`)
  assert.match(said, 'rounded down to a multiple of 5')
  const shown = await review.getByRole('definition').allTextContents()
  assert.equal(shown, chosen, 'the review lists every answer as chosen')
  if (run.comment) {
    // Emails are replaced on the device, as organizers will read them (issue 17).
    const masked = run.comment.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    assert.is(await review.getByRole('blockquote').textContent(), masked)
  }
  await record('member-pulse-review')

  if (run.offline) {
    await context.setOffline(true)
    await review.getByRole('button', { name: 'Send answers' }).click()
    const pending = p.getByRole('region', { name: 'Your answers are saved on this device' })
    await pending.getByRole('status').getByText('There is no connection.').waitFor()
    await pending.getByRole('button', { name: 'Try again now' }).waitFor()
    await record('member-pulse-offline')
    await context.setOffline(false) // the page's "online" listener sends them again
  } else {
    await review.getByRole('button', { name: 'Send answers' }).click()
  }

  const done = p.getByRole('region', { name: 'Thank you, your answers are in' })
  await done.waitFor()
  const receipt = (await done.getByRole('code').textContent()) ?? ''
  assert.match(receipt, /^[A-Za-z0-9_-]{43}$/, 'the receipt is a base64url SHA-256')
  await record('member-pulse-receipt')

  await done.getByRole('link', { name: 'Back to your pulses' }).click()
  await h1(p, 'Riverside Makers').waitFor()
  await item.getByText('Done, thank you').waitFor()
  e2e.story.answered.push({ email: run.email, context, page: p, receipt })
  return receipt
}

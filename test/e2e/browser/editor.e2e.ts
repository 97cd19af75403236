// Scenario 6: the survey editor at the size it was found too long, on a 1280×800 desktop: a
// 12-question survey as compact lines (measured before and after opening one), reordered by
// keyboard and by dragging, the preview brought into view, a survey whose questions are locked
// duplicated, a template previewed before creating from it, and the blank survey's placeholder
// refused until rewritten. Its own community, set up through the API.
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { desktop, e2e, need, newContext, shot, visit } from './harness'

const Editor = suite('editor: a 12-question survey on one screen or two')

const screen = desktop.viewport!
const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })
const kinds = ['likert5', 'likert5', 'yesno', 'scale10', 'choice', 'likert5'] as const
const questions = Array.from({ length: 12 }, (_, i) => {
  const kind = i === 11 ? 'text' : kinds[i % kinds.length]
  return {
    kind,
    prompt: `Statement ${i + 1}: people here ${i % 2 ? 'listen when I raise a concern about how we work together, even when it is uncomfortable' : 'keep their word'}.`,
    ...(kind === 'choice' ? { options: ['Chat', 'Meetings', 'Email'] } : {}),
    ...(kind === 'likert5' ? { dimension: i < 6 ? 'voice' : 'trust in peers' } : {}),
  }
})

let context: BrowserContext | undefined
let p: Page | undefined
let cid = ''
let sid = ''
const page = () => need(p, 'the editor page')

/** A page checked by axe (harness visit) must have no serious or critical violation. */
async function visitClean(p: Page, name: string) {
  await visit(p, name)
  const found = axeFindings.get(name) ?? []
  assert.ok(found.length === 0, `${name}:\n${formatViolations(found)}`)
}

async function api(method: 'post' | 'patch', path: string, body?: unknown) {
  const res = await page().request[method](path, { data: body })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** The prompts in the order the designer shows them. */
const shownPrompts = () =>
  page()
    .locator('.question-line-prompt')
    .allTextContents()
    .then((texts) => texts.map((t) => t.split(':')[0]))
const pageHeight = () => page().evaluate(() => document.documentElement.scrollHeight)
const announced = () =>
  page()
    .locator('[aria-live="polite"]')
    .textContent()
    .then((t) => t?.trim())
/** Waits until the element `id` has focus and its top is within the viewport. */
const focusedInView = (id: string) =>
  page().waitForFunction((id) => {
    const el = document.getElementById(id)
    const top = el?.getBoundingClientRect().top ?? -1
    return document.activeElement === el && top >= 0 && top < innerHeight / 2
  }, id)

Editor('a community of its own with five members and a 12-question survey', async () => {
  context = await newContext(desktop)
  if (e2e.organizer) await context.addCookies(await e2e.organizer.context().cookies())
  p = await context.newPage()
  p.on('dialog', (d) => void d.accept())
  if (!e2e.organizer) {
    // Run alone: this file sets the server up itself.
    const res = await p.request.post('/api/setup', {
      data: { email: 'editor@example.org', password: 'correct horse battery staple' },
    })
    assert.is(res.status(), 201)
  }
  cid = (await api('post', '/api/communities', { name: 'Editor Workshop' })).id
  const members = ['uma', 'vic', 'wes', 'xia', 'yan'].map((n) => ({ email: `${n}@editor.example` }))
  await api('post', `/api/communities/${cid}/members`, { members })
  sid = (
    await api('post', `/api/communities/${cid}/surveys`, { title: 'Twelve questions', questions })
  ).id
})

Editor('the 12 questions are one line each: the survey fits in two screens', async () => {
  const p = page()
  await p.goto(`/surveys/${sid}`)
  await h1(p, 'Design: Twelve questions').waitFor()
  assert.is(await p.locator('.question-row').count(), 12)
  const rows = await p
    .locator('.question-row')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))
  assert.ok(Math.max(...rows) <= 60, `each line at most 60 px high: ${rows.join(', ')}`)
  const compact = await pageHeight()
  assert.ok(compact <= 2 * screen.height, `the compact survey is ${compact} px high`)
  // Each line says number, kind, prompt, dimension and required.
  const first = p.getByRole('button', { name: /^Question 1 Statement 1:/ })
  assert.is(await first.getAttribute('aria-expanded'), 'false')
  const line = await first.textContent()
  for (const part of ['Agreement, 1–5', 'voice', 'required'])
    assert.ok(line?.includes(part), `${part} in “${line}”`)
  assert.ok((await p.locator('#q-11-toggle').textContent())?.includes('optional'))
  await visitClean(p, 'editor-compact')

  // Opening one question shows its editor, and only that one.
  const third = p.getByRole('button', { name: /^Question 3 Statement 3:/ })
  await third.click()
  assert.is(await third.getAttribute('aria-expanded'), 'true')
  const prompt = p.getByRole('textbox', { name: /^Question or statement/ })
  assert.is(await prompt.count(), 1)
  assert.match(await prompt.inputValue(), /^Statement 3:/)
  const opened = await pageHeight()
  assert.ok(opened > compact + 200, `opening one question: ${compact} → ${opened} px`)
  assert.ok(opened <= 3 * screen.height, `with one question open the page is ${opened} px high`)
  await visitClean(p, 'editor-one-open')
  await p.getByRole('button', { name: 'Done with question 3' }).click()
  assert.is(await third.getAttribute('aria-expanded'), 'false')
  assert.is(await pageHeight(), compact)
  // On a phone the lines wrap their tags under the prompt; nothing overflows sideways.
  await p.setViewportSize({ width: 390, height: 844 })
  await shot(p, 'editor-phone')
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - innerWidth)
  const wide = await p.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName}.${el.className}`)
      .join(', '),
  )
  assert.ok(overflow <= 0, `the designer is ${overflow} px wider than a phone: ${wide}`)
  await p.setViewportSize(screen)
})

Editor('questions move by keyboard, announced, and focus follows them', async () => {
  const p = page()
  await p.locator('#q-0-down').focus()
  await p.keyboard.press('Enter')
  await p.waitForFunction(() => document.activeElement?.id === 'q-1-down')
  assert.equal((await shownPrompts()).slice(0, 3), ['Statement 2', 'Statement 1', 'Statement 3'])
  await p.waitForFunction(() =>
    document.querySelector('[aria-live="polite"]')?.textContent?.includes('position 2'),
  )
  assert.is(await announced(), 'question 1 moved to position 2 of 12')
  await p.keyboard.press('Enter') // the same button again moves it on
  await p.waitForFunction(() => document.activeElement?.id === 'q-2-down')
  assert.equal((await shownPrompts()).slice(0, 3), ['Statement 2', 'Statement 3', 'Statement 1'])

  // Alt with an arrow key (or Home / End) on a question's line.
  await p.locator('#q-2-toggle').focus()
  await p.keyboard.press('Alt+Home')
  await p.waitForFunction(() => document.activeElement?.id === 'q-0-toggle')
  await p.keyboard.press('Alt+ArrowDown')
  await p.waitForFunction(() => document.activeElement?.id === 'q-1-toggle')
  assert.equal((await shownPrompts()).slice(0, 3), ['Statement 2', 'Statement 1', 'Statement 3'])
  await p.waitForFunction(() =>
    document.querySelector('[aria-live="polite"]')?.textContent?.includes('to position 2'),
  )
})

Editor('a question can be dragged by its handle, and the new order saves', async () => {
  const p = page()
  // The whole list is on the screen at once: drag the last question to the top.
  await p
    .locator('#questions-heading')
    .evaluate((h) => h.scrollIntoView({ block: 'start', behavior: 'instant' }))
  const handle = p.locator('.question-row').nth(11).locator('.drag-handle')
  const from = need((await handle.boundingBox()) ?? undefined, 'the handle')
  const to = need(
    (await p.locator('.question-row').first().boundingBox()) ?? undefined,
    'the first row',
  )
  await p.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await p.mouse.down()
  await p.mouse.move(from.x + from.width / 2, to.y + 5, { steps: 25 })
  await p.mouse.up()
  const order = await shownPrompts()
  assert.is(order[0], 'Statement 12')
  await p.waitForFunction(() =>
    document.querySelector('[aria-live="polite"]')?.textContent?.includes('question 12'),
  )
  assert.is(await announced(), 'question 12 moved to position 1 of 12')
  await p.getByRole('button', { name: 'Save survey' }).click()
  await p.getByText('Survey saved.').waitFor()
  const saved = await (await p.request.get(`/api/surveys/${sid}`)).json()
  assert.equal(
    saved.questions.map((q: { prompt: string }) => q.prompt.split(':')[0]),
    order,
  )
})

Editor('the preview opens in view, with focus on its heading', async () => {
  const p = page()
  await p.evaluate(() => scrollTo({ top: 0, behavior: 'instant' }))
  await p.getByRole('button', { name: 'Preview', exact: true }).click()
  await focusedInView('preview-heading')
  assert.is(
    await p.locator(':focus').textContent(),
    'Preview as a member',
    'focus is on the heading',
  )
  await visitClean(p, 'editor-preview')
  await p.getByRole('button', { name: 'Hide preview' }).last().click()
  await p.waitForFunction(() => document.activeElement?.id === 'preview-toggle')
})

Editor('a survey whose questions are locked can be duplicated into an editable copy', async () => {
  const p = page()
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  const pulse = await api('post', `/api/surveys/${sid}/pulses`, { closesAt })
  assert.is(pulse.status, 'open')
  await p.reload()
  await h1(p, 'Design: Twelve questions').waitFor()
  await p.getByText('A pulse of this survey has opened, so its questions are fixed').waitFor()
  assert.is(await p.locator('.question-row').count(), 0, 'the locked questions are read-only')
  const original = await (await p.request.get(`/api/surveys/${sid}`)).json()
  await visitClean(p, 'editor-locked')
  await p.getByRole('button', { name: 'Duplicate survey' }).click()
  await h1(p, 'Design: Twelve questions (copy)').waitFor()
  const copyId = new URL(p.url()).pathname.split('/')[2]
  assert.is.not(copyId, sid)
  assert.is(await p.locator('.question-row').count(), 12, 'the copy is editable')
  assert.equal(
    await shownPrompts(),
    original.questions.map((q: { prompt: string }) => q.prompt.split(':')[0]),
  )
  await visitClean(p, 'editor-copy')
})

Editor('a template can be previewed, read-only, before creating a survey from it', async () => {
  const p = page()
  await p.goto(`/communities/${cid}/surveys/new`)
  await h1(p, 'New survey').waitFor()
  const [trust] = (await (await p.request.get('/api/templates')).json()).filter(
    (t: { id: string }) => t.id === 'trust-pulse',
  )
  await p.getByRole('button', { name: 'Preview questions of Trust pulse' }).click()
  await focusedInView('preview-heading')
  assert.is(await p.locator(':focus').textContent(), 'Questions of “Trust pulse”')
  const preview = p.locator('#template-preview')
  assert.is(await preview.locator('.question').count(), trust.questions.length)
  assert.is(await preview.locator('input:enabled, textarea:enabled').count(), 0, 'read-only')
  await preview.getByText(trust.questions[0].prompt).waitFor()
  await visitClean(p, 'editor-template-preview')
  await p.getByRole('button', { name: 'Create from this template' }).click()
  await h1(p, 'Design: Trust pulse').waitFor()
})

Editor(
  'the blank survey’s placeholder is flagged in the designer and refused for a pulse',
  async () => {
    const p = page()
    await p.goto(`/communities/${cid}/surveys/new`)
    await h1(p, 'New survey').waitFor()
    await p.getByRole('radio', { name: 'Blank survey' }).check()
    await p.getByRole('textbox', { name: /^Title/ }).fill('From scratch')
    await p.getByRole('button', { name: 'Create and edit' }).click()
    await h1(p, 'Design: From scratch').waitFor()
    await p
      .getByText('Question 1 still says “Write your first statement here”. Rewrite it:')
      .waitFor()
    // The placeholder opens by itself, to be rewritten.
    const prompt = p.getByRole('textbox', { name: /^Question or statement/ })
    assert.is(await prompt.inputValue(), 'Write your first statement here')
    await visitClean(p, 'editor-placeholder')
    const blank = new URL(p.url()).pathname.split('/')[2]
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const refused = await p.request.post(`/api/surveys/${blank}/pulses`, { data: { closesAt } })
    assert.is(refused.status(), 422)
    assert.equal(
      (await refused.json()).errors.map((e: { path: string }) => e.path),
      ['questions.0.prompt'],
    )
    await prompt.fill('I know what is expected of me here.')
    assert.is(await p.locator('#placeholder-notice').count(), 0)
    await p.getByRole('button', { name: 'Save survey' }).click()
    await p.getByText('Survey saved.').waitFor()
    const opened = await p.request.post(`/api/surveys/${blank}/pulses`, { data: { closesAt } })
    assert.is(opened.status(), 201)
  },
)

Editor.after(async () => {
  await context?.close()
})

Editor.run()

// Scenario: "you said, we did" (issue 19), in a community of its own set up through the API. The
// organizer plans an action from a report (prefilled with the question), sets it in progress and
// adds an update; the designer names the follow-up question the next pulse will carry. A member
// on a phone sees the action on their home page (in English and German), answers the next pulse
// with its follow-up question, and after the pulse is shared reads how it is going.
import { randomBytes } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createMemberApi } from '../../../web/member/api'
import { responseBody } from '../../../web/member/protocol'
import { finalizeToken, prepareToken } from '../../../web/member/token-client'
import { axeFindings, formatViolations } from './a11y'
import { e2e, need, newContext, phone, visit as visitPage } from './harness'

const Actions = suite('actions: you said, we did')

const community = 'Harbour Choir'
const title = 'Start rehearsals on time'
const followUp = `Has '${title}' made a difference for you?`
const opened: BrowserContext[] = []
let cid = ''
let sid = ''
let qid = ''
let actionId = ''
let secondPulse = ''
/** Members who joined through the API (their keys), answering from this process. */
const keys: string[] = []
let nia: Page | undefined

const visited: string[] = []
const visit = (p: Page, name: string) => (visited.push(name), visitPage(p, name))
const organizer = () => need(e2e.organizer, 'the organizer page')
const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })

async function api(method: 'get' | 'post' | 'patch', path: string, data?: unknown) {
  const res = await organizer().request[method](path, data === undefined ? undefined : { data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** A member who joined through the API answers `pid` from this process, as the member page does. */
async function answerAsMember(memberKey: string, pid: string, value: (qid: string) => number) {
  const member = createMemberApi({ baseUrl: e2e.baseUrl, memberKey: () => memberKey })
  const entry = need(
    (await member.myPulses()).find((p) => p.pulse.id === pid),
    'the pulse among the member’s',
  )
  const prepared = await prepareToken(entry.key.publicKey)
  const { blindSig } = await member.issue(pid, prepared.blindedMsg)
  const signed = await finalizeToken(prepared, entry.key.publicKey, blindSig)
  const questions = [
    ...entry.survey.questions,
    ...(entry.pulse.followUps ?? []).map((f) => f.question),
  ]
  const answers = questions.map((q) => ({ questionId: q.id, value: value(q.id) }))
  await member.submit(pid, responseBody(entry.key.keyId, signed, answers))
}

const closesAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString()

Actions('a community whose members joined, a survey, and a first pulse closed', async () => {
  cid = (await api('post', '/api/communities', { name: community, minGroupSize: 3 })).id
  const emails = ['nia', 'oli', 'pam', 'quy'].map((n) => `${n}@harbour.example`)
  const imported = await api('post', `/api/communities/${cid}/members`, {
    members: emails.map((email) => ({ email })),
  })
  for (const m of imported.members.slice(1)) {
    const memberKey = randomBytes(32).toString('base64url')
    const inviteKey = new URL(m.inviteUrl).hash.slice(1)
    await api('post', '/api/join', { inviteKey, memberKey })
    keys.push(memberKey)
  }
  // Nia opens her invitation on her phone before any pulse opens (cohorts count joined members).
  const context = await newContext({ ...phone, deviceScaleFactor: 2 })
  opened.push(context)
  nia = await context.newPage()
  await nia.goto(imported.members[0].inviteUrl)
  await h1(nia, community).waitFor()

  const survey = await api('post', `/api/communities/${cid}/surveys`, {
    title: 'Choir check-in',
    questions: [{ kind: 'likert5', prompt: 'Rehearsals start on time.', dimension: 'time' }],
  })
  ;[sid, qid] = [survey.id, survey.questions[0].id]
  const first = await api('post', `/api/surveys/${sid}/pulses`, { closesAt: closesAt() })
  for (const key of keys) await answerAsMember(key, first.id, () => 2)
  await api('post', `/api/pulses/${first.id}/close`)
  await api('post', `/api/pulses/${first.id}/share`)
})

Actions('the organizer plans an action from the report, prefilled with its question', async () => {
  const p = organizer()
  const [closed] = await api('get', `/api/surveys/${sid}/pulses`)
  await p.goto(`/pulses/${closed.id}/report`)
  await h1(p, 'Report: Choir check-in').waitFor()
  await p.getByRole('link', { name: 'Plan an action on Q1' }).click()
  await h1(p, 'New action').waitFor()
  assert.is(await p.getByLabel('Survey').inputValue(), sid)
  assert.is(await p.getByLabel('Question (optional)').inputValue(), qid)
  await p.getByRole('textbox', { name: /^Title/ }).fill(title)
  await p
    .getByLabel('What will change')
    .fill('The door opens at 18:45, and we start at 19:00 whoever is there.')
  await p.getByLabel('Status').selectOption('in progress')
  await visit(p, 'organizer-action-new')
  await p.getByRole('button', { name: 'Create the action' }).click()
  await h1(p, `${community}: actions`).waitFor()
  const card = p.getByRole('article', { name: title })
  await card.getByText('In progress', { exact: true }).first().waitFor()
  await card.getByText('Answers “Rehearsals start on time.”', { exact: false }).waitFor()
  const [action] = await api('get', `/api/communities/${cid}/actions`)
  actionId = action.id
  assert.is(action.questionId, qid)
})

Actions('the organizer adds a dated update by keyboard; it is announced', async () => {
  const p = organizer()
  const card = p.getByRole('article', { name: title })
  const field = card.getByRole('textbox', { name: `New update on ${title}` })
  await field.fill('New door code sent round; two rehearsals started on the dot.')
  await field.press('Enter')
  await card.getByText('two rehearsals started on the dot', { exact: false }).waitFor()
  await p.getByText('Update added.').waitFor({ state: 'attached' })
  await visit(p, 'organizer-actions')
})

Actions('the designer names the follow-up question the next pulse will carry', async () => {
  const p = organizer()
  await p.goto(`/surveys/${sid}`)
  const section = p.getByRole('region', { name: 'Follow-up questions on the next pulse' })
  await section.getByText(followUp).waitFor()
  await section.scrollIntoViewIfNeeded()
  await visit(p, 'organizer-designer-follow-ups')
})

Actions('the member sees the action on her home page, in English and German', async () => {
  const p = need(nia, "nia's phone")
  await p.reload()
  const region = p.getByRole('region', { name: 'What is being done' })
  const item = region.getByRole('listitem').filter({ hasText: title })
  await item.getByText('In progress', { exact: false }).waitFor()
  await item.getByText('“Rehearsals start on time.”').waitFor()
  await item.getByText('two rehearsals started on the dot', { exact: false }).waitFor()
  await item.scrollIntoViewIfNeeded()
  await visit(p, 'member-actions-home')
  await p.getByLabel('Language').selectOption('de')
  await p.getByRole('region', { name: 'Was sich tut' }).getByText('In Arbeit').first().waitFor()
  await visit(p, 'member-actions-home-de')
  await p.getByLabel('Sprache').selectOption('en')
})

Actions('the next pulse asks her whether it made a difference; she answers it', async () => {
  const p = need(nia, "nia's phone")
  secondPulse = (await api('post', `/api/surveys/${sid}/pulses`, { closesAt: closesAt() })).id
  await p.reload()
  await p.getByRole('link', { name: /Answer now/ }).click()
  const form = p.getByRole('form', { name: 'Your answers' })
  const question = form.getByRole('group', { name: new RegExp(followUp.replace(/[?']/g, '.')) })
  await question.waitFor()
  await visit(p, 'member-follow-up-question')
  await form
    .getByRole('group', { name: /Rehearsals start on time/ })
    .getByRole('radio', { name: 'Agree', exact: true })
    .check()
  await question.getByRole('radio', { name: 'Strongly agree', exact: true }).check()
  await form.getByRole('button', { name: 'Review and send' }).click()
  const review = p.getByRole('region', { name: 'Before you send' })
  await review.getByText(followUp).waitFor()
  await review.getByRole('button', { name: 'Send answers' }).click()
  await p.getByRole('region', { name: /Thank you/ }).waitFor()
})

Actions('once the pulse is shared, the action says how it is going', async () => {
  for (const key of keys) await answerAsMember(key, secondPulse, (id) => (id === qid ? 4 : 5))
  await api('post', `/api/pulses/${secondPulse}/close`)
  await api('post', `/api/pulses/${secondPulse}/share`)
  const p = need(nia, "nia's phone")
  await p.goto('/m')
  const item = p
    .getByRole('region', { name: 'What is being done' })
    .getByRole('listitem')
    .filter({ hasText: title })
  await item.getByText(/100% agree it made a difference/).waitFor()
  await item.scrollIntoViewIfNeeded()
  await visit(p, 'member-actions-result')
  // Beside the shared results, the action answering the survey is named.
  await p.getByText('What is being done about this:').first().waitFor()

  const o = organizer()
  await o.goto(`/communities/${cid}/actions`)
  const card = o.getByRole('article', { name: title })
  await card.getByText(/100% agree it made a difference/).waitFor()
  await card.getByLabel('Status').selectOption('done')
  await card.getByRole('button', { name: `Save status of ${title}` }).click()
  await o.getByRole('region', { name: 'Done' }).getByRole('article', { name: title }).waitFor()
  await visit(o, 'organizer-actions-done')
  const saved = await api('get', `/api/actions/${actionId}`)
  assert.is(saved.status, 'done')
})

Actions('the trend charts mark when the action started and ended', async () => {
  const o = organizer()
  await o.goto(`/surveys/${sid}/dashboard`)
  const marks = o.locator('.mark-list').first()
  await marks.getByText(`“${title}” started`, { exact: false }).waitFor()
  await marks.getByText(`“${title}” done`, { exact: false }).waitFor()
  await visit(o, 'organizer-dashboard-action-marks')
})

Actions('axe finds no serious or critical violation on any of these pages', () => {
  for (const name of visited) {
    const violations = need(axeFindings.get(name), `axe on ${name}`)
    assert.is(violations.length, 0, `${name}:\n${formatViolations(violations)}`)
  }
})

Actions.after(async () => {
  for (const context of opened) await context.close()
})

Actions.run()

// Scenario: answered comments (issue 19, part 2) on a 390×844 phone, in a reading club of its own
// set up through the API. Sam answers on the phone with a comment; four others answer through
// the blind-token protocol from here. The organizer replies to Sam's comment and hides another
// on the report page; Sam reads the reply and answers back anonymously: the follow-up waits on
// the phone (across a reload), goes without credentials after its random delay, and appears after
// the batch release. Every request the phone makes is inspected: no reply secret or hash ever
// travels under the member key. Then in German, and "forget my comments".
import { createHash, randomBytes } from 'node:crypto'
import type { APIRequestContext, BrowserContext, Page, Request } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { DemoApp } from '../../../api/demo/caller'
import type { DemoPerson } from '../../../api/demo/data'
import { answerAsMember, type DemoMember } from '../../../api/demo/member'
import { inThreadCrypto } from '../../../api/demo/member-crypto'
import { desktop, e2e, need, newContext, phone, visit } from './harness'
import { releaseCommand } from './threads-support'

const Threads = suite('threads: an organizer replies, the writer answers back anonymously')

const club = 'Lakeside Readers'
const sam = 'sam.rivera@lakeside.example'
const others: [string, string][] = [
  ['ana.lopez@lakeside.example', 'Ana Lopez'],
  ['ben.okafor@lakeside.example', 'Ben Okafor'],
  ['chen.wu@lakeside.example', 'Chen Wu'],
  ['dara.kim@lakeside.example', 'Dara Kim'],
]
const samSays = 'Could we pick shorter books in winter?'
const othersSay = [
  'The tea is great.',
  'Meetings start too late for me.',
  'Ben Okafor talks over everyone.',
  'More poetry, please.',
]
const reply = 'Good idea: we will try two shorter books this winter. Which ones would you like?'
const answerBack = 'Anything under 200 pages. Thank you for asking!'

let organizer: APIRequestContext | undefined
let cid = ''
let pid = ''
let phoneContext: BrowserContext | undefined
let p: Page | undefined
const opened: BrowserContext[] = []
/** Every request Sam's phone made. */
const requests: Request[] = []

const page = () => need(p, "Sam's phone")
const http = {
  request: (path: string, init?: RequestInit) => fetch(e2e.baseUrl + path, init),
} as unknown as DemoApp

async function api(method: 'get' | 'post', path: string, data?: unknown) {
  const request = need(organizer, 'the organizer')
  const res = await request[method](path, data === undefined ? undefined : { data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** What Sam's phone holds in its store. */
const stored = async () =>
  JSON.parse((await page().evaluate(() => localStorage.getItem('trustpulse.member'))) ?? '{}')

/** The shared results' comments on the phone, opened. */
async function openComments() {
  const pg = page()
  await pg.goto('/m')
  const shared = pg.getByRole('region', { name: /Shared results|Geteilte Ergebnisse/ })
  const latest = shared.getByRole('article').first()
  await latest.locator('.result-comments summary').first().click()
  await latest.locator('.threads').waitFor()
  return latest
}

Threads('a club of five answers, Sam on the phone with a comment; closed and shared', async () => {
  if (e2e.organizer) organizer = e2e.organizer.request
  else {
    const context = await newContext(desktop)
    opened.push(context)
    organizer = context.request
    await api('post', '/api/setup', { email: 'host@lakeside.example', password: 'read it again' })
  }
  cid = (
    await api('post', '/api/communities', {
      name: club,
      minGroupSize: 5,
      minCommentGroupSize: 5,
    })
  ).id
  const imported = await api('post', `/api/communities/${cid}/members`, {
    members: [[sam, 'Sam Rivera'], ...others].map(([email, name]) => ({ email, name })),
  })
  const invite = (email: string) =>
    imported.members.find((m: { email: string }) => m.email === email).inviteUrl as string
  const readers: DemoMember[] = []
  for (const [email, name] of others) {
    const inviteKey = new URL(invite(email)).hash.slice(1)
    const memberKey = randomBytes(32).toString('base64url')
    await api('post', '/api/join', { inviteKey, memberKey })
    const [first, last] = name.split(' ')
    const person = { first, last, team: 'build', tenure: '<1 year' } as DemoPerson
    readers.push({ person, mood: { offset: 0, propensity: 1 }, inviteKey, memberKey })
  }
  phoneContext = await newContext({ ...phone, deviceScaleFactor: 2 })
  opened.push(phoneContext)
  phoneContext.on('request', (r) => void requests.push(r))
  p = await phoneContext.newPage()
  await page().goto(invite(sam))
  await page().waitForURL('**/m')

  const survey = await api('post', `/api/communities/${cid}/surveys`, {
    title: 'Club check-in',
    questions: [
      { kind: 'likert5', prompt: 'I feel welcome at our meetings.' },
      { kind: 'choice', prompt: 'Which evening suits you best?', options: ['Tuesday', 'Thursday'] },
      { kind: 'text', prompt: 'What would make our meetings better?', required: false },
    ],
  })
  const [likert, choice, text] = survey.questions.map((q: { id: string }) => q.id)
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  pid = (await api('post', `/api/surveys/${survey.id}/pulses`, { closesAt })).id

  const pg = page()
  await pg.goto(`/m/pulses/${pid}`)
  const form = pg.getByRole('form', { name: 'Your answers' })
  await form.getByRole('radio', { name: 'Agree', exact: true }).check()
  await form.getByRole('radio', { name: 'Thursday' }).check()
  await form.getByRole('textbox', { name: /What would make our meetings better/ }).fill(samSays)
  await form.getByRole('button', { name: 'Review and send' }).click()
  await pg
    .getByRole('region', { name: 'Before you send' })
    .getByRole('button', { name: 'Send answers' })
    .click()
  await pg.getByRole('region', { name: 'Thank you, your answers are in' }).waitFor()
  const secrets = Object.values((await stored()).replies.secrets[pid]) as string[]
  assert.is(secrets.length, 1, 'one secret for the one comment, kept on the phone')

  const crypto = inThreadCrypto()
  for (const [i, reader] of readers.entries())
    await answerAsMember(http, crypto, reader, pid, [
      { questionId: likert, value: 2 + i },
      { questionId: choice, value: i % 2 ? 'Tuesday' : 'Thursday' },
      { questionId: text, value: othersSay[i] },
    ])
  await api('post', `/api/pulses/${pid}/close`)
  await api('post', `/api/pulses/${pid}/share`)
})

Threads('the organizer replies to Sam’s comment and hides one that names a member', async () => {
  const context = await newContext(desktop)
  opened.push(context)
  if (e2e.organizer) await context.addCookies(await e2e.organizer.context().cookies())
  else
    await context.addCookies(
      await need(organizer, 'the organizer')
        .storageState()
        .then((s) => s.cookies),
    )
  const o = await context.newPage()
  await o.goto(`/pulses/${pid}/report`)
  const block = o.getByRole('article', { name: /What would make our meetings better/ })
  const samsThread = block.getByRole('listitem').filter({ hasText: samSays })
  await samsThread.getByText('Reply', { exact: true }).click()
  await samsThread.getByRole('textbox', { name: 'Your reply' }).fill(reply)
  await samsThread.getByRole('button', { name: 'Send reply' }).click()
  await samsThread.getByText(reply).waitFor()
  // Names known to trustpulse are redacted in the comment already; the organizer hides it anyway.
  const rude = block.getByRole('listitem').filter({ hasText: 'talks over everyone' })
  await rude.getByText('Hide…').click()
  await rude
    .getByRole('textbox', { name: 'Why (shown in its place)' })
    .fill('Personal remarks about a member.')
  await rude.getByRole('button', { name: 'Hide', exact: true }).click()
  await block.getByText('Hidden by the organizers: Personal remarks about a member.').waitFor()
  await visit(o, 'threads-organizer-report')
})

Threads('Sam reads the reply, marked as their own comment only on this phone', async () => {
  const latest = await openComments()
  const mine = latest.locator('.thread.mine')
  assert.is(await mine.count(), 1, 'exactly one comment is marked as Sam’s')
  await mine.getByText(samSays).waitFor()
  await mine.getByText(reply).waitFor()
  await mine.getByText('You wrote this. Only this device can tell.').waitFor()
  await latest.getByText('Hidden by the organizers: Personal remarks about a member.').waitFor()
  assert.is(
    await latest.getByText('talks over everyone').count(),
    0,
    'the hidden comment is not shown',
  )
  await visit(page(), 'threads-member-reply')
})

Threads(
  'Sam answers back: warned first, queued across a reload, sent without credentials',
  async () => {
    const pg = page()
    const latest = await openComments()
    const mine = latest.locator('.thread.mine')
    await mine.getByText('Answer back anonymously').click()
    await mine
      .getByText('the more you write, the easier your writing style is to recognise')
      .waitFor()
    await mine.getByRole('textbox', { name: 'Your answer' }).fill(answerBack)
    await visit(pg, 'threads-member-answer-back')
    await mine.getByRole('button', { name: 'Send anonymously' }).click()
    await mine.getByText(/Waiting on this device/).waitFor()
    const queued = (await stored()).replies.queue
    assert.is(queued.length, 1)
    assert.ok(queued[0].sendAfter - Date.now() >= 100_000, 'sent later, not now')

    // The queue survives a reload; the phone's clock then runs past the random delay.
    await pg.clock.install()
    const again = await openComments()
    await again
      .locator('.thread.mine')
      .getByText(/Waiting on this device/)
      .waitFor()
    const sent = pg.waitForRequest((r) => r.url().endsWith('/api/follow-ups'))
    // A jump, not a run: the request's own 30 s timeout must not race through the fake time.
    await pg.clock.fastForward(35 * 60_000)
    const request = await sent
    assert.is(await request.headerValue('authorization'), null, 'no member key')
    assert.is(await request.headerValue('cookie'), null, 'no cookie')
    assert.equal(JSON.parse(request.postData() ?? '{}').text, answerBack)
    assert.is((await request.response())?.status(), 202)
    await again
      .locator('.thread.mine')
      .getByText('Sent. Your answer appears here with the next daily release.')
      .waitFor()
  },
)

Threads('after the batch release the follow-up appears; in German too', async () => {
  assert.match(await releaseCommand(), '1 follow-up released')
  const latest = await openComments()
  const mine = latest.locator('.thread.mine')
  await mine.locator('.thread-author').getByText(answerBack).waitFor()
  await mine.locator('.thread-author').getByText('You').waitFor()
  await visit(page(), 'threads-member-follow-up')

  const pg = page()
  await pg.getByRole('combobox', { name: /Language|Sprache/ }).selectOption('de')
  // Remembered once its catalog is in: only then may the page be opened again.
  await pg.getByRole('heading', { name: 'Geteilte Ergebnisse' }).waitFor()
  const german = await openComments()
  await german.getByText('Das hast du geschrieben. Nur dieses Gerät weiß das.').waitFor()
  await german
    .getByText('Vom Organisationsteam ausgeblendet: Personal remarks about a member.')
    .waitFor()
  await visit(pg, 'threads-member-german')
  await pg.getByRole('combobox', { name: /Language|Sprache/ }).selectOption('en')
  await pg.getByRole('heading', { name: 'Shared results' }).waitFor()
})

Threads('no reply secret or hash ever travels under the member key', async () => {
  const secrets = Object.values((await stored()).replies.secrets[pid]) as string[]
  const hashes = secrets.map((s) =>
    createHash('sha256').update(Buffer.from(s, 'base64url')).digest('base64url'),
  )
  const signedIn = []
  for (const r of requests) {
    const headers = await r.allHeaders()
    const carried = `${r.url()} ${r.postData() ?? ''}`
    if (headers.authorization) {
      signedIn.push(r.url())
      for (const v of [...secrets, ...hashes])
        assert.not.ok(carried.includes(v), `${r.method()} ${r.url()}`)
    } else if (carried.includes(hashes[0]))
      assert.ok(
        r.url().endsWith(`/api/pulses/${pid}/responses`),
        'the hash goes with the response only',
      )
  }
  assert.ok(signedIn.length > 3, 'the scan saw the signed-in calls')
  const follow = requests.filter((r) => r.url().endsWith('/api/follow-ups'))
  assert.is(follow.length, 1)
})

Threads(
  '"forget my comments" leaves this phone unable to tell which comment was Sam’s',
  async () => {
    const latest = await openComments()
    await latest.getByRole('button', { name: 'Forget my comments on this device' }).click()
    await latest.getByRole('button', { name: 'Forget them' }).click()
    assert.is(await latest.locator('.thread.mine').count(), 0)
    assert.is((await stored()).replies, undefined)
    await visit(page(), 'threads-member-forgotten')
    for (const c of opened) await c.close()
  },
)

Threads.run()

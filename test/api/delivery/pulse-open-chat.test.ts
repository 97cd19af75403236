// The pulse-open chat message is a broadcast: everyone in the channel reads the same pulse
// fingerprint and log head, and its link carries the fingerprint (`#fp=`) for the member page to
// compare. Emails go to one person each and pass through organizers: they carry neither.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { normalizeFingerprint } from '../../../api/privacy/fingerprint'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { localWebhooks, settle, webhookReceiver } from '../../helpers/delivery'
import { communityWith, expectStatus, pulseOf, surveyIn, teamMembers } from '../../helpers/fixtures'
import { setupOwner, type Agent } from '../../helpers/http'

type Receiver = Awaited<ReturnType<typeof webhookReceiver>>
const test = suite<{ hooks: Receiver }>(
  'delivery: the pulse-open chat message carries the fingerprint',
)
test.before.each(async (ctx) => {
  ctx.hooks = await webhookReceiver()
})
test.after.each(async (ctx) => ctx.hooks.close())

const slackSecret = '/services/T000/B000/XXXXsecretpart1234'

/** A community with two teams of joined members, a Slack webhook, and a survey. */
async function community(t: TestApp, hooks: Receiver) {
  const owner = await setupOwner(t)
  const c = await communityWith(owner, {
    attributes: ['team'],
    members: teamMembers(2, 5),
    joined: true,
  })
  expectStatus(
    await owner.put(`/api/communities/${c.id}/chat/slack`, { url: hooks.base + slackSecret }),
    200,
  )
  return { owner, cid: c.id, survey: await surveyIn(owner, c.id) }
}

/** The pulse's messages in the outbox: its chat message and its emails. */
async function messages(owner: Agent, cid: string, pulseId: string) {
  const list = expectStatus(
    await owner.get(`/api/communities/${cid}/outbox?kind=pulse-open&limit=200`),
    200,
  ).body.messages
  const page = `https://pulse.example/m/pulses/${pulseId}`
  return {
    chat: list.filter((m: any) => m.channel === 'slack'),
    emails: list.filter((m: any) => m.channel === 'email'),
    page,
  }
}

for (const [how, inlineKeyLimit] of [
  ['opened at once', 10],
  ['opened once its keys were made', 1],
] as const) {
  test(`${how}: the chat message and its link carry the fingerprint and the log head; emails do not`, async ({
    hooks,
  }) => {
    const t = await testApp({ chatUrlAllowed: localWebhooks, inlineKeyLimit })
    const { owner, cid, survey } = await community(t, hooks)
    const opened = await pulseOf(owner, survey.id)
    await settle(t.tasks)
    await runScheduler(t.deps) // announces a pulse whose keys were made in the background
    await settle(t.tasks)
    const pulse = expectStatus(await owner.get(`/api/pulses/${opened.id}`), 200).body
    assert.match(pulse.fingerprint, /^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/)
    const log = expectStatus(await owner.get(`/api/communities/${cid}/log`), 200).body
    const { chat, emails, page } = await messages(owner, cid, pulse.id)
    const link = `${page}#fp=${normalizeFingerprint(pulse.fingerprint)}`
    assert.is(link.length, page.length + 4 + 16)
    assert.is(chat.length, 1)
    assert.is(chat[0].link, link)
    assert.ok(chat[0].text.includes(`Members answer here: ${link} `), chat[0].text)
    assert.ok(chat[0].text.includes(`Fingerprint: ${pulse.fingerprint} `), chat[0].text)
    assert.ok(chat[0].text.includes(`Log head: ${log.head.hash.slice(0, 16)}.`), chat[0].text)
    const posted = hooks.received.find(
      (h) => h.path === slackSecret && h.body.text.includes('is open'),
    )
    assert.is(posted?.body.text, chat[0].text)
    assert.is(emails.length, 10)
    for (const m of emails) {
      assert.is(m.link, page)
      assert.not.ok(m.text.includes('#fp='), 'no fingerprint in the link')
      assert.not.ok(m.text.includes(pulse.fingerprint), 'no fingerprint in the text')
      assert.not.ok(m.text.includes(log.head.hash.slice(0, 16)), 'no log head')
    }
  })
}

test.run()

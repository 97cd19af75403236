import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { localWebhooks, settle, webhookReceiver } from '../../helpers/delivery'
import {
  assertProblem,
  communityWith,
  expectStatus,
  outsider,
  rows,
  surveyIn,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import { answerPulse, openPulseWithMembers, query, validAnswers } from '../../helpers/protocol'

type Receiver = Awaited<ReturnType<typeof webhookReceiver>>
const test = suite<{ hooks: Receiver; t: TestApp; owner: Agent; cid: string }>(
  'delivery: chat webhooks and the outbox',
)
test.before.each(async (ctx) => {
  ctx.hooks = await webhookReceiver()
  ctx.t = await testApp({ chatUrlAllowed: localWebhooks })
  ctx.owner = await setupOwner(ctx.t)
})
test.after.each(async (ctx) => ctx.hooks.close())

const slackSecret = '/services/T000/B000/XXXXsecretpart1234'
const teamsSecret = '/webhookb2/abc@def/IncomingWebhook/9f8e7d/secretpartzz99'

test('a webhook address is stored sealed and only ever shown masked', async ({
  hooks,
  t,
  owner,
}) => {
  const { id } = await communityWith(owner)
  const url = hooks.base + slackSecret
  const res = await owner.put(`/api/communities/${id}/chat/slack`, { url })
  assert.is(res.status, 200)
  assert.equal(res.body, { kind: 'slack', url: `${hooks.base}/…1234` })
  const settings = expectStatus(await owner.get(`/api/communities/${id}/delivery`), 200)
  assert.equal(settings.body, {
    reminderAudience: 'everyone',
    reminderLeadHours: 24,
    email: null,
    chat: { slack: `${hooks.base}/…1234`, teams: null },
  })
  const [stored] = await query(t, 'select * from chat_webhooks')
  assert.not.ok(
    JSON.stringify(stored).includes('secretpart'),
    'the database holds no readable address',
  )
  assert.not.ok(settings.text.includes('secretpart'))
})

test('webhook routes: owner only, 401 / 404 / 403, and an address that is not a webhook is 422 with nothing written', async ({
  hooks,
  t,
  owner,
}) => {
  const { id } = await communityWith(owner)
  const organizer = await teammate(owner, id, 'organizer')
  const stranger = await outsider(owner)
  const body = { url: hooks.base + slackSecret }
  assertProblem(await new Agent(t).put(`/api/communities/${id}/chat/slack`, body), 401)
  assertProblem(await stranger.put(`/api/communities/${id}/chat/slack`, body), 404)
  assertProblem(await organizer.put(`/api/communities/${id}/chat/slack`, body), 403)
  assertProblem(await organizer.delete(`/api/communities/${id}/chat/slack`), 403)
  assertProblem(await owner.put(`/api/communities/${id}/chat/irc`, body), 404)
  assertProblem(await owner.put(`/api/communities/${id}/chat/slack`, { url: 'not a url' }), 422, [
    'url',
  ])
  assertProblem(await owner.put(`/api/communities/${id}/chat/slack`, { url: 42 }), 422, ['url'])
  assert.is(await rows(t, 'chat_webhooks'), 0)
  // The default rule: https on the service's own hosts only.
  const strict = await testApp()
  const strictOwner = await setupOwner(strict)
  const other = await communityWith(strictOwner)
  assertProblem(await strictOwner.put(`/api/communities/${other.id}/chat/slack`, body), 422, [
    'url',
  ])
  assertProblem(
    await strictOwner.put(`/api/communities/${other.id}/chat/slack`, {
      url: 'https://evil.example/services/x',
    }),
    422,
    ['url'],
  )
  expectStatus(
    await strictOwner.put(`/api/communities/${other.id}/chat/slack`, {
      url: 'https://hooks.slack.com/services/T0/B0/abcd',
    }),
    200,
  )
  expectStatus(
    await strictOwner.put(`/api/communities/${other.id}/chat/teams`, {
      url: 'https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/y/z',
    }),
    200,
  )
  // Viewers and organizers read settings; only owners change them.
  assertProblem(
    await organizer.put(`/api/communities/${id}/delivery`, {
      reminderAudience: 'none',
      reminderLeadHours: 24,
    }),
    403,
  )
  assertProblem(
    await owner.put(`/api/communities/${id}/delivery`, {
      reminderAudience: 'some',
      reminderLeadHours: 0,
    }),
    422,
    ['reminderAudience', 'reminderLeadHours'],
  )
  assert.is(await rows(t, 'delivery_settings'), 0)
  expectStatus(await organizer.get(`/api/communities/${id}/delivery`), 200)
  assertProblem(await owner.delete(`/api/communities/${id}/chat/teams`), 404)
})

test('pulse open and shared results reach Slack and Teams in their payload shapes; failures are retried', async ({
  hooks,
  t,
  owner,
}) => {
  const o = await openPulseWithMembers(t, {
    owner,
    members: 5,
    join: true,
    communityName: 'Volunteers',
  })
  await settle(t.tasks)
  expectStatus(
    await owner.put(`/api/communities/${o.community.id}/chat/slack`, {
      url: hooks.base + slackSecret,
    }),
    200,
  )
  expectStatus(
    await owner.put(`/api/communities/${o.community.id}/chat/teams`, {
      url: hooks.base + teamsSecret,
    }),
    200,
  )
  // The test button posts at once.
  expectStatus(await owner.post(`/api/communities/${o.community.id}/chat/slack/test`), 200)
  assert.equal(
    hooks.received.map((h) => h.path),
    [slackSecret],
  )

  // A second pulse opens while the receiver fails: queued, failed, retried later. It is a pulse
  // of another survey, since the first pulse stays open and a survey's pulses may not overlap.
  hooks.state.status = 500
  const other = await surveyIn(owner, o.community.id, 'Second check-in')
  const second = expectStatus(
    await owner.post(`/api/surveys/${other.id}/pulses`, {
      closesAt: new Date(t.clock.now + 3 * 86_400_000).toISOString(),
    }),
    201,
  ).body
  await settle(t.tasks)
  const failed = expectStatus(
    await owner.get(`/api/communities/${o.community.id}/outbox`),
    200,
  ).body.messages.filter((m: any) => m.channel !== 'email')
  assert.equal(failed.map((m: any) => [m.channel, m.status, m.error]).sort(), [
    ['slack', 'failed', 'Slack answered 500'],
    ['teams', 'failed', 'Teams answered 500'],
  ])
  assertProblem(await owner.post(`/api/communities/${o.community.id}/chat/teams/test`), 502)
  hooks.state.status = 200
  t.clock.now += 60_000
  await runScheduler(t.deps)
  const slack = hooks.received.find(
    (h) => h.path === slackSecret && h.body.text.includes('is open'),
  )!
  assert.equal(Object.keys(slack.body), ['text'])
  assert.match(slack.body.text, `https://pulse.example/m/pulses/${second.id}`)
  const teams = hooks.received.find((h) => h.path === teamsSecret)!
  assert.is(teams.body.type, 'message')
  assert.is(teams.body.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive')
  assert.match(teams.body.attachments[0].content.body[0].text, `/m/pulses/${second.id}`)
  const before = hooks.received.length
  t.clock.now += 86_400_000
  await runScheduler(t.deps)
  assert.is(hooks.received.length, before, 'never twice')

  // Results: answered by all five, closed, shared: headline numbers only, posted once.
  for (const [i, m] of o.members.entries())
    await answerPulse(t, o.pulse.id, m.memberKey!, validAnswers(o.survey.questions, i))
  expectStatus(await owner.post(`/api/pulses/${o.pulse.id}/close`), 200)
  expectStatus(await owner.post(`/api/pulses/${o.pulse.id}/share`), 200)
  expectStatus(await owner.delete(`/api/pulses/${o.pulse.id}/share`), 200)
  expectStatus(await owner.post(`/api/pulses/${o.pulse.id}/share`), 200)
  await settle(t.tasks)
  const results = hooks.received.filter(
    (h) => h.path === slackSecret && h.body.text.startsWith('Results'),
  )
  assert.is(results.length, 1)
  assert.match(results[0].body.text, /5 of 5 members answered \(100%\)/)
  assert.match(results[0].body.text, /favorable/)
})

test('without email configured, messages wait in the outbox to be copied; copying forgets the invite key', async ({
  t,
  owner,
}) => {
  const community = await communityWith(owner, { members: 2 })
  await settle(t.tasks)
  const list = expectStatus(
    await owner.get(`/api/communities/${community.id}/outbox?limit=1`),
    200,
  ).body
  assert.is(list.email, null)
  assert.is(list.messages.length, 1)
  assert.type(list.next, 'string')
  const rest = expectStatus(
    await owner.get(`/api/communities/${community.id}/outbox?cursor=${list.next}`),
    200,
  ).body
  assert.is(rest.messages.length, 1)
  assert.not.ok('next' in rest)
  const [message] = list.messages
  const member = community.members.find((m) => m.email === message.recipient)!
  assert.is(message.status, 'queued')
  assert.is(message.link, member.inviteUrl)
  assert.match(message.text, member.inviteUrl)
  assert.match(message.text, /https:\/\/pulse\.example\/api\/unsubscribe\//)
  assertProblem(await owner.get(`/api/communities/${community.id}/outbox?limit=0`), 422, ['limit'])
  const copied = expectStatus(
    await owner.post(`/api/communities/${community.id}/outbox/${message.id}/copied`),
    200,
  ).body
  assert.is(copied.status, 'copied')
  assert.is(await rows(t, 'sealed_invites'), 1, 'only the other member’s key is still kept')
  assertProblem(
    await owner.post(`/api/communities/${community.id}/outbox/${message.id}/retry`),
    409,
  )
  assertProblem(await owner.post(`/api/communities/${community.id}/outbox/nope/copied`), 404)
  const viewer = await teammate(owner, community.id, 'viewer')
  assertProblem(await viewer.get(`/api/communities/${community.id}/outbox`), 403)
  assertProblem(await new Agent(t).get(`/api/communities/${community.id}/outbox`), 401)
  // A re-invite replaces the unsent invite; joining forgets the sealed key.
  const other = community.members.find((m) => m !== member)!
  const again = expectStatus(
    await owner.post(`/api/communities/${community.id}/members/${other.id}/invite`),
    200,
  ).body
  const messages = expectStatus(await owner.get(`/api/communities/${community.id}/outbox`), 200)
    .body.messages
  // Both were made at the same (fixed) time, so sort them by status.
  assert.equal(
    messages
      .filter((m: any) => m.recipient === other.email)
      .map((m: any) => [m.status, m.link ?? null])
      .sort(),
    [
      ['queued', again.inviteUrl],
      ['skipped', null],
    ],
  )
  expectStatus(
    await new Agent(t).post('/api/join', {
      inviteKey: again.inviteUrl.split('#')[1],
      memberKey: 'j'.repeat(43),
    }),
    200,
  )
  assert.is(await rows(t, 'sealed_invites'), 0)
})

test.run()

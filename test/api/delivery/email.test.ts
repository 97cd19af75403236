import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { smtpMailer } from '../../../api/delivery/smtp'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { settle, smtpServer, type Received } from '../../helpers/delivery'
import { communityWith, DAY, expectStatus, fragment, rows } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import {
  importMembers,
  joinMember,
  obtainToken,
  query,
  openPulseWithMembers,
  submitWith,
  validAnswers,
  type OpenedPulse,
} from '../../helpers/protocol'

type Smtp = Awaited<ReturnType<typeof smtpServer>>
const test = suite<{ smtp: Smtp; t: TestApp }>('delivery: email through SMTP')
test.before.each(async (ctx) => {
  ctx.smtp = await smtpServer()
  ctx.t = await testApp({ mailer: smtpMailer(ctx.smtp.url, 'pulse@example.org') })
})
test.after.each(async (ctx) => ctx.smtp.down())

const MINUTE = 60_000
const links = (text: string): string[] => text.match(/https?:\/\/\S+/g) ?? []
const to = (r: Received) => r.envelope.to[0]
const unsubscribed = async (t: TestApp) =>
  Number((await query(t, 'select count(*) as n from members where unsubscribed = 1'))[0].n)
const outboxOf = async (owner: Agent, cid: string) =>
  expectStatus(await owner.get(`/api/communities/${cid}/outbox`), 200).body.messages as any[]

test('invites are emailed with the community name, a working invite link and a working unsubscribe link, nothing else', async ({
  smtp,
  t,
}) => {
  const owner = await setupOwner(t)
  const community = await communityWith(owner, { name: 'Riverside & <Co>', members: 2 })
  await settle(t.tasks)
  assert.is(smtp.received.length, 2)
  const byRecipient = new Map(smtp.received.map((r) => [to(r), r]))
  for (const member of community.members) {
    const { mail, envelope } = byRecipient.get(member.email)!
    assert.is(envelope.from, 'pulse@example.org')
    assert.is(mail.subject, 'Your invitation to the anonymous pulses of Riverside & <Co>')
    // Only two links: the member's own invite link and their unsubscribe link; no pixel, no redirect.
    const [invite, unsubscribe] = links(mail.text!)
    assert.equal(links(mail.text!).length, 2)
    assert.is(invite, member.inviteUrl)
    assert.match(unsubscribe, /^https:\/\/pulse\.example\/api\/unsubscribe\/[^/\s]+$/)
    // RFC 8058 one-click unsubscribe headers point to the same link.
    const header = (key: string) =>
      mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, ' ')
    assert.is(header('list-unsubscribe'), `List-Unsubscribe: <${unsubscribe}>`)
    assert.is(header('list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    const html = String(mail.html)
    assert.ok(html.includes('Riverside &amp; &lt;Co&gt;'), 'the community name is escaped in HTML')
    assert.not.ok(/<img|<script|<style/i.test(html), 'no images, scripts or remote styles')
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'))
    assert.equal(hrefs, [invite, unsubscribe])
  }
  // Delivered: the sealed invite keys are gone, and every message is marked sent.
  assert.is(await rows(t, 'sealed_invites'), 0)
  assert.equal(
    (await outboxOf(owner, community.id)).map((m) => m.status),
    ['sent', 'sent'],
  )

  // The emailed link joins.
  const mail = byRecipient.get(community.members[0].email)!.mail
  const joined = await new Agent(t).post('/api/join', {
    inviteKey: fragment(links(mail.text!)[0]),
    memberKey: 'k'.repeat(43),
  })
  assert.is(joined.status, 200)
  assert.is(joined.body.community.name, 'Riverside & <Co>')

  // The unsubscribe link: GET only asks, POST unsubscribes; later email skips the member.
  const unsubscribePath = new URL(links(mail.text!)[1]).pathname
  const asked = await t.app.request(unsubscribePath)
  assert.is(asked.status, 200)
  assert.match(await asked.text(), /<form method="post">/)
  assert.is(await unsubscribed(t), 0, 'opening the link changes nothing')
  const done = await t.app.request(unsubscribePath, {
    method: 'POST',
    headers: { accept: 'application/json' },
  })
  assert.equal(await done.json(), { unsubscribed: true })
  assert.is(await unsubscribed(t), 1)
  const forged = await t.app.request(unsubscribePath.slice(0, -2) + 'AA', { method: 'POST' })
  assert.is(forged.status, 404)
  const other = community.members[1]
  expectStatus(
    await owner.post(`/api/communities/${community.id}/members/${community.members[0].id}/invite`),
    200,
  )
  expectStatus(await owner.post(`/api/communities/${community.id}/members/${other.id}/invite`), 200)
  await settle(t.tasks)
  assert.equal(smtp.received.slice(2).map(to), [other.email])
  const skipped = (await outboxOf(owner, community.id)).find(
    (m) => m.recipient === community.members[0].email && m.status === 'skipped',
  )
  assert.is(skipped.error, 'The member unsubscribed from email.')
})

test('with the SMTP server down a message is retried with backoff, shown in the outbox, and delivered once when it is up', async ({
  smtp,
  t,
}) => {
  await smtp.down()
  const owner = await setupOwner(t)
  const community = await communityWith(owner, { members: 1 })
  await settle(t.tasks)
  let [message] = await outboxOf(owner, community.id)
  assert.is(message.status, 'failed')
  assert.is(message.attempts, 1)
  assert.type(message.error, 'string')
  assert.is(message.nextAttemptAt, new Date(t.clock.now + MINUTE).toISOString())
  assert.match(message.text, community.members[0].inviteUrl, 'the outbox shows the message to copy')

  // Not due yet: nothing happens. Then each failure doubles the wait.
  await runScheduler(t.deps)
  assert.is((await outboxOf(owner, community.id))[0].attempts, 1)
  t.clock.now += MINUTE
  await runScheduler(t.deps)
  ;[message] = await outboxOf(owner, community.id)
  assert.is(message.attempts, 2)
  assert.is(message.nextAttemptAt, new Date(t.clock.now + 2 * MINUTE).toISOString())
  assert.is(await rows(t, 'sealed_invites'), 1, 'the sealed key is kept until delivery')

  await smtp.up()
  t.clock.now += 2 * MINUTE
  // Two ticks at once (two machines, or a slow tick and the next): one of them sends it.
  await Promise.all([runScheduler(t.deps), runScheduler(t.deps)])
  ;[message] = await outboxOf(owner, community.id)
  assert.is(message.status, 'sent')
  assert.is(message.attempts, 3)
  assert.is(smtp.received.length, 1)
  assert.is(links(smtp.received[0].mail.text!)[0], community.members[0].inviteUrl)
  // Never twice.
  t.clock.now += DAY
  await runScheduler(t.deps)
  assert.is(smtp.received.length, 1)
  assert.is(await rows(t, 'sealed_invites'), 0)
})

/** Five joined members and an open pulse; the invites are settled before anything else. */
async function openedPulse(t: TestApp, smtp: Smtp) {
  const opened = await openPulseWithMembers(t, { members: 5, communityName: 'Volunteers' })
  await settle(t.tasks)
  return opened
}

const ofKind = (smtp: Smtp, pattern: RegExp) =>
  smtp.received.filter((r) => pattern.test(r.mail.subject ?? ''))
const setAudience = (o: OpenedPulse, reminderAudience: string) =>
  o.owner.put(`/api/communities/${o.community.id}/delivery`, {
    reminderAudience,
    reminderLeadHours: 24,
  })

test('an opened pulse is announced to its joined members with a link to the member page', async ({
  smtp,
  t,
}) => {
  const o = await openedPulse(t, smtp)
  const announced = ofKind(smtp, /is open until/)
  assert.equal(announced.map(to).sort(), o.members.map((m) => m.email).sort())
  for (const { mail } of announced) {
    const [memberPage] = links(mail.text!)
    assert.is(memberPage, `https://pulse.example/m/pulses/${o.pulse.id}`)
    assert.match(mail.subject!, /^Volunteers: "/)
  }
  // Ticks later queue nothing more.
  await runScheduler(t.deps)
  assert.is(ofKind(smtp, /is open until/).length, 5)
})

test('a pulse opened later by the scheduler is announced by its tick, once', async ({
  smtp,
  t,
}) => {
  const o = await openedPulse(t, smtp)
  // The survey's open pulse closes first: a pulse scheduled within its window would overlap it.
  expectStatus(await o.owner.post(`/api/pulses/${o.pulse.id}/close`), 200)
  const opensAt = new Date(t.clock.now + DAY).toISOString()
  const closesAt = new Date(t.clock.now + 3 * DAY).toISOString()
  const later = expectStatus(
    await o.owner.post(`/api/surveys/${o.survey.id}/pulses`, { opensAt, closesAt }),
    201,
  ).body
  assert.is(later.status, 'scheduled')
  await settle(t.tasks)
  const announcing = () =>
    ofKind(smtp, /is open until/).filter((r) => r.mail.text!.includes(later.id))
  assert.is(announcing().length, 0)
  t.clock.now += DAY
  await runScheduler(t.deps)
  await runScheduler(t.deps)
  assert.equal(announcing().map(to).sort(), o.members.map((m) => m.email).sort())
})

test('reminder to everyone: once, 24 hours before closing, saying the server cannot know who answered', async ({
  smtp,
  t,
}) => {
  const o = await openedPulse(t, smtp)
  expectStatus(await setAudience(o, 'everyone'), 200)
  const token = await obtainToken(t, o.pulse.id, o.members[0].memberKey!)
  expectStatus(await submitWith(t, o.pulse.id, token, validAnswers(o.survey.questions)), 201)
  t.clock.now += 6 * DAY - MINUTE
  await runScheduler(t.deps)
  assert.is(ofKind(smtp, /^Reminder/).length, 0, 'not before its time')
  t.clock.now += MINUTE
  await runScheduler(t.deps)
  await runScheduler(t.deps)
  const reminders = ofKind(smtp, /^Reminder/)
  assert.equal(
    reminders.map(to).sort(),
    o.members.map((m) => m.email).sort(),
    'everyone, the member who answered too',
  )
  for (const { mail } of reminders)
    assert.match(mail.text!, 'If you have already answered, thank you — nothing more to do.')
})

test('the reminder reaches every joined, subscribed member of the pulse once, whether or not their device fetched a token or answered', async ({
  smtp,
  t,
}) => {
  const owner = await setupOwner(t)
  const community = expectStatus(
    await owner.post('/api/communities', { name: 'Volunteers' }),
    201,
  ).body
  const members = await importMembers(
    owner,
    community.id,
    Array.from({ length: 7 }, () => ({})),
  )
  await settle(t.tasks)
  const [answered, fetched, alsoFetched, idle, alsoIdle, unsubscriber, notJoined] = members
  for (const m of members) if (m !== notJoined) await joinMember(t, m)
  const invitation = smtp.received.find((r) => to(r) === unsubscriber.email)!.mail
  await t.app.request(new URL(links(invitation.text!)[1]).pathname, { method: 'POST' })
  expectStatus(
    await owner.put(`/api/communities/${community.id}/delivery`, {
      reminderAudience: 'everyone',
      reminderLeadHours: 24,
    }),
    200,
  )
  const survey = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' }),
    201,
  ).body
  const pulse = expectStatus(
    await owner.post(`/api/surveys/${survey.id}/pulses`, {
      closesAt: new Date(t.clock.now + 7 * DAY).toISOString(),
    }),
    201,
  ).body
  await settle(t.tasks)
  // One member answers, two only fetch a token, two never open the app; the unsubscribed member
  // fetches one too. None of this may change who is reminded.
  const token = await obtainToken(t, pulse.id, answered.memberKey!)
  expectStatus(await submitWith(t, pulse.id, token, validAnswers(survey.questions)), 201)
  await obtainToken(t, pulse.id, fetched.memberKey!)
  await obtainToken(t, pulse.id, alsoFetched.memberKey!)
  await obtainToken(t, pulse.id, unsubscriber.memberKey!)
  const issued = await query(t, 'select count(*) as n from token_issuances where pulse_id = ?', [
    pulse.id,
  ])
  assert.is(Number(issued[0].n), 4)
  t.clock.now += 6 * DAY
  await runScheduler(t.deps)
  t.clock.now += DAY / 2
  await runScheduler(t.deps)
  const reminders = ofKind(smtp, /^Reminder/)
  assert.equal(
    reminders.map(to).sort(),
    [answered, fetched, alsoFetched, idle, alsoIdle].map((m) => m.email).sort(),
    'each joined, subscribed member exactly once; no one else',
  )
  // The same words for everyone: only the member's own unsubscribe link differs.
  const words = new Set(
    reminders.map(({ mail }) => mail.text!.replace(/\S*\/unsubscribe\/\S*/, '')),
  )
  assert.is(words.size, 1)
  assert.match([...words][0], 'If you have already answered, thank you — nothing more to do.')
})

test('no reminder when the community turned them off; unsubscribed members get no pulse email', async ({
  smtp,
  t,
}) => {
  const owner = await setupOwner(t)
  const community = await communityWith(owner, { members: 5 })
  await settle(t.tasks)
  for (const m of community.members) await joinMember(t, { ...m, inviteKey: fragment(m.inviteUrl) })
  const [quiet] = community.members
  const mail = smtp.received.find((r) => to(r) === quiet.email)!.mail
  await t.app.request(new URL(links(mail.text!)[1]).pathname, { method: 'POST' })
  expectStatus(
    await owner.put(`/api/communities/${community.id}/delivery`, {
      reminderAudience: 'none',
      reminderLeadHours: 24,
    }),
    200,
  )
  const survey = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' }),
    201,
  ).body
  expectStatus(
    await owner.post(`/api/surveys/${survey.id}/pulses`, {
      closesAt: new Date(t.clock.now + 7 * DAY).toISOString(),
    }),
    201,
  )
  await settle(t.tasks)
  const announced = ofKind(smtp, /is open until/).map(to)
  assert.is(announced.length, 4)
  assert.not.ok(announced.includes(quiet.email))
  t.clock.now += 6 * DAY + MINUTE
  await runScheduler(t.deps)
  assert.is(ofKind(smtp, /^Reminder/).length, 0)
})

test('removing a member forgets their sealed invite and their waiting invitation is not sent', async ({
  smtp,
  t,
}) => {
  await smtp.down()
  const owner = await setupOwner(t)
  const community = await communityWith(owner, { members: 1 })
  await settle(t.tasks)
  assert.is(await rows(t, 'sealed_invites'), 1)
  expectStatus(
    await owner.delete(`/api/communities/${community.id}/members/${community.members[0].id}`),
    204,
  )
  assert.is(await rows(t, 'sealed_invites'), 0)
  await smtp.up()
  t.clock.now += MINUTE
  await runScheduler(t.deps)
  assert.is(smtp.received.length, 0)
  const [message] = await outboxOf(owner, community.id)
  assert.equal(
    [message.status, message.error, message.link],
    ['skipped', 'The member was removed.', undefined],
  )
})

test.run()

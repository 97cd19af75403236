import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { settle } from '../../helpers/delivery'
import { communityWith, expectStatus, rows } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import { joinMember, openPulseWithMembers, importMembers } from '../../helpers/protocol'

const test = suite<{ t: TestApp; owner: Agent }>(
  'delivery: a copied message is exactly what the member gets, or says why it cannot be',
)
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
})

const unsubscribeLink = /https:\/\/pulse\.example\/api\/unsubscribe\/[^\s/]+\.[^\s/]+/
const outbox = async (owner: Agent, cid: string, query = '') =>
  expectStatus(await owner.get(`/api/communities/${cid}/outbox${query}`), 200).body
const placeholders = (text: string) => text.match(/\{\{\w+\}\}/g) ?? []

test('a waiting invitation reads as the member gets it: real invite and unsubscribe links, a subject with no possessive', async ({
  t,
  owner,
}) => {
  const community = await communityWith(owner, { name: 'Riverside Makers', members: 1 })
  await settle(t.tasks)
  const [member] = community.members
  const { messages } = await outbox(owner, community.id)
  assert.is(messages.length, 1)
  const [invite] = messages
  assert.is(invite.subject, 'Your invitation to the anonymous pulses of Riverside Makers')
  assert.not.match(invite.subject, /'s\b|s's/)
  assert.equal(placeholders(invite.text), [])
  assert.ok(invite.text.includes(member.inviteUrl), 'the text holds the member’s own invite link')
  assert.match(invite.text, unsubscribeLink)
  assert.is(invite.link, member.inviteUrl)
  assert.not.ok('cannotCopy' in invite, 'a waiting invitation can be copied')
})

test('a copied invitation keeps showing its text without placeholders and says why it cannot be copied again', async ({
  t,
  owner,
}) => {
  const community = await communityWith(owner, { name: 'Riverside Makers', members: 1 })
  await settle(t.tasks)
  const [invite] = (await outbox(owner, community.id)).messages
  const copied = expectStatus(
    await owner.post(`/api/communities/${community.id}/outbox/${invite.id}/copied`),
    200,
  ).body
  assert.is(copied.status, 'copied')
  assert.is(await rows(t, 'sealed_invites'), 0, 'the invite key is forgotten once copied')
  for (const shown of [copied, (await outbox(owner, community.id)).messages[0]]) {
    assert.equal(placeholders(shown.text), [], 'no {{placeholder}} is ever shown')
    assert.ok(shown.text.includes('[invite link no longer kept]'))
    assert.not.ok(shown.text.includes(community.members[0].inviteUrl))
    assert.match(shown.text, unsubscribeLink)
    assert.not.ok('link' in shown, 'nothing to copy as a link')
    assert.is(
      shown.cannotCopy,
      'It was copied before, so its invite link is no longer kept. For a new link, re-invite the member on the Members page.',
    )
  }
})

test('an invitation whose member has joined leaves the waiting list: skipped with the reason, kept as history', async ({
  t,
  owner,
}) => {
  const { id } = await communityWith(owner, { members: 0 })
  const [joining, waiting] = await importMembers(owner, id, [{}, {}])
  await settle(t.tasks)
  assert.is((await outbox(owner, id)).waiting, 2)
  await joinMember(t, joining)

  const left = await outbox(owner, id, '?status=waiting')
  assert.equal(
    left.messages.map((m: any) => m.recipient),
    [waiting.email],
  )
  assert.is(left.waiting, 1)
  const history = await outbox(owner, id, '?status=skipped')
  assert.is(history.messages.length, 1)
  const [skipped] = history.messages
  assert.equal(
    [skipped.recipient, skipped.kind, skipped.status, skipped.error, skipped.cannotCopy],
    [
      joining.email,
      'invite',
      'skipped',
      'The member has joined: the invitation is no longer needed.',
      'The member has joined: the invitation is no longer needed.',
    ],
  )
  assert.equal(placeholders(skipped.text), [])
  assert.not.ok('link' in skipped)
})

test('"a pulse is open" for a pulse that closed leaves the waiting list; while open, a copied one still reads as sent', async ({
  t,
  owner,
}) => {
  const o = await openPulseWithMembers(t, { owner, members: 5, communityName: 'Volunteers' })
  await settle(t.tasks)
  const cid = o.community.id
  const open = await outbox(owner, cid, '?kind=pulse-open&status=waiting')
  assert.is(open.messages.length, 5)
  assert.is(open.waiting, 5)
  const memberPage = `https://pulse.example/m/pulses/${o.pulse.id}`
  for (const m of open.messages) {
    assert.equal(placeholders(m.text), [])
    assert.ok(m.text.includes(memberPage))
    assert.match(m.text, unsubscribeLink)
    assert.is(m.link, memberPage)
  }
  // Copied by hand while the pulse is open: it still shows the text as sent, and can be copied.
  const copied = expectStatus(
    await owner.post(`/api/communities/${cid}/outbox/${open.messages[0].id}/copied`),
    200,
  ).body
  assert.equal(placeholders(copied.text), [])
  assert.match(copied.text, unsubscribeLink)
  assert.is(copied.link, memberPage)
  assert.not.ok('cannotCopy' in copied)

  expectStatus(await owner.post(`/api/pulses/${o.pulse.id}/close`), 200)
  const after = await outbox(owner, cid, '?kind=pulse-open&status=waiting')
  assert.equal(after.messages, [])
  assert.is(after.waiting, 0)
  const skipped = await outbox(owner, cid, '?kind=pulse-open&status=skipped')
  assert.is(skipped.messages.length, 4)
  for (const m of skipped.messages) {
    assert.is(m.error, 'The pulse is no longer open.')
    assert.is(m.cannotCopy, 'The pulse is no longer open.')
    assert.not.ok('link' in m)
  }
  const history = (await outbox(owner, cid, '?kind=pulse-open&status=copied')).messages
  assert.equal(
    history.map((m: any) => [m.id, m.status, m.cannotCopy]),
    [[copied.id, 'copied', 'The pulse is no longer open.']],
  )
})

test('emails to a member who unsubscribed or was removed leave the waiting list and cannot be copied', async ({
  t,
  owner,
}) => {
  const { id } = await communityWith(owner, { members: 0 })
  const [leaving, removed, staying] = await importMembers(owner, id, [{}, {}, {}])
  await settle(t.tasks)
  const { messages } = await outbox(owner, id)
  const unsubscribe = messages
    .find((m: any) => m.recipient === leaving.email)
    .text.match(unsubscribeLink)[0]
  const done = await t.app.request(new URL(unsubscribe).pathname, {
    method: 'POST',
    headers: { accept: 'application/json' },
  })
  assert.is(done.status, 200)
  expectStatus(await owner.delete(`/api/communities/${id}/members/${removed.id}`), 204)

  const waiting = await outbox(owner, id, '?status=waiting')
  assert.equal(
    waiting.messages.map((m: any) => m.recipient),
    [staying.email],
  )
  const reasons = (await outbox(owner, id, '?status=skipped')).messages
    .map((m: any) => [m.recipient, m.error, m.cannotCopy])
    .sort()
  assert.equal(
    reasons,
    [
      [leaving.email, 'The member unsubscribed from email.', 'The member unsubscribed from email.'],
      [removed.email, 'The member was removed.', 'The member was removed.'],
    ].sort(),
  )
})

test.run()

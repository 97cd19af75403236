import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { chatPayload, isChatWebhook, maskWebhook } from '../../../api/delivery/chat'
import { reminderDueAt } from '../../../api/delivery/notices'
import { resendMailer } from '../../../api/delivery/resend'
import { retryDelay } from '../../../api/delivery/send'
import { emailHtml, fillLinks, inviteEmail, reminderEmail } from '../../../api/delivery/messages'

const test = suite('delivery: pure parts and the Resend mailer')
const MINUTE = 60_000
const HOUR = 60 * MINUTE

test('retries wait 1, 2, 4 … minutes, at most 6 hours, and never stop', () => {
  assert.equal([1, 2, 3, 4].map(retryDelay), [MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE])
  assert.is(retryDelay(9), 256 * MINUTE)
  assert.is(retryDelay(10), 6 * HOUR)
  assert.is(retryDelay(1000), 6 * HOUR)
})

test('a reminder is due its lead time before closing, never in the first half of the run', () => {
  assert.is(reminderDueAt({ opensAt: 0, closesAt: 7 * 24 * HOUR }, 24), 6 * 24 * HOUR)
  assert.is(reminderDueAt({ opensAt: 0, closesAt: 12 * HOUR }, 24), 6 * HOUR)
})

test('email HTML escapes everything and links only the text’s own links', () => {
  const { subject, text } = inviteEmail('<b>Crew</b> & "friends"')
  const filled = fillLinks(text, {
    inviteUrl: 'https://x.example/join#k"ey',
    unsubscribeUrl: 'https://x.example/api/unsubscribe/a.b',
  })
  const html = emailHtml(subject, filled)
  assert.ok(html.includes('&lt;b&gt;Crew&lt;/b&gt; &amp; &quot;friends&quot;'))
  assert.not.ok(html.includes('<b>'))
  assert.equal(
    [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
    ['https://x.example/join#k&quot;ey', 'https://x.example/api/unsubscribe/a.b'],
  )
  assert.not.ok(/<img/i.test(html))
})

test('the one reminder text says it goes to every member and thanks those who already answered', () => {
  const { subject, text } = reminderEmail('Crew', 'Check-in', 0, 'https://x/m/pulses/p')
  assert.match(subject, /^Reminder: "Check-in" closes on /)
  assert.match(text, 'This reminder goes to every member: trustpulse cannot know who answered.')
  assert.match(text, 'If you have already answered, thank you — nothing more to do.')
  assert.match(text, 'https://x/m/pulses/p')
  assert.not.match(text, /your device|not opened|token/i)
})

test('webhook addresses: only https on the service’s hosts; masked to origin and last four characters', () => {
  assert.ok(isChatWebhook('slack', new URL('https://hooks.slack.com/services/a/b/c')))
  assert.not.ok(isChatWebhook('slack', new URL('http://hooks.slack.com/services/a/b/c')))
  assert.not.ok(isChatWebhook('slack', new URL('https://hooks.slack.com.evil.example/x')))
  assert.not.ok(isChatWebhook('teams', new URL('https://hooks.slack.com/services/a')))
  assert.ok(isChatWebhook('teams', new URL('https://prod-01.westus.logic.azure.com/workflows/x')))
  assert.ok(isChatWebhook('teams', new URL('https://contoso.webhook.office.com/webhookb2/x')))
  assert.not.ok(isChatWebhook('teams', new URL('https://webhook.office.com.evil.example/x')))
  assert.is(
    maskWebhook('https://hooks.slack.com/services/T/B/secretabcd'),
    'https://hooks.slack.com/…abcd',
  )
  assert.equal(chatPayload('slack', 'hi'), { text: 'hi' })
})

test('Resend: one POST per message to the configured base, with the key; a refusal is an error', async () => {
  const seen: { auth?: string; path?: string; body: any }[] = []
  let status = 200
  const server = createServer((req, res) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, path: req.url, body: JSON.parse(data) })
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"id":"x"}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const mailer = resendMailer('re_test', 'Pulse <pulse@example.org>', base)
    const message = {
      to: 'a@example.org',
      subject: 'S',
      text: 'T',
      html: '<p>T</p>',
      headers: { 'List-Unsubscribe': '<https://x/u>' },
    }
    await mailer.send(message)
    assert.equal(seen[0], {
      auth: 'Bearer re_test',
      path: '/emails',
      body: {
        from: 'Pulse <pulse@example.org>',
        to: ['a@example.org'],
        subject: 'S',
        text: 'T',
        html: '<p>T</p>',
        headers: { 'List-Unsubscribe': '<https://x/u>' },
      },
    })
    status = 422
    try {
      await mailer.send(message)
      assert.unreachable('should have thrown')
    } catch (error) {
      assert.match((error as Error).message, 'Resend answered 422')
    }
  } finally {
    server.close()
  }
})

test.run()

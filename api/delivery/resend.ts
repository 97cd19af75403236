import type { Mailer } from './mailer'

/**
 * Email through Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email): one
 * `fetch`, nothing to bundle, so it suits Workers. `baseUrl` is overridable for tests.
 */
export function resendMailer(
  apiKey: string,
  from: string,
  baseUrl = 'https://api.resend.com',
): Mailer {
  return {
    name: 'Resend',
    async send(message) {
      const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/emails`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: message.headers,
        }),
      })
      if (!res.ok) {
        const body = await res.text().catch(() => '')
        throw new Error(`Resend answered ${res.status}: ${body.slice(0, 160)}`)
      }
    },
  }
}

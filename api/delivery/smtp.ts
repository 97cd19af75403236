// Node only: nodemailer stays out of the Worker bundle because only api/node.ts imports this file.
import { createTransport } from 'nodemailer'
import type { Mailer } from './mailer'

/**
 * Email through an SMTP server (`SMTP_URL`, e.g. `smtps://user:pass@mail.example.org:465`), from
 * `from`. A reason for failure names the SMTP reply, never the URL's credentials.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url, { from })
  return {
    name: 'SMTP',
    async send(message) {
      try {
        await transport.sendMail({ ...message, from })
      } catch (error) {
        const e = error as { code?: string; responseCode?: number; message?: string }
        const reason = e.responseCode ? `SMTP ${e.responseCode}` : (e.code ?? 'SMTP error')
        throw new Error(
          `${reason}: ${String(e.message ?? '')
            .split('\n')[0]
            .slice(0, 160)}`,
        )
      }
    },
  }
}

// The password reset email goes to an organizer directly, never through the members' outbox:
// it is nobody's to copy, and it must leave at once or not at all.
import type { AppDeps } from '../deps'
import type { EmailMessage } from './mailer'
import { emailHtml } from './messages'

/** The reset email for `email`, carrying `link` (whose fragment is the token). */
export function passwordResetEmail(email: string, link: string, minutes: number): EmailMessage {
  const subject = 'Reset your trustpulse password'
  const text =
    `Someone asked to reset the password of the trustpulse organizer account ${email}.\n\n` +
    `To choose a new password, open this link within ${minutes} minutes:\n${link}\n\n` +
    `The link works once. Choosing a new password signs you out everywhere else.\n\n` +
    `If you did not ask for this, ignore this email: your password stays as it is.`
  return { to: email, subject, text, html: emailHtml(subject, text), headers: {} }
}

/**
 * Sends the reset email. Never throws: a failure is logged by its short reason (never the link
 * or the address),
 * since the person who asked was already answered and may simply ask again.
 */
export async function sendPasswordResetEmail(
  deps: Pick<AppDeps, 'mailer' | 'log'>,
  message: EmailMessage,
): Promise<void> {
  try {
    if (!deps.mailer) throw new Error('no mailer is configured')
    await deps.mailer.send(message)
  } catch (error) {
    // The reason's first part only ("SMTP 550", "ECONNREFUSED"): the rest may name the address.
    const reason = String((error as Error)?.message ?? 'error')
      .split(':')[0]
      .slice(0, 60)
    deps.log(`password reset email not sent: ${reason}`)
  }
}

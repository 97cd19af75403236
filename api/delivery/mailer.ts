/** One email, ready to go: plain text and its simple HTML version. */
export interface EmailMessage {
  to: string
  subject: string
  text: string
  html: string
  /** Extra headers (List-Unsubscribe). */
  headers: Record<string, string>
}

/**
 * Sends email. The entry files choose one (Node: SMTP, Workers: Resend); without one, email
 * waits in the outbox for an organizer to copy. `send` resolves once the provider accepted the
 * message and throws with a short, secret-free reason otherwise.
 */
export interface Mailer {
  /** What the organizer is shown: "SMTP", "Resend". */
  readonly name: string
  send(message: EmailMessage): Promise<void>
}

// Incoming chat webhooks. Their addresses are secrets (anyone holding one can post to the
// channel): stored sealed, shown masked, and never written to logs or errors.

export type ChatKind = 'slack' | 'teams'
export const chatKinds: ChatKind[] = ['slack', 'teams']

const slackHosts = /^hooks\.slack\.com$/
// Teams incoming webhooks (Office 365 connectors) and the Workflows that replace them.
const teamsHosts = /(^|\.)(webhook\.office\.com|logic\.azure\.com|api\.powerplatform\.com)$/

/** True for an https address on the chat service's own hosts, so the server posts nowhere else. */
export function isChatWebhook(kind: ChatKind, url: URL): boolean {
  return (
    url.protocol === 'https:' && (kind === 'slack' ? slackHosts : teamsHosts).test(url.hostname)
  )
}

/** What is shown of a webhook address: its origin and last four characters. */
export function maskWebhook(url: string): string {
  return `${new URL(url).origin}/…${url.slice(-4)}`
}

/** The body each service expects: Slack `{ text }`, Teams a message with one Adaptive Card. */
export function chatPayload(kind: ChatKind, text: string): unknown {
  if (kind === 'slack') return { text }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [{ type: 'TextBlock', text, wrap: true }],
        },
      },
    ],
  }
}

/** Posts one message; throws a reason that never contains the address. */
export async function postToChat(kind: ChatKind, url: string, text: string): Promise<void> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatPayload(kind, text)),
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    throw new Error(
      `could not reach ${kind === 'slack' ? 'Slack' : 'Teams'} (${(error as Error)?.name ?? 'error'})`,
    )
  }
  if (!res.ok) throw new Error(`${kind === 'slack' ? 'Slack' : 'Teams'} answered ${res.status}`)
  await res.body?.cancel()
}

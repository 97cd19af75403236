// Real delivery endpoints for the delivery suites: an SMTP server (smtp-server, from the
// nodemailer project) and an HTTP receiver for chat webhooks, both on 127.0.0.1 and a free port.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface Received {
  envelope: { from: string; to: string[] }
  mail: ParsedMail
}

/** An SMTP server that records every message; `down()` stops listening, `up()` listens again on the same port. */
export async function smtpServer() {
  const received: Received[] = []
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              mail,
            })
            callback()
          },
          (error) => callback(error),
        )
      },
    })
  let server = make()
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
    })
  const port = await listen(0)
  let running = true
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    async down() {
      if (!running) return
      running = false
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    async up() {
      if (running) return
      server = make()
      await listen(port)
      running = true
    },
  }
}

export interface Hook {
  path: string
  contentType: string
  body: any
}

/** An HTTP receiver for webhooks: records each POST; answers `status` (200 unless set). */
export async function webhookReceiver() {
  const received: Hook[] = []
  const state = { status: 200 }
  const server: Server = createServer((req, res) => {
    let data = ''
    req.on('data', (chunk) => (data += chunk))
    req.on('end', () => {
      if (state.status === 200)
        received.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'] ?? '',
          body: JSON.parse(data),
        })
      res
        .writeHead(state.status, { 'content-type': 'text/plain' })
        .end(state.status === 200 ? 'ok' : 'no')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    received,
    state,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Allows webhooks on the local receiver only (the default allows only Slack's and Teams' hosts). */
export const localWebhooks = (_kind: string, url: URL) => url.hostname === '127.0.0.1'

/** Waits for the work routes started after answering (delivery), as often as it spawns more. */
export async function settle(tasks: Promise<unknown>[]) {
  while (tasks.length) await Promise.all(tasks.splice(0))
}

// How the demo talks to the app: in-process `app.request`, with a session cookie kept the way a
// browser keeps it, and failures turned into messages a person running the demo can act on.
import type { createApp } from '../app'
import { DemoError } from './member-crypto'

/** What fillDemo needs of the app: its in-process `request`. */
export type DemoApp = Pick<ReturnType<typeof createApp>, 'request'>

interface Reply {
  status: number
  body: any
}

/** One caller of the API, keeping a session cookie the way a browser does. */
export class Caller {
  cookie?: string
  constructor(private readonly app: DemoApp) {}

  async call(
    method: string,
    path: string,
    options: { body?: unknown; bearer?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {}
    if (this.cookie) headers.cookie = this.cookie
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const res = await this.app.request(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie?.startsWith('session=')) {
      const value = setCookie.split(';')[0]
      this.cookie = value === 'session=' ? undefined : value
    }
    const text = await res.text()
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text
    }
    return { status: res.status, body }
  }

  /** The answer's body, or a DemoError naming the step and the server's problem detail. */
  async expect(
    status: number,
    what: string,
    method: string,
    path: string,
    options?: { body?: unknown; bearer?: string },
  ) {
    const reply = await this.call(method, path, options)
    if (reply.status !== status) {
      const detail = reply.body?.detail ?? reply.body?.title ?? JSON.stringify(reply.body)
      const errors = reply.body?.errors ? ` ${JSON.stringify(reply.body.errors)}` : ''
      throw new DemoError(
        `${what} failed: ${method} ${path} answered ${reply.status} (expected ${status}): ${detail}${errors}`,
      )
    }
    return reply.body
  }
}

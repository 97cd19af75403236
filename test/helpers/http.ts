import type { TestApp } from './app'

export interface Reply {
  status: number
  headers: Headers
  body: any
  text: string
}

export interface CallOptions {
  body?: unknown
  csv?: string
  bearer?: string
  headers?: Record<string, string>
}

/** One caller of the API: keeps its session cookie like a browser would. */
export class Agent {
  cookie?: string
  constructor(readonly t: TestApp) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers }
    if (this.cookie) headers.cookie = this.cookie
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`
    let body: string | undefined
    if (options.csv !== undefined) {
      headers['content-type'] = 'text/csv'
      body = options.csv
    } else if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    }
    const res = await this.t.app.request(path, { method, headers, body })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie?.startsWith('session=')) {
      const value = setCookie.split(';')[0]
      this.cookie = value === 'session=' ? undefined : value
    }
    const text = await res.text()
    let parsed: unknown = undefined
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    return { status: res.status, headers: res.headers, body: parsed, text }
  }

  get = (path: string, o?: CallOptions) => this.call('GET', path, o)
  post = (path: string, body?: unknown, o?: CallOptions) => this.call('POST', path, { ...o, body })
  put = (path: string, body?: unknown, o?: CallOptions) => this.call('PUT', path, { ...o, body })
  patch = (path: string, body?: unknown, o?: CallOptions) =>
    this.call('PATCH', path, { ...o, body })
  delete = (path: string, o?: CallOptions) => this.call('DELETE', path, o)
}

let counter = 0
/** A unique email for this test process. */
export const email = (name = 'person') => `${name}${++counter}@example.org`

/** Runs first-run setup and returns the owner's agent. */
export async function setupOwner(t: TestApp, address = 'owner@example.org'): Promise<Agent> {
  const owner = new Agent(t)
  const res = await owner.post('/api/setup', {
    email: address,
    password: 'correct horse battery',
    name: 'Olu',
  })
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`)
  return owner
}

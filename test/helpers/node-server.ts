// The real Node server (`node --import tsx api/node.ts`) as a child process on a free port of
// 127.0.0.1, for tests that kill and restart it on the same database. It runs from a private copy
// of the API sources with a stub front end, so it starts in a second or two without a Vite build.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** A port of 127.0.0.1 that is free when asked (the servers of the e2e and crash tests). */
export const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })

export interface ServerHome {
  /** Directory of the sources, database and data dir; removed by `remove`. */
  dir: string
  databaseFile: string
  secretKey: string
  /** Starts a server on this home's database (a new free port each time). */
  start(): Promise<NodeServer>
  remove(): void
}

export interface NodeServer {
  url: string
  child: ChildProcess
  /** SIGKILL: no shutdown handler runs, whatever was in flight is cut off. */
  crash(): Promise<void>
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>
  log(): string
}

/** A home for a server: a snapshot of the API sources, a stub built front end, a temp database. */
export function serverHome(): ServerHome {
  const dir = mkdtempSync(join(tmpdir(), 'trustpulse-node-'))
  const app = join(dir, 'app')
  // web/ is copied because the API imports the member client's shared modules; without
  // vite.config.ts and with a build newer than web/, the server sees no reason to build.
  for (const name of ['api', 'schema', 'web', 'package.json', 'tsconfig.json'])
    cpSync(join(root, name), join(app, name), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir')
  mkdirSync(join(app, 'dist/web'), { recursive: true })
  writeFileSync(join(app, 'dist/web/index.html'), '<!doctype html><title>trustpulse</title>')
  writeFileSync(join(app, 'dist/web/member.html'), '<!doctype html><title>trustpulse</title>')
  const databaseFile = join(dir, 'trustpulse.db')
  const secretKey = randomBytes(32).toString('hex')

  const start = async (): Promise<NodeServer> => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${databaseFile}`,
      SECRET_KEY: secretKey,
    }
    for (const name of ['PUBLIC_URL', 'SETUP_TOKEN', 'DATABASE_AUTH_TOKEN']) delete env[name]
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/node.ts'], {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (b) => (output += b))
    child.stderr!.on('data', (b) => (output += b))
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    const alive = () => child.exitCode === null && child.signalCode === null
    const end = async (signal: NodeJS.Signals) => {
      if (alive()) child.kill(signal)
      await exited
    }
    const deadline = Date.now() + 60_000
    for (;;) {
      if (!alive()) throw new Error(`the server exited before it was healthy:\n${output}`)
      try {
        const res = await fetch(`${url}/api/health`)
        if (res.ok) break
      } catch {}
      if (Date.now() > deadline) {
        await end('SIGKILL')
        throw new Error(`the server was not healthy within 60 s:\n${output}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    return {
      url,
      child,
      crash: () => end('SIGKILL'),
      stop: () => end('SIGTERM'),
      log: () => output,
    }
  }
  return {
    dir,
    databaseFile,
    secretKey,
    start,
    remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }),
  }
}

export interface HttpReply {
  status: number
  body: any
  headers: Headers
}

/** A small fetch client that keeps a session cookie. */
export class HttpClient {
  cookie?: string
  constructor(public base: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpReply> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie?.startsWith('session=')) this.cookie = setCookie.split(';')[0]
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = text
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }

  /** As `call`, throwing unless the status is `status`. */
  async expect(
    status: number,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<any> {
    const res = await this.call(method, path, body, headers)
    if (res.status !== status)
      throw new Error(
        `${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      )
    return res.body
  }
}

// The real server (`node --import tsx api/node.ts`) as a child process on a free port of
// 127.0.0.1, with a fresh database file and data dir, removed again when it stops.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { freePort } from '../../helpers/node-server'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export interface RunningServer {
  url: string
  /** The server's database (for commands run beside it, as an operator would). */
  databaseUrl: string
  /** The sources and build it serves (a second server can serve the same build). */
  appDir: string
  stop(): Promise<void>
  /** The server's output so far (written to test-output/e2e/server.log). */
  log(): string
}

/** The caller's environment with `vars`, less what would point the server elsewhere. */
function serverEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...vars }
  for (const name of ['PUBLIC_URL', 'SETUP_TOKEN', 'SECRET_KEY', 'DATABASE_AUTH_TOKEN']) {
    delete env[name]
  }
  return env
}

/**
 * A private copy of the server and front-end sources (node_modules linked), so the run builds
 * and serves its own dist/web: others may edit web/ or rebuild dist/ in this work tree while the
 * scenarios run, and a bundle replaced mid-run breaks pages that load their chunks lazily.
 */
function snapshot(dir: string): string {
  const app = join(dir, 'app')
  for (const name of ['api', 'schema', 'web', 'package.json', 'tsconfig.json', 'vite.config.ts']) {
    cpSync(join(root, name), join(app, name), { recursive: true })
  }
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir')
  return app
}

/** A database (and its secret) filled beforehand, and the build of a server already started. */
export interface ServerOptions {
  databaseUrl?: string
  secretFile?: string
  appDir?: string
}

/**
 * Starts the server from a snapshot of the sources (E2E_IN_PLACE=1: from the work tree, reusing
 * its build) and resolves once GET /api/health answers `{ ok: true }`. The server builds the
 * front end first, so that may take a while.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'trustpulse-e2e-'))
  const url = `http://127.0.0.1:${port}`
  const databaseUrl = options.databaseUrl ?? `file:${join(dir, 'e2e.db')}`
  const appDir = options.appDir ?? (process.env.E2E_IN_PLACE ? root : snapshot(dir))
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/node.ts'], {
    cwd: appDir,
    env: serverEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SECRET_KEY_FILE: options.secretFile ?? join(dir, 'secret', 'secret.key'),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (b) => (output += b))
  child.stderr.on('data', (b) => (output += b))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  }
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`The server exited (${child.exitCode}) before it was healthy:\n${output}`)
    }
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok && (await res.json()).ok === true) break
    } catch {}
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The server was not healthy within 120 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return { url, databaseUrl, appDir, stop, log: () => output }
}

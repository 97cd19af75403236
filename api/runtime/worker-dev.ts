// `npm run dev:edge`: the Worker under workerd on this machine, from a fresh clone after `npm ci`.
// Builds the front end if dist/web is missing, makes a git-ignored .dev.vars with a random
// SECRET_KEY if there is none, applies the migrations to the LOCAL D1 database and runs
// `wrangler dev` on 127.0.0.1:$PORT (default 8788). test/edge uses the same steps (startEdge).
//
//   npm run dev:edge [-- --port 8790 --persist-to /tmp/state --test-scheduled <more wrangler dev flags>]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js')

/** Environment for every wrangler call: no telemetry, no prompts, no network look-ups. */
export const wranglerEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CI: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
})

/** A line without terminal colour codes. */
const plain = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '')

/** `npm run build` when dist/web lacks either page or the OpenAPI document the Worker serves. */
export function ensureFrontEnd(): void {
  const web = join(root, 'dist/web')
  if (['index.html', 'member.html', 'openapi.json'].every((f) => existsSync(join(web, f)))) return
  console.log('dev:edge: building the front end (dist/web is missing)…')
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('npm run build failed')
}

/**
 * Makes sure `file` (default the git-ignored .dev.vars, which wrangler dev reads) holds a
 * SECRET_KEY: writes 32 random bytes in hex, readable only by this user. Never prints the key.
 */
export function ensureSecret(file = join(root, '.dev.vars')): void {
  const line = `SECRET_KEY=${randomBytes(32).toString('hex')}\n`
  if (!existsSync(file)) {
    writeFileSync(
      file,
      `# Local secrets for wrangler dev (git-ignored). Made by api/runtime/worker-dev.ts.\n${line}`,
      { mode: 0o600 },
    )
    console.log(`dev:edge: wrote ${file} with a random SECRET_KEY`)
  } else if (!/^\s*SECRET_KEY\s*=/m.test(readFileSync(file, 'utf8'))) {
    appendFileSync(file, (readFileSync(file, 'utf8').endsWith('\n') ? '' : '\n') + line)
    console.log(`dev:edge: added a random SECRET_KEY to ${file}`)
  }
}

/** `wrangler d1 migrations apply trustpulse --local`, into `persistTo` when given. */
export function applyMigrations(persistTo?: string): void {
  const args = [wrangler, 'd1', 'migrations', 'apply', 'trustpulse', '--local']
  if (persistTo) args.push('--persist-to', persistTo)
  const run = spawnSync(process.execPath, args, { cwd: root, env: wranglerEnv(), encoding: 'utf8' })
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr)
    throw new Error('wrangler d1 migrations apply failed')
  }
  const applied = new Set([...run.stdout.matchAll(/(\S+\.sql)\s*│\s*✅/g)].map((m) => m[1]))
  console.log(
    `dev:edge: local D1 migrations up to date (${applied.size ? `applied ${[...applied].join(', ')}` : 'none to apply'})`,
  )
}

export interface EdgeOptions {
  port: number
  /** Local state (D1, rate limiter) directory; wrangler's default is .wrangler/state. */
  persistTo?: string
  /** A dotenv file with the secrets, instead of .dev.vars (wrangler then ignores .dev.vars). */
  envFile?: string
  /** Serve /__scheduled so tests can fire the cron handler. */
  testScheduled?: boolean
  /** Further `wrangler dev` flags. */
  extra?: string[]
  /** Every line wrangler (and the Worker's console) prints, uncoloured; default: straight to this terminal. */
  onLine?: (line: string) => void
}

export interface Edge {
  url: string
  child: ChildProcess
  /** Resolves when wrangler has exited. */
  exited: Promise<number | null>
  /** Ends wrangler and workerd (their whole process group). */
  stop(): Promise<void>
}

/** Starts `wrangler dev` on 127.0.0.1 in its own process group (so workerd can be ended with it). */
export function startWrangler(options: EdgeOptions): Edge {
  const args = [
    wrangler,
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--show-interactive-dev-session=false',
  ]
  if (options.persistTo) args.push('--persist-to', options.persistTo)
  if (options.envFile) args.push('--env-file', options.envFile)
  if (options.testScheduled) args.push('--test-scheduled')
  args.push(...(options.extra ?? []))
  const { onLine } = options
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: onLine ? { ...wranglerEnv(), NO_COLOR: '1', FORCE_COLOR: '0' } : wranglerEnv(),
    // Its own process group, so stop() ends workerd with it; no stdin (no interactive keys).
    detached: true,
    stdio: ['ignore', onLine ? 'pipe' : 'inherit', onLine ? 'pipe' : 'inherit'],
  })
  if (onLine)
    for (const stream of [child.stdout!, child.stderr!]) {
      let rest = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n')
        rest = lines.pop() ?? ''
        for (const line of lines) onLine(plain(line))
      })
      stream.on('end', () => rest && onLine(plain(rest)))
    }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // The group is gone already.
    }
  }
  // Whatever ends this process ends wrangler and workerd too.
  const onExit = () => kill('SIGKILL')
  process.once('exit', onExit)
  return {
    url: `http://127.0.0.1:${options.port}`,
    child,
    exited,
    async stop() {
      process.removeListener('exit', onExit)
      if (child.exitCode === null && child.signalCode === null) {
        kill('SIGTERM')
        const timer = setTimeout(() => kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      kill('SIGKILL') // workerd, should it have outlived wrangler
    },
  }
}

/** Polls GET /api/health until it answers 200, wrangler exits, or `timeoutMs` passes. */
export async function waitForHealth(edge: Edge, timeoutMs = 120_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void edge.exited.then(() => (exited = true))
  for (;;) {
    if (exited) throw new Error('wrangler dev exited before the Worker answered')
    try {
      const res = await fetch(`${edge.url}/api/health`, { signal: AbortSignal.timeout(15_000) })
      if (res.status === 200) return await res.json()
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`no answer from ${edge.url}/api/health within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

function parseArgs(argv: string[]) {
  const options: EdgeOptions = { port: Number(process.env.PORT ?? 8788), extra: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value`)
      return v
    }
    if (arg === '--port' || arg.startsWith('--port=')) options.port = Number(value())
    else if (arg === '--persist-to' || arg.startsWith('--persist-to='))
      options.persistTo = resolve(value())
    else if (arg === '--env-file' || arg.startsWith('--env-file='))
      options.envFile = resolve(value())
    else if (arg === '--test-scheduled') options.testScheduled = true
    else if (arg === '--ip' || arg.startsWith('--ip='))
      throw new Error('dev:edge listens on 127.0.0.1 only')
    else options.extra!.push(arg)
  }
  if (!Number.isInteger(options.port) || options.port <= 0)
    throw new Error('PORT must be a port number')
  return options
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  ensureFrontEnd()
  if (!options.envFile) ensureSecret()
  applyMigrations(options.persistTo)
  const edge = startWrangler(options)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void edge.stop().then(() => process.exit(0)))
  }
  process.exitCode = (await edge.exited) ?? 0
  await edge.stop()
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`dev:edge: ${error.message}`)
    process.exit(1)
  })
}

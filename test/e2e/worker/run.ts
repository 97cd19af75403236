// `npm run test:edge`: the Worker under workerd (wrangler dev, local D1) driven over HTTP.
// Starts what `npm run dev:edge` starts, on a free port of 127.0.0.1, with a fresh local state in
// a temporary directory and its own secrets file; runs test/e2e/worker/worker.e2e.ts and
// log.e2e.ts (in that order: the second signs in as the owner the first set up); prints uvu's
// summary (Total / Passed / Skipped) and which signing path the Worker used; always ends
// wrangler and workerd (their process group), and exits non-zero on any failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import {
  applyMigrations,
  ensureFrontEnd,
  startWrangler,
  waitForHealth,
  type Edge,
} from '../../../api/runtime/worker-dev'

/** A port nobody listens on at 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

const ms = (since: number) => Math.round(performance.now() - since)
const timings: string[] = []
const timed = async <T>(what: string, work: () => T | Promise<T>): Promise<T> => {
  const start = performance.now()
  const result = await work()
  timings.push(`${what} ${ms(start)} ms`)
  return result
}

const state = mkdtempSync(join(tmpdir(), 'trustpulse-edge-'))
const lines: string[] = []
let edge: Edge | undefined
const cleanUp = async () => {
  await edge?.stop()
  rmSync(state, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().then(() => process.exit(1)))

try {
  await timed('front end', ensureFrontEnd)
  const persistTo = join(state, 'wrangler')
  await timed('D1 migrations (local)', () => applyMigrations(persistTo))
  // Its own secrets, so a developer's .dev.vars is neither read nor written. The key is
  // base64url here (dev:edge writes hex): the Worker must read both, as Node does.
  const envFile = join(state, 'test.env')
  writeFileSync(
    envFile,
    `SECRET_KEY=${randomBytes(32).toString('base64url')}\nSETUP_TOKEN=edge-setup-token\n`,
    { mode: 0o600 },
  )
  const [port, inspector] = [await freePort(), await freePort()]
  edge = startWrangler({
    port,
    persistTo,
    envFile,
    testScheduled: true,
    extra: ['--inspector-port', String(inspector), '--inspector-ip', '127.0.0.1'],
    onLine: (line) => void lines.push(line),
  })
  await timed('wrangler dev until /api/health answers', () => waitForHealth(edge!))
} catch (error) {
  console.error(`test:edge could not start the Worker: ${(error as Error).message}`)
  console.error(lines.slice(-40).join('\n'))
  // A uvu-shaped summary, so a runner counting them sees the failure.
  console.log('\n  Total:     1\n  Passed:    0\n  Skipped:   0\n')
  await cleanUp()
  process.exit(1)
}

// Queue the suites the way uvu's CLI does, then run them once wrangler is up.
const globals = globalThis as { UVU_DEFER?: number; UVU_QUEUE?: unknown[][]; UVU_INDEX?: number }
globals.UVU_DEFER = 1
globals.UVU_QUEUE = [['test/e2e/worker/worker.e2e.ts'], ['test/e2e/worker/log.e2e.ts']]
globals.UVU_INDEX = 0
const { exec } = await import('uvu')
const { register } = await import('./worker.e2e')
register({ url: edge.url, lines })
globals.UVU_INDEX = 1
const { register: registerLog } = await import('./log.e2e')
registerLog({ url: edge.url, lines })
const suites = performance.now()
await exec()
timings.push(`suites ${ms(suites)} ms`)

const path = lines
  .find((l) => l.includes('signing path:'))
  ?.replace(/^.*signing path:\s*/, '')
  .trim()
const ran = process.exitCode ?? 0
// Let workerd's last log lines reach wrangler and this process before the group is ended.
await new Promise((r) => setTimeout(r, 1000))
await cleanUp()
console.log(`  Signing path (from the Worker's log): ${path ?? 'not logged'}`)
console.log(`  Timings: ${timings.join('; ')}\n`)
const errors = lines.filter((l) => /^✘ \[ERROR\] error /.test(l))
if (ran !== 0 && errors.length) {
  console.error('  Errors the Worker logged:')
  for (const line of errors.slice(-20))
    console.error(`    ${line.replace(/^✘ \[ERROR\] /, '').slice(0, 240)}`)
}
process.exit(ran)

// What threads.e2e.ts runs beside the server, as its operator would.
import { spawn } from 'node:child_process'
import { e2e } from './harness'
import { root } from './server'

/** `npm run follow-ups:release` on the server's database, as its operator would run it. */
export function releaseCommand(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/runtime/release-follow-ups.ts'], {
    cwd: e2e.appDir || root,
    env: { ...process.env, DATABASE_URL: e2e.databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (b) => (out += b))
  child.stderr.on('data', (b) => (out += b))
  return new Promise((done, fail) =>
    child.once('close', (code) =>
      code === 0 ? done(out) : fail(new Error(`follow-ups:release exited ${code}: ${out}`)),
    ),
  )
}

// `npm run test:e2e`: starts the real server and a headless Chromium, runs the end-to-end
// scenarios (test/e2e/browser/*.e2e.ts) as uvu suites in story order, prints uvu's summary, and always
// stops the server and the browser. Exits non-zero on any failure. Screenshots, failure
// screenshots and the server's log go to test-output/e2e/. Environment: CHROMIUM_PATH (default
// /usr/bin/chromium), E2E_IN_PLACE=1 (serve this work tree and its build instead of a
// snapshot), E2E_TIMING=1 (print how long each page's screenshot and axe check took).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { e2e, launchBrowser, outDir } from './harness'
import { startServer, type RunningServer } from './server'

// Suites register with uvu as they are imported and run only when exec() is called.
const uvu = globalThis as typeof globalThis & {
  UVU_DEFER?: number
  UVU_QUEUE?: unknown[][]
  UVU_INDEX?: number
}
uvu.UVU_DEFER = 1

const files = [
  'organizer.e2e.ts',
  'members.e2e.ts',
  'languages.e2e.ts',
  'report.e2e.ts',
  'meetings.e2e.ts',
  'members-page.e2e.ts',
  'editor.e2e.ts',
  'team.e2e.ts',
  'outbox.e2e.ts',
  'devices.e2e.ts',
  'verify.e2e.ts',
  'year.e2e.ts',
  'member-pages.e2e.ts',
  'first-run.e2e.ts',
  'threads.e2e.ts',
  'actions.e2e.ts',
  'accessibility.e2e.ts',
]
const limitMs = 15 * 60_000
const started = Date.now()
let server: RunningServer | undefined
// When the scenarios cannot run at all, this counts as one failed test for whoever reads uvu's
// summary (.ci/run adds up its Total / Passed / Skipped lines).
const summaryOfOneFailure = '\n  Total:     1\n  Passed:    0\n  Skipped:   0\n'

async function stopAll() {
  const browser = e2e.browser
  e2e.browser = undefined
  await browser?.close().catch(() => {})
  const s = server
  server = undefined
  if (s) {
    writeFileSync(join(outDir, 'server.log'), s.log())
    await s.stop().catch(() => {})
  }
}

const watchdog = setTimeout(() => {
  console.error(`\ne2e: still running after ${limitMs / 60_000} minutes; stopping.`)
  console.log(summaryOfOneFailure)
  void stopAll().finally(() => process.exit(1))
}, limitMs)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)))
}

try {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  server = await startServer()
  e2e.baseUrl = server.url
  e2e.databaseUrl = server.databaseUrl
  e2e.appDir = server.appDir
  e2e.browser = await launchBrowser()
  console.log(
    `e2e: server at ${server.url} (ready after ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )
  const { exec } = await import('uvu')
  uvu.UVU_QUEUE ??= []
  for (const [i, file] of files.entries()) {
    uvu.UVU_QUEUE.push([file])
    uvu.UVU_INDEX = i
    await import(`./${file}`)
  }
  await exec()
  if (process.exitCode) {
    // Leave a picture of where each open page stood when something failed.
    const pages = e2e.browser?.contexts().flatMap((c) => c.pages()) ?? []
    await Promise.all(
      pages.map((p, i) =>
        p
          .screenshot({ path: join(outDir, `failure-${i + 1}.png`), fullPage: true })
          .catch(() => {}),
      ),
    )
  }
} catch (error) {
  console.error(`\ne2e: could not run: ${(error as Error).stack ?? error}`)
  console.log(summaryOfOneFailure)
  process.exitCode = 1
} finally {
  await stopAll()
  clearTimeout(watchdog)
}

if (e2e.notes.size) console.log(`Notes:\n${[...e2e.notes].map((n) => `  - ${n}`).join('\n')}`)
console.log(
  `Screenshots (${e2e.shots.length}) in test-output/e2e/; e2e run took ${((Date.now() - started) / 1000).toFixed(1)} s.`,
)
process.exit(process.exitCode ?? 0)

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import { createApp } from './app'
import { openApiSource } from './openapi'
import { smtpMailer } from './delivery/smtp'
import { nodeRawRsa } from './runtime/node-raw-rsa'
import { databaseFiles, openDatabase } from './runtime/node-db'
import { createCommentPool } from './pulses/comment-pool'
import {
  buildFrontEnd,
  memoryRateLimiter,
  secretBesideDatabase,
  serverSecret,
  setupTokenFor,
  webRoot,
} from './runtime/node-support'
import { pageFor } from './runtime/pages'
import { createBlindSigner } from './privacy/blind-signing'
import { runScheduler } from './pulses/scheduler'
import { upgradeDatabase } from './db/upgrade'

const env = process.env
const port = Number(env.PORT ?? 8787)
const host = env.HOST ?? '127.0.0.1'
const databaseUrl = env.DATABASE_URL ?? 'file:data/trustpulse.db'
const { secret, file: secretFile } = serverSecret(env)
const besideDatabase = secretBesideDatabase(secretFile, databaseUrl)
if (besideDatabase) console.error(besideDatabase)

await buildFrontEnd()
const db = await openDatabase(databaseUrl, env.DATABASE_AUTH_TOKEN)
const setupToken = await setupTokenFor(db, host, env.SETUP_TOKEN)

const isFile = (path: string) =>
  !path.includes('..') && statSync(join(webRoot, path), { throwIfNoEntry: false })?.isFile()
// Built files as they are; any other path gets the page that routes it in the browser. Hashed
// bundles never change; pages are revalidated so a new build is picked up at once.
const assets: MiddlewareHandler = serveStatic({
  root: webRoot,
  rewriteRequestPath: (path) => (path !== '/' && isFile(path) ? path : pageFor(path)),
  onFound: (path, c) => {
    c.header(
      'cache-control',
      path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    )
  },
})

// Email through SMTP when configured; otherwise messages wait in the outbox to be copied.
if (env.SMTP_URL && !env.MAIL_FROM)
  throw new Error('SMTP_URL is set: set MAIL_FROM too (the sender address).')
const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM!) : undefined

const background = new Set<Promise<unknown>>()
const files = databaseFiles(db, databaseUrl)
const commentPool = createCommentPool(db)
const deps = {
  db,
  files,
  commentPool,
  now: Date.now,
  secret,
  signer: createBlindSigner({ rawRsa: nodeRawRsa }),
  publicUrl: env.PUBLIC_URL,
  setupToken,
  rateLimit: memoryRateLimiter({ attempts: 10, windowMs: 15 * 60 * 1000 }),
  background: (task: Promise<unknown>) => {
    const tracked = task.catch((error) =>
      console.error(`background task failed: ${error?.name ?? 'error'}`),
    )
    background.add(tracked)
    void tracked.finally(() => background.delete(tracked))
  },
  log: (line: string) => console.error(line),
  assets,
  mailer,
  openApi: openApiSource(),
}
await upgradeDatabase(deps)
const app = createApp(deps)

// One tick at a time: a tick that prepares many keys may outlast the interval.
let ticking: Promise<unknown> | undefined
const tick = () =>
  (ticking ??= runScheduler(deps)
    .catch((error) =>
      console.error(`scheduler: ${error?.name ?? 'error'}: ${error?.message ?? ''}`),
    )
    .finally(() => (ticking = undefined)))
await tick()
const ticker = setInterval(tick, 30_000)
ticker.unref()

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : info.address
  console.log(
    `trustpulse is running at http://${shown.includes(':') ? `[${shown}]` : shown}:${info.port}`,
  )
  if (setupToken && !env.SETUP_TOKEN)
    console.log(`First-run setup token (needed once, on the setup page): ${setupToken}`)
})

// A clean stop: no new requests, work in flight finishes, held comments are written, and the
// database is checkpointed (the WAL truncated) and closed, so no deleted row waits in the WAL.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(ticker)
    void (async () => {
      // Requests in flight finish (5 s at most) before the database closes under them.
      await new Promise<void>((done) => {
        server.close(() => done())
        setTimeout(() => {
          ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
          done()
        }, 5000).unref()
      })
      await Promise.allSettled([...background, ticking])
      await commentPool
        .flushAll()
        .catch((error) =>
          console.error(`stopping: comments not written: ${error?.name ?? 'error'}`),
        )
      await files?.close()
      process.exit(0)
    })()
  })
}

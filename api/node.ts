import { statSync } from 'node:fs'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import { createApp } from './app'
import { smtpMailer } from './delivery/smtp'
import { nodeRawRsa } from './node-raw-rsa'
import { openDatabase } from './node-db'
import { buildFrontEnd, memoryRateLimiter, serverSecret, setupTokenFor, webRoot } from './node-support'
import { pageFor } from './pages'
import { createBlindSigner } from './privacy/blind-signing'
import { runScheduler } from './scheduler'

const env = process.env
const port = Number(env.PORT ?? 8787)
const host = env.HOST ?? '127.0.0.1'
const databaseUrl = env.DATABASE_URL ?? 'file:data/trustpulse.db'
const dataDir = env.DATA_DIR ?? 'data'

await buildFrontEnd()
const db = await openDatabase(databaseUrl, env.DATABASE_AUTH_TOKEN)
const setupToken = await setupTokenFor(db, host, env.SETUP_TOKEN)

const isFile = (path: string) => !path.includes('..') && statSync(join(webRoot, path), { throwIfNoEntry: false })?.isFile()
// Built files as they are; any other path gets the page that routes it in the browser. Hashed
// bundles never change; pages are revalidated so a new build is picked up at once.
const assets: MiddlewareHandler = serveStatic({
  root: webRoot,
  rewriteRequestPath: (path) => (path !== '/' && isFile(path) ? path : pageFor(path)),
  onFound: (path, c) => {
    c.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
  },
})

// Email through SMTP when configured; otherwise messages wait in the outbox to be copied.
if (env.SMTP_URL && !env.MAIL_FROM) throw new Error('SMTP_URL is set: set MAIL_FROM too (the sender address).')
const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM!) : undefined

const background = new Set<Promise<unknown>>()
const deps = {
  db,
  now: Date.now,
  secret: serverSecret(dataDir, env.SECRET_KEY),
  signer: createBlindSigner({ rawRsa: nodeRawRsa }),
  publicUrl: env.PUBLIC_URL,
  setupToken,
  rateLimit: memoryRateLimiter({ attempts: 10, windowMs: 15 * 60 * 1000 }),
  background: (task: Promise<unknown>) => {
    const tracked = task.catch((error) => console.error(`background task failed: ${error?.name ?? 'error'}`))
    background.add(tracked)
    void tracked.finally(() => background.delete(tracked))
  },
  log: (line: string) => console.error(line),
  assets,
  mailer,
}
const app = createApp(deps)

// One tick at a time: a tick that prepares many keys may outlast the interval.
let ticking: Promise<unknown> | undefined
const tick = () =>
  (ticking ??= runScheduler(deps)
    .catch((error) => console.error(`scheduler: ${error?.name ?? 'error'}: ${error?.message ?? ''}`))
    .finally(() => (ticking = undefined)))
await tick()
setInterval(tick, 30_000).unref()

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : info.address
  console.log(`trustpulse is running at http://${shown.includes(':') ? `[${shown}]` : shown}:${info.port}`)
  if (setupToken && !env.SETUP_TOKEN) console.log(`First-run setup token (needed once, on the setup page): ${setupToken}`)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    void Promise.allSettled(background).then(() => process.exit(0))
  })
}

// The server under load, run as a child process of bench/run.ts. It builds the app as api/node.ts
// does (createApp over a libSQL file database in WAL mode, raw-RSA blind signer, in-memory rate
// limiter, scheduler timer) and adds one bench-only route, `POST /bench/baseline`: a zod/mini
// validated insert of one row, the same-run baseline the other figures are divided by. That
// route exists only here, never in the product app.
//
// Environment: DATABASE_URL (a temporary file), SECRET_KEY (hex, shared with the parent so it can
// mint tokens), DATA_DIR. Listens on 127.0.0.1, on a free port it reports to the parent over IPC.
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import * as z from 'zod/mini'
import { createApp } from '../api/app'
import { newId } from '../api/privacy/ids'
import { jsonBody } from '../api/http/validate'
import { nodeRawRsa } from '../api/runtime/node-raw-rsa'
import { databaseFiles, openDatabase } from '../api/runtime/node-db'
import { createCommentPool } from '../api/pulses/comment-pool'
import { memoryRateLimiter, serverSecret } from '../api/runtime/node-support'
import { createBlindSigner } from '../api/privacy/blind-signing'
import { runScheduler } from '../api/pulses/scheduler'

const env = process.env
if (!env.DATABASE_URL?.startsWith('file:'))
  throw new Error('bench/server.ts needs DATABASE_URL=file:<temporary file>')
if (!env.SECRET_KEY) throw new Error('bench/server.ts needs SECRET_KEY')

// The parent owns this process: when it goes away (even killed), so does the server.
process.on('disconnect', () => process.exit(0))

const db = await openDatabase(env.DATABASE_URL)
// Diagnostic only (bench/README.md): BENCH_SQLITE_SYNCHRONOUS=NORMAL shows what the figures would
// be without an fsync per commit. Unset, the database is exactly as api/node.ts opens it.
if (env.BENCH_SQLITE_SYNCHRONOUS) {
  const mode = env.BENCH_SQLITE_SYNCHRONOUS.toUpperCase()
  if (!['OFF', 'NORMAL', 'FULL', 'EXTRA'].includes(mode))
    throw new Error('BENCH_SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA')
  await db.run(sql.raw(`PRAGMA synchronous = ${mode}`))
}
const background = new Set<Promise<unknown>>()
const deps = {
  db,
  files: databaseFiles(db, env.DATABASE_URL!),
  commentPool: createCommentPool(db),
  now: Date.now,
  secret: serverSecret(env).secret,
  signer: createBlindSigner({ rawRsa: nodeRawRsa }),
  publicUrl: undefined,
  setupToken: undefined,
  rateLimit: memoryRateLimiter({ attempts: 10, windowMs: 15 * 60 * 1000 }),
  background: (task: Promise<unknown>) => {
    const tracked = task.catch((error) =>
      console.error(`background task failed: ${error?.name ?? 'error'}`),
    )
    background.add(tracked)
    void tracked.finally(() => background.delete(tracked))
  },
  log: (line: string) => console.error(line),
}
const app = createApp(deps)

// The baseline: parse and validate a small JSON body with zod/mini, insert one row with a random
// key. It goes through the same server, middleware on '*' and database as the product routes.
await db.run(
  sql`CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, pulse_id TEXT, value TEXT)`,
)
const baselineBody = z.object({
  pulseId: z.string().check(z.minLength(1), z.maxLength(64)),
  value: z.string().check(z.maxLength(200)),
})
app.post('/bench/baseline', jsonBody(baselineBody), async (c) => {
  const { pulseId, value } = c.req.valid('json')
  await db.run(
    sql`INSERT INTO bench_rows (id, pulse_id, value) VALUES (${newId()}, ${pulseId}, ${value})`,
  )
  return c.json({ ok: true }, 201)
})

const tick = () =>
  runScheduler(deps).catch((error) =>
    console.error(`scheduler: ${error?.name ?? 'error'}: ${error?.message ?? ''}`),
  )
await tick()
setInterval(tick, 30_000).unref()

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.send?.({ ready: true, port: info.port })
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    void Promise.allSettled(background).then(() => process.exit(0))
    setTimeout(() => process.exit(0), 2000).unref()
  })
}

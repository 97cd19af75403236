import { createClient } from '@libsql/client/web'
import { drizzle as drizzleD1 } from 'drizzle-orm/d1'
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web'
import type { ExecutionContext, MiddlewareHandler } from 'hono'
import { createApp } from './app'
import { resendMailer } from './delivery/resend'
import { schema, type Db } from './db'
import type { AppDeps } from './deps'
import { Problem, problemResponse } from './http/problem'
import { pageFor } from './runtime/pages'
import { createRuntimeBlindSigner } from './privacy/blind-signing'
import { parseServerSecret } from './privacy/server-keys'
import { runScheduler } from './pulses/scheduler'
import { upgradeDatabase } from './db/upgrade'

/** Bindings and secrets from wrangler.toml and `wrangler secret put` (`.dev.vars` locally). */
export interface Env {
  DB?: Parameters<typeof drizzleD1>[0]
  DATABASE_URL?: string
  DATABASE_AUTH_TOKEN?: string
  SECRET_KEY?: string
  SETUP_TOKEN?: string
  PUBLIC_URL?: string
  /** Email through Resend when set (`wrangler secret put RESEND_API_KEY`), from MAIL_FROM. */
  RESEND_API_KEY?: string
  MAIL_FROM?: string
  /** Resend's API base, for tests (default https://api.resend.com). */
  RESEND_BASE_URL?: string
  ASSETS: { fetch: (request: Request) => Promise<Response> }
  LOGIN_LIMITER?: { limit: (options: { key: string }) => Promise<{ success: boolean }> }
}

// Work started by a request or a cron tick (key generation) runs after it, under its waitUntil.
const pending: Promise<unknown>[] = []
const flush = (ctx: ExecutionContext) => {
  if (pending.length) ctx.waitUntil(Promise.allSettled(pending.splice(0)))
}

type D1 = NonNullable<Env['DB']>
type BatchItem = {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[] }
    mapResult(result: unknown, fromBatch: boolean): unknown
  }
}

/**
 * Drizzle over the D1 binding, with one fix: drizzle-orm 0.45's D1 `batch` binds parameters
 * through the prepared statement of each item, which a raw `db.run(sql)` item does not have
 * ("Cannot read properties of undefined (reading 'bind')", drizzle-orm issue #2277). Every item
 * is prepared from its SQL instead, as drizzle already does for items without parameters; it
 * stays one atomic D1 batch.
 */
function d1Database(binding: D1): Db {
  const db = drizzleD1(binding, { schema })
  const session = (
    db as unknown as { session: { batch: (items: BatchItem[]) => Promise<unknown[]> } }
  ).session
  session.batch = async (items) => {
    const prepared = items.map((item) => item._prepare())
    const statements = prepared.map((p) => {
      const { sql, params } = p.getQuery()
      return binding.prepare(sql).bind(...params)
    })
    const results = await binding.batch(statements)
    return results.map((result: unknown, i: number) => prepared[i].mapResult(result, true))
  }
  return db as unknown as Db
}

function database(env: Env): Db {
  if (env.DB) return d1Database(env.DB)
  if (!env.DATABASE_URL)
    throw new Error('Bind a D1 database as DB, or set DATABASE_URL for libSQL.')
  return drizzleLibsql(
    createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }),
    { schema },
  )
}

/** SECRET_KEY, read as Node reads it. */
function secretKey(value: string | undefined): Uint8Array {
  if (!value?.trim())
    throw new Error('SECRET_KEY is not set: `wrangler secret put SECRET_KEY` (locally: .dev.vars).')
  return parseServerSecret(value)
}

/** The OpenAPI document the front-end build wrote (vite.config.ts), read from the assets. */
async function builtOpenApi(env: Env): Promise<unknown> {
  const file = await env.ASSETS.fetch(new Request('https://assets.invalid/openapi.json'))
  if (!file.ok) throw new Error('dist/web/openapi.json is missing: run `npm run build`.')
  return file.json()
}

/**
 * Serves the built front end from the ASSETS binding (`html_handling = "none"` in wrangler.toml,
 * so a file is served under its own name and never redirected). A path that is not a file gets
 * the page that routes it in the browser: /join and /m/… the member page, the rest the organizer
 * app; a missing /assets/… file stays a 404.
 */
function assetsFrom(env: Env): MiddlewareHandler {
  return async (c) => {
    const url = new URL(c.req.url)
    const file = await env.ASSETS.fetch(new Request(url, c.req.raw))
    if (file.status !== 404 || url.pathname.startsWith('/assets/'))
      return new Response(file.body, file)
    url.pathname = pageFor(url.pathname)
    const page = await env.ASSETS.fetch(new Request(url, c.req.raw))
    return new Response(page.body, page)
  }
}

type Made = { app: ReturnType<typeof createApp>; deps: AppDeps }
let made: { env: Env; ready: Promise<Made> } | undefined

/** One app per isolate and environment: the imported signing keys stay cached between requests. */
function appFor(env: Env): Promise<Made> {
  if (made?.env !== env) {
    const ready = build(env)
    made = { env, ready }
    // A configuration error is reported on every request until it is fixed, not cached.
    ready.catch(() => made?.ready === ready && (made = undefined))
  }
  return made.ready
}

async function build(env: Env): Promise<Made> {
  const limiter = env.LOGIN_LIMITER
  const log = (line: string) => console.error(line)
  const signer = await createRuntimeBlindSigner()
  const deps: AppDeps = {
    db: database(env),
    now: Date.now,
    secret: secretKey(env.SECRET_KEY),
    signer,
    publicUrl: env.PUBLIC_URL,
    setupToken: env.SETUP_TOKEN,
    rateLimit: async (key) => (limiter ? (await limiter.limit({ key })).success : true),
    background: (task) =>
      void pending.push(
        task.catch((error) => log(`background task failed: ${error?.name ?? 'error'}`)),
      ),
    log,
    assets: assetsFrom(env),
    mailer: mailerFor(env),
    openApi: () => builtOpenApi(env),
  }
  // Once per isolate: which RSASP1 implementation signs (workerd's RSA-RAW is the fast one).
  console.log(`signing path: ${signer.path}`)
  await upgradeDatabase(deps)
  return { app: createApp(deps), deps }
}

/** Resend when its key is set; without one, email waits in the outbox to be copied. */
function mailerFor(env: Env) {
  if (!env.RESEND_API_KEY) return undefined
  if (!env.MAIL_FROM)
    throw new Error('RESEND_API_KEY is set: set MAIL_FROM too (the sender address).')
  return resendMailer(env.RESEND_API_KEY, env.MAIL_FROM, env.RESEND_BASE_URL)
}

/** A misconfigured Worker answers every request with a 500 problem and logs why. */
function misconfigured(error: unknown): Response {
  console.error(`configuration: ${(error as Error)?.message ?? 'error'}`)
  return problemResponse(new Problem(500, 'The server is not configured correctly; see its logs.'))
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let app: Made['app']
    try {
      ;({ app } = await appFor(env))
    } catch (error) {
      return misconfigured(error)
    }
    const response = await app.fetch(request, env, ctx)
    flush(ctx)
    return response
  },

  /** The cron trigger: opens, skips and closes pulses on time (wrangler.toml `[triggers]`). */
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await appFor(env)
    try {
      const tick = await runScheduler(deps)
      if (tick.created || tick.opened || tick.skipped || tick.closed) {
        console.log(
          `scheduler: created ${tick.created}, opened ${tick.opened}, skipped ${tick.skipped}, closed ${tick.closed}`,
        )
      }
    } catch (error) {
      // The kind of failure and its first line, cut before any bound parameters a query error lists.
      const line = String((error as Error)?.message ?? '')
        .split('\n')[0]
        .split(/params:/i)[0]
        .slice(0, 200)
      deps.log(`scheduler: ${(error as Error)?.name ?? 'error'}: ${line}`)
      throw error
    } finally {
      flush(ctx)
    }
  },
}

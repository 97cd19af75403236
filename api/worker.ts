import { createClient } from '@libsql/client/web'
import { drizzle as drizzleD1 } from 'drizzle-orm/d1'
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web'
import type { ExecutionContext, MiddlewareHandler } from 'hono'
import { createApp } from './app'
import { schema, type Db } from './db'
import type { AppDeps } from './deps'
import { pageFor } from './pages'
import { fromBase64Url } from './privacy/base64url'
import { createRuntimeBlindSigner } from './privacy/blind-signing'
import { runScheduler } from './scheduler'

/** Bindings and secrets from wrangler.toml and `wrangler secret put`. */
export interface Env {
  DB?: Parameters<typeof drizzleD1>[0]
  DATABASE_URL?: string
  DATABASE_AUTH_TOKEN?: string
  SECRET_KEY: string
  SETUP_TOKEN?: string
  PUBLIC_URL?: string
  ASSETS: { fetch: (request: Request) => Promise<Response> }
  LOGIN_LIMITER?: { limit: (options: { key: string }) => Promise<{ success: boolean }> }
}

// Work started by a request (key generation) runs after the answer, under that request's waitUntil.
const pending: Promise<unknown>[] = []

function database(env: Env): Db {
  if (env.DB) return drizzleD1(env.DB, { schema }) as unknown as Db
  if (!env.DATABASE_URL) throw new Error('Bind a D1 database as DB, or set DATABASE_URL for libSQL.')
  return drizzleLibsql(createClient({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }), { schema })
}

let made: { env: Env; app: ReturnType<typeof createApp>; deps: AppDeps } | undefined

/** One app per isolate and environment: the imported signing keys stay cached between requests. */
async function appFor(env: Env) {
  if (made?.env === env) return made
  const assets: MiddlewareHandler = async (c) => {
    const url = new URL(c.req.url)
    const file = await env.ASSETS.fetch(new Request(url, c.req.raw))
    if (file.status !== 404 || url.pathname.startsWith('/assets/')) return new Response(file.body, file)
    url.pathname = pageFor(url.pathname)
    const page = await env.ASSETS.fetch(new Request(url, c.req.raw))
    return new Response(page.body, page)
  }
  const limiter = env.LOGIN_LIMITER
  const deps: AppDeps = {
    db: database(env),
    now: Date.now,
    secret: fromBase64Url(env.SECRET_KEY),
    signer: await createRuntimeBlindSigner(),
    publicUrl: env.PUBLIC_URL,
    setupToken: env.SETUP_TOKEN,
    rateLimit: async (key) => (limiter ? (await limiter.limit({ key })).success : true),
    background: (task) => void pending.push(task),
    log: (line) => console.error(line),
    assets,
  }
  made = { env, app: createApp(deps), deps }
  return made
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { app } = await appFor(env)
    const response = await app.fetch(request, env, ctx)
    if (pending.length) ctx.waitUntil(Promise.allSettled(pending.splice(0)))
    return response
  },

  /** The cron trigger: opens, skips and closes pulses on time (wrangler.toml `[triggers]`). */
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await appFor(env)
    ctx.waitUntil(runScheduler(deps))
  },
}

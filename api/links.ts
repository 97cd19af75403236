import type { Context } from 'hono'
import type { AppEnv } from './deps'

/**
 * An absolute link whose fragment is exactly `key`: browsers never send fragments to servers,
 * so the key stays out of request logs and referrers.
 */
export function keyLink(c: Context<AppEnv>, path: string, key: string): string {
  const base = c.var.deps.publicUrl ?? new URL(c.req.url).origin
  return `${base.replace(/\/+$/, '')}${path}#${key}`
}

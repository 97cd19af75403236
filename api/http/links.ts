import type { Context } from 'hono'
import type { AppEnv } from '../deps'

/**
 * An absolute link whose fragment is exactly `key`: browsers never send fragments to servers,
 * so the key stays out of request logs and referrers.
 */
export function keyLink(c: Context<AppEnv>, path: string, key: string): string {
  return `${siteBase(c)}${path}#${key}`
}

/** The site links point to: PUBLIC_URL, else the request's origin; no trailing slash. */
export function siteBase(c: Context<AppEnv>): string {
  return (c.var.deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')
}

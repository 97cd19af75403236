import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { Problem } from './problem'

const MiB = 1024 * 1024

/**
 * Refuses bodies over the limit with 413 before they are read: 8 MiB for CSV, 1 MiB otherwise.
 *
 * @example app.use('/api/*', bodyLimits())
 */
export function bodyLimits(options: { json?: number; csv?: number } = {}): MiddlewareHandler {
  const { json = MiB, csv = 8 * MiB } = options
  return async function bodyLimits(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const isCsv = (c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv')
    const max = isCsv ? csv : json
    const declared = c.req.header('content-length')
    if (declared !== undefined && /^\d{1,15}$/.test(declared)) {
      if (Number(declared) > max)
        throw new Problem(413, `The body is larger than ${max / MiB} MiB.`)
      // The server reads exactly the declared length (Node's parser and Workers stop there), so
      // the body is left untouched for the route to read the fast way.
      return next()
    }
    if (!c.req.raw.body) return next()
    // Without a length (a chunked body), count while reading and stop at the limit.
    const reader = c.req.raw.body.getReader()
    const parts: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > max) {
        await reader.cancel()
        throw new Problem(413, `The body is larger than ${max / MiB} MiB.`)
      }
      parts.push(value)
    }
    const body = new Uint8Array(size)
    let offset = 0
    for (const part of parts) {
      body.set(part, offset)
      offset += part.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body })
    await next()
  }
}

/**
 * Refuses (403) a state-changing request that its `Origin` or `Sec-Fetch-Site` header marks as
 * cross-site; requests with neither (non-browser clients) pass, as API.md fixes. An `Origin` of
 * `null` passes only with `Sec-Fetch-Site: same-origin`: a browser sends exactly that for a form
 * posted from one of our own pages under `Referrer-Policy: no-referrer` (the unsubscribe button),
 * and a script cannot set `Sec-Fetch-Site`.
 *
 * @example app.use('/api/*', sameOrigin({ except: (path) => path.endsWith('/responses') }))
 */
export function sameOrigin(
  options: { except?: (path: string) => boolean } = {},
): MiddlewareHandler {
  return async function sameOrigin(c, next) {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    if (options.except?.(c.req.path)) return next()
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const ownForm = origin === 'null' && site === 'same-origin'
    const crossSite =
      site === 'cross-site' || (origin !== undefined && !ownForm && !sameHost(origin, c.req.url))
    if (crossSite) throw new Problem(403, 'Cross-site requests are refused.')
    await next()
  }
}

function sameHost(origin: string, url: string): boolean {
  try {
    return new URL(origin).host === new URL(url).host
  } catch {
    return false // "null" or garbage: an opaque origin is never ours
  }
}

/** Security headers for API and pages: a CSP with no inline script, no framing, no referrer. */
export const pageHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  })

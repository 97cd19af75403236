import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppDeps, AppEnv } from './deps'
import { bodyLimits, pageHeaders, sameOrigin } from './http/middleware'
import { Problem, problemResponse } from './http/problem'
import { actionRoutes } from './routes/actions'
import { anonymousRoutes, responsesPath } from './routes/anonymous'
import { communityRoutes } from './routes/communities'
import { deliveryRoutes } from './routes/delivery'
import { logRoutes } from './routes/log'
import { meetingRoutes } from './routes/meetings'
import { memberRoutes } from './routes/member'
import { memberListRoutes } from './routes/members'
import { openApiRoutes } from './routes/openapi'
import { passwordResetRoutes } from './routes/password-resets'
import { pulseRoutes } from './routes/pulses'
import { reportRoutes } from './routes/reports'
import { sessionRoutes } from './routes/session'
import { surveyRoutes } from './routes/surveys'
import { teamRoutes } from './routes/team'
import { threadRoutes } from './routes/threads'
import { unsubscribeRoutes } from './routes/unsubscribe'

const api = new Hono<AppEnv>()
  .route('/', sessionRoutes)
  .route('/', passwordResetRoutes)
  .route('/', communityRoutes)
  .route('/', teamRoutes)
  .route('/', memberListRoutes)
  .route('/', surveyRoutes)
  .route('/', pulseRoutes)
  .route('/', memberRoutes)
  .route('/', anonymousRoutes)
  .route('/', logRoutes)
  .route('/', reportRoutes)
  .route('/', threadRoutes)
  .route('/', deliveryRoutes)
  .route('/', unsubscribeRoutes)
  .route('/', openApiRoutes)
  .route('/', meetingRoutes)
  .route('/', actionRoutes)

/** Paths of the API's routes as regular expressions, to tell 405 from 404. */
function routeMatchers(app: Hono<AppEnv>) {
  return (
    app.routes
      // API routes only: the front end's catch-all must not turn an unknown API path into a 405.
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => ({
        method: r.method,
        pattern: new RegExp('^' + r.path.replace(/:[^/]+/g, '[^/]+').replace(/\*$/, '.*') + '$'),
      }))
  )
}

/** A failure's kind and first line, cut before any bound parameters a query error lists. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error'
  const line = err.message
    .split('\n')[0]
    .split(/params:/i)[0]
    .slice(0, 200)
  return `${err.name}: ${line}`
}

/**
 * Builds the trustpulse app from its dependencies. It never starts a server or opens a
 * database: node.ts and worker.ts do that and pass what they made.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.use('*', pageHeaders())
  app.use('/api/*', async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use('/api/*', sameOrigin({ except: (path) => responsesPath.test(path) }))
  app.use('/api/*', bodyLimits())
  app.route('/api', api)
  if (deps.assets) {
    const assets = deps.assets
    app.on(['GET', 'HEAD'], '*', (c, next) =>
      c.req.path.startsWith('/api/') ? next() : assets(c, next),
    )
  }

  const matchers = routeMatchers(app)
  app.notFound((c) => {
    const allowed = matchers.filter((m) => m.pattern.test(c.req.path)).map((m) => m.method)
    if (c.req.path.startsWith('/api/') && allowed.length > 0) {
      const res = problemResponse(new Problem(405, `Use ${[...new Set(allowed)].join(', ')} here.`))
      res.headers.set('allow', [...new Set(allowed)].join(', '))
      return res
    }
    return problemResponse(new Problem(404, 'There is nothing at this address.'))
  })

  app.onError((err, c) => {
    if (err instanceof Problem) return problemResponse(err)
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(new Problem(err.status, err.message || 'The request was refused.'))
    }
    // Unexpected: log the kind of failure once, never the request body or secrets.
    deps.log(`error ${c.req.method} ${c.req.routePath}: ${describe(err)}`)
    return problemResponse(new Problem(500, 'Something went wrong on our side.'))
  })
  return app
}

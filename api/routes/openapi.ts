import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { notFound } from '../http/problem'

// The document comes from the runtime (AppDeps.openApi): Node builds it from the zod schemas,
// Workers read the copy the front-end build wrote, so the Worker bundle carries no schemas.
export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', async (c) => {
  const document = c.var.deps.openApi
  if (!document) throw notFound('OpenAPI document')
  return c.json((await document()) as object)
})

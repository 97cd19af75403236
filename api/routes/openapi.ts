import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { openApiDocument } from '../openapi'

// Built on first request rather than at module load, and kept: the document never changes.
let document: ReturnType<typeof openApiDocument> | undefined

export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) =>
  c.json((document ??= openApiDocument())),
)

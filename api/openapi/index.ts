import { actionOperations } from './actions'
import { anonymousOperations } from './anonymous'
import { communityOperations } from './communities'
import { deliveryOperations } from './delivery'
import { logOperations } from './log'
import { openApiDocumentOf } from './document'
import { meetingOperations } from './meetings'
import { memberOperations } from './members'
import type { Json, Operation } from './operation'
import { passwordResetOperations } from './password-resets'
import { pulseOperations } from './pulses'
import { reportOperations } from './reports'
import { sessionOperations } from './session'
import { surveyOperations } from './surveys'
import { teamOperations } from './team'
import { threadOperations } from './threads'
import { unsubscribeOperations } from './unsubscribe'

// The API's description (`GET /api/openapi.json`), built from one registry: every route's entry
// names the zod schema its handler validates with, so the document cannot drift from what the
// server accepts. A test fails when a route of the app has no entry, or an entry no route.
// Entries live beside their resource, one file per sub-app of api/routes/ (the member's routes
// and the anonymous ones together in anonymous.ts); only this description's own route is here.

export type { Operation }

/** Merges the resources' entries; a route described twice is a mistake, not an override. */
function registry(...parts: Record<string, Operation>[]): Record<string, Operation> {
  const all: Record<string, Operation> = {}
  for (const part of parts) {
    for (const [route, operation] of Object.entries(part)) {
      if (Object.hasOwn(all, route)) throw new Error(`${route} is described twice`)
      all[route] = operation
    }
  }
  return all
}

/** Every route of the API, by `METHOD /api/path` exactly as Hono lists it. */
export const operations: Record<string, Operation> = registry(
  sessionOperations,
  passwordResetOperations,
  communityOperations,
  teamOperations,
  memberOperations,
  surveyOperations,
  pulseOperations,
  anonymousOperations,
  logOperations,
  reportOperations,
  threadOperations,
  deliveryOperations,
  unsubscribeOperations,
  meetingOperations,
  actionOperations,
  {
    'GET /api/openapi.json': {
      summary: 'This description',
      auth: 'none',
      ok: '200 OpenAPI 3.1 document',
    },
  },
)

/** The OpenAPI 3.1 document of the API; paths in OpenAPI form (`/api/surveys/{sid}`). */
export function openApiDocument(): Json {
  return openApiDocumentOf(operations)
}

/** The document, built on first use and kept: it never changes while the server runs. */
export function openApiSource(): () => Promise<Json> {
  let document: Json | undefined
  return async () => (document ??= openApiDocument())
}

import type * as z from 'zod/mini'

export type Json = Record<string, unknown>
export type Schema = z.core.$ZodType

/** Who may call a route: an organizer's session cookie, a member's key, or anyone. */
export type Auth = 'session' | 'member' | 'none'

/** One route's entry in the registry (api/openapi/index.ts). */
export interface Operation {
  summary: string
  auth: Auth
  /** The success answer: its status, then what it holds (`'201 the community'`). */
  ok: `${number} ${string}`
  /** The JSON body's schema: the route's own zod schema, or JSON Schema where it checks by hand. */
  body?: Schema | Json
  /** The query string's schema (a zod object). */
  query?: Schema
  /** Failures particular to this route, beyond those its auth, params and body imply. */
  errors?: number[]
}

import * as z from 'zod/mini'
import { byQuery, commentsQuery } from '../routes/reports'
import { createCommunityRequest, patchCommunityRequest } from '../routes/communities'
import { outboxQuery, settingsRequest, webhookRequest } from '../routes/delivery'
import { addTurnsRequest, createMeetingRequest, endMeetingRequest } from '../routes/meetings'
import { joinRequest } from '../routes/member'
import { importRequest, listQuery } from '../routes/members'
import { createPulseRequest, scheduleRequest } from '../routes/pulses'
import { loginRequest, passwordRequest, setupRequest } from '../routes/session'
import { createSurveyRequest, patchSurveyRequest } from '../routes/surveys'
import { acceptInviteRequest, teamInviteRequest } from '../routes/team'

// The API's description (`GET /api/openapi.json`), built from one registry: every route's entry
// names the zod schema its handler validates with, so the document cannot drift from what the
// server accepts. A test fails when a route of the app has no entry, or an entry no route.

type Json = Record<string, unknown>
type Schema = z.core.$ZodType

/** Who may call a route: an organizer's session cookie, a member's key, or anyone. */
type Auth = 'session' | 'member' | 'none'

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

// Bodies the anonymous routes check field by field (their order of checks is fixed by API.md).
const b64 = { type: 'string', contentEncoding: 'base64url', maxLength: 2048 }
const tokenRequest = { type: 'object', required: ['blindedMsg'], properties: { blindedMsg: b64 } }
const responseRequest = {
  type: 'object',
  required: ['keyId', 'token', 'signature', 'answers'],
  properties: {
    keyId: { type: 'string' },
    token: b64,
    signature: b64,
    answers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['questionId', 'value'],
        properties: { questionId: { type: 'string' }, value: {} },
      },
    },
  },
}

/** Every route of the API, by `METHOD /api/path` exactly as Hono lists it. */
export const operations: Record<string, Operation> = {
  'GET /api/health': {
    summary: 'Whether the server is up',
    auth: 'none',
    ok: '200 `{ ok: true }`',
  },
  'GET /api/setup': {
    summary: 'Whether first-run setup is still open',
    auth: 'none',
    ok: '200 `{ needed, tokenRequired }`',
  },
  'POST /api/setup': {
    summary: 'Create the first organizer',
    auth: 'none',
    ok: '201 `{ organizer }` and a session cookie',
    body: setupRequest,
    errors: [403, 409],
  },
  'POST /api/session': {
    summary: 'Sign in',
    auth: 'none',
    ok: '200 `{ organizer }` and a session cookie',
    body: loginRequest,
    errors: [401, 429],
  },
  'GET /api/session': {
    summary: 'The signed-in organizer',
    auth: 'session',
    ok: '200 `{ organizer }`',
  },
  'DELETE /api/session': { summary: 'Sign out', auth: 'none', ok: '204 signed out' },
  'PUT /api/session/password': {
    summary: 'Change the password',
    auth: 'session',
    ok: '204 changed; other sessions end',
    body: passwordRequest,
  },
  'POST /api/communities': {
    summary: 'Create a community',
    auth: 'session',
    ok: '201 `community`',
    body: createCommunityRequest,
  },
  'GET /api/communities': {
    summary: "The organizer's communities",
    auth: 'session',
    ok: '200 `[community]` with `role`',
  },
  'GET /api/communities/:cid': { summary: 'One community', auth: 'session', ok: '200 `community`' },
  'PATCH /api/communities/:cid': {
    summary: 'Change a community (owner)',
    auth: 'session',
    ok: '200 `community`',
    body: patchCommunityRequest,
  },
  'DELETE /api/communities/:cid': {
    summary: 'Delete a community and everything in it (owner)',
    auth: 'session',
    ok: '204 deleted',
  },
  'GET /api/communities/:cid/team': {
    summary: 'The organizers of a community',
    auth: 'session',
    ok: '200 `[{ organizer, role }]`',
  },
  'POST /api/communities/:cid/team': {
    summary: 'Add or invite an organizer (owner)',
    auth: 'session',
    ok: '201 `{ inviteUrl? }`',
    body: teamInviteRequest,
  },
  'DELETE /api/communities/:cid/team/:oid': {
    summary: 'Remove an organizer, or leave',
    auth: 'session',
    ok: '204 removed',
    errors: [409],
  },
  'POST /api/team-invites': {
    summary: 'Accept a team invitation',
    auth: 'none',
    ok: '201 `{ organizer }` and a session cookie',
    body: acceptInviteRequest,
    errors: [410],
  },
  'POST /api/communities/:cid/members': {
    summary: 'Import members (JSON, or text/csv with an email column)',
    auth: 'session',
    ok: '201 `{ members: [{ id, email, attributes, inviteUrl }] }`',
    body: importRequest,
  },
  'GET /api/communities/:cid/members': {
    summary: 'Members, a page at a time',
    auth: 'session',
    ok: '200 `{ members, nextCursor }`',
    query: listQuery,
  },
  'DELETE /api/communities/:cid/members/:mid': {
    summary: 'Remove a member',
    auth: 'session',
    ok: '204 removed',
  },
  'POST /api/communities/:cid/members/:mid/invite': {
    summary: 'A fresh invite link (revokes the old key)',
    auth: 'session',
    ok: '200 `{ inviteUrl }`',
  },
  'GET /api/templates': {
    summary: 'The survey templates',
    auth: 'none',
    ok: '200 `[{ id, title, description, questions }]`',
  },
  'POST /api/communities/:cid/surveys': {
    summary: 'Create a survey from questions or a template',
    auth: 'session',
    ok: '201 `survey`',
    body: createSurveyRequest,
  },
  'GET /api/communities/:cid/surveys': {
    summary: "A community's surveys",
    auth: 'session',
    ok: '200 `[survey]`',
  },
  'GET /api/surveys/:sid': { summary: 'One survey', auth: 'session', ok: '200 `survey`' },
  'PATCH /api/surveys/:sid': {
    summary: 'Change a survey (questions only until a pulse opens)',
    auth: 'session',
    ok: '200 `survey`',
    body: patchSurveyRequest,
    errors: [409],
  },
  'DELETE /api/surveys/:sid': { summary: 'Archive a survey', auth: 'session', ok: '204 archived' },
  'POST /api/surveys/:sid/pulses': {
    summary: 'Open or schedule a pulse',
    auth: 'session',
    ok: '201 `pulse`',
    body: createPulseRequest,
    errors: [409],
  },
  'GET /api/surveys/:sid/pulse-preview': {
    summary: 'What a pulse opened now would be cut by: joined members and cohorts',
    auth: 'session',
    ok: '200 `{ eligible, joined, attributes, cohorts: [{ cohort, eligible, joined }], cutBy }`',
    errors: [422],
  },
  'GET /api/surveys/:sid/pulses': {
    summary: "A survey's pulses",
    auth: 'session',
    ok: '200 `[pulse]`',
  },
  'GET /api/pulses/:pid': { summary: 'One pulse', auth: 'session', ok: '200 `pulse`' },
  'POST /api/pulses/:pid/close': {
    summary: 'Close a pulse now',
    auth: 'session',
    ok: '200 `pulse`',
    errors: [409],
  },
  'POST /api/pulses/:pid/share': {
    summary: "Share a closed pulse's results with members",
    auth: 'session',
    ok: '200 `pulse`',
    errors: [409],
  },
  'DELETE /api/pulses/:pid/share': {
    summary: 'Stop sharing results with members',
    auth: 'session',
    ok: '200 `pulse`',
  },
  'GET /api/surveys/:sid/schedule': {
    summary: "A survey's schedule",
    auth: 'session',
    ok: '200 `schedule`',
  },
  'PUT /api/surveys/:sid/schedule': {
    summary: 'Set the schedule',
    auth: 'session',
    ok: '200 `schedule`',
    body: scheduleRequest,
  },
  'DELETE /api/surveys/:sid/schedule': {
    summary: 'Drop the schedule',
    auth: 'session',
    ok: '204 dropped',
  },
  'POST /api/join': {
    summary: 'Exchange an invite key for a member key',
    auth: 'none',
    ok: '200 `{ community }`',
    body: joinRequest,
    errors: [401, 409],
  },
  'GET /api/me': {
    summary: "The member's community and attributes",
    auth: 'member',
    ok: '200 `{ community, attributes }`',
  },
  'GET /api/me/pulses': {
    summary: "The member's open pulses",
    auth: 'member',
    ok: '200 `[{ pulse, survey, key, issued }]`',
  },
  'POST /api/pulses/:pid/tokens': {
    summary: 'A blind signature for the pulse (one per member)',
    auth: 'member',
    ok: '200 `{ keyId, blindSig }`',
    body: tokenRequest,
    errors: [403, 404, 409, 410],
  },
  'GET /api/pulses/:pid/keys': {
    summary: "The pulse's public keys and cohort sizes",
    auth: 'none',
    ok: '200 `[{ keyId, publicKey, cohort, size }]`',
    errors: [403, 404],
  },
  'POST /api/pulses/:pid/responses': {
    summary: 'Submit answers with a token (no credentials)',
    auth: 'none',
    ok: '201 `{ receipt }`',
    body: responseRequest,
    errors: [403, 404, 409, 410],
  },
  'GET /api/pulses/:pid/report': {
    summary: "A closed pulse's report",
    auth: 'session',
    ok: '200 `report`',
    query: byQuery,
  },
  'GET /api/pulses/:pid/comments': {
    summary: "A closed pulse's released comments",
    auth: 'session',
    ok: '200 `{ comments }`',
    query: commentsQuery,
  },
  'GET /api/surveys/:sid/trend': {
    summary: 'Trend over closed pulses',
    auth: 'session',
    ok: '200 `trend`',
    query: byQuery,
  },
  'GET /api/surveys/:sid/trend.csv': {
    summary: 'Trend as CSV',
    auth: 'session',
    ok: '200 text/csv',
    query: byQuery,
  },
  'GET /api/me/results': {
    summary: 'Results shared with the member',
    auth: 'member',
    ok: '200 `[report]` with `survey`',
  },
  'GET /api/communities/:cid/outbox': {
    summary: 'Messages to members and chats, newest first',
    auth: 'session',
    ok: '200 `{ email, messages, next? }`',
    query: outboxQuery,
  },
  'POST /api/communities/:cid/outbox/:mid/retry': {
    summary: 'Attempt a queued or failed message now',
    auth: 'session',
    ok: '200 `message`',
    errors: [409],
  },
  'POST /api/communities/:cid/outbox/:mid/copied': {
    summary: 'Mark a message as sent by hand',
    auth: 'session',
    ok: '200 `message`',
    errors: [409],
  },
  'GET /api/communities/:cid/delivery': {
    summary: 'Reminder settings',
    auth: 'session',
    ok: '200 `delivery`',
  },
  'PUT /api/communities/:cid/delivery': {
    summary: 'Change the reminder settings',
    auth: 'session',
    ok: '200 `delivery`',
    body: settingsRequest,
  },
  'PUT /api/communities/:cid/chat/:kind': {
    summary: 'Set the Slack or Teams webhook',
    auth: 'session',
    ok: '200 `{ kind, url }` (masked)',
    body: webhookRequest,
  },
  'DELETE /api/communities/:cid/chat/:kind': {
    summary: 'Remove a chat webhook',
    auth: 'session',
    ok: '204 removed',
  },
  'POST /api/communities/:cid/chat/:kind/test': {
    summary: 'Send a test message to a chat webhook',
    auth: 'session',
    ok: '200 `{ delivered: true }`',
    errors: [502],
  },
  'GET /api/unsubscribe/:token': {
    summary: 'Unsubscribe page (never unsubscribes)',
    auth: 'none',
    ok: '200 text/html',
  },
  'POST /api/unsubscribe/:token': {
    summary: 'Unsubscribe from messages (RFC 8058 one-click too)',
    auth: 'none',
    ok: '200 text/html or `{ unsubscribed: true }`',
  },
  'POST /api/communities/:cid/meetings': {
    summary: 'Start a meeting to track',
    auth: 'session',
    ok: '201 `meeting`',
    body: createMeetingRequest,
  },
  'GET /api/communities/:cid/meetings': {
    summary: "The community's meetings with their balance",
    auth: 'session',
    ok: '200 `meeting[]` with `measures`',
  },
  'GET /api/communities/:cid/meetings/trend': {
    summary: 'Balance of ended meetings over time',
    auth: 'session',
    ok: '200 `{ meetings }`',
  },
  'GET /api/communities/:cid/meetings/trend.csv': {
    summary: 'Meetings trend as CSV',
    auth: 'session',
    ok: '200 text/csv',
  },
  'GET /api/meetings/:mid': {
    summary: 'One meeting with its turns and measures',
    auth: 'session',
    ok: '200 `meeting` with `turns`, `measures`',
  },
  'POST /api/meetings/:mid/turns': {
    summary: 'Add (and undo) turns, in batches; resending is safe',
    auth: 'session',
    ok: '200 `{ turns }`',
    body: addTurnsRequest,
  },
  'POST /api/meetings/:mid/end': {
    summary: 'End a meeting',
    auth: 'session',
    ok: '200 `meeting` with `measures`',
    body: endMeetingRequest,
  },
  'GET /api/openapi.json': {
    summary: 'This description',
    auth: 'none',
    ok: '200 OpenAPI 3.1 document',
  },
}

const problemRef = { $ref: '#/components/responses/Problem' }
const security: Record<Auth, Json[]> = {
  session: [{ session: [] }],
  member: [{ memberKey: [] }],
  none: [],
}

const isZod = (schema: Schema | Json): schema is Schema => '_zod' in schema

/** JSON Schema of what a client sends (the input side of transforms), without `$schema`. */
function jsonSchema(schema: Schema | Json): Json {
  if (!isZod(schema)) return schema
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Json
  return rest
}

/** `/surveys/:sid/trend.csv` → `SurveysSidTrendCsv` */
const words = (path: string) =>
  path
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')

function operation(method: string, path: string, op: Operation) {
  const params = [...path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  if (op.query) {
    const query = jsonSchema(op.query) as { properties?: Record<string, Json>; required?: string[] }
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      params.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        schema: schema as never,
      })
    }
  }
  const [status, ...description] = op.ok.split(' ')
  const failures = new Set(op.errors)
  if (op.auth === 'session') [401, 403, 404].forEach((s) => failures.add(s))
  if (op.auth === 'member') failures.add(401)
  if (op.body) [400, 413, 415, 422].forEach((s) => failures.add(s))
  if (op.query) failures.add(422)
  const responses: Json = { [status]: { description: description.join(' ') } }
  for (const s of [...failures].sort()) responses[s] = problemRef
  return {
    operationId: method.toLowerCase() + words(path.slice('/api'.length)),
    summary: op.summary,
    security: security[op.auth],
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(op.body) } },
          },
        }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document for `operations`; paths in OpenAPI form (`/api/surveys/{sid}`). */
export function openApiDocument(): Json {
  const paths: Record<string, Json> = {}
  for (const [key, op] of Object.entries(operations)) {
    const [method, path] = key.split(' ')
    const item = (paths[path.replace(/:(\w+)/g, '{$1}')] ??= {})
    item[method.toLowerCase()] = operation(method, path, op)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'trustpulse API',
      version: '0.1.0',
      description:
        'Anonymous surveys and trust pulses. Errors are RFC 9457 problem+json; times are ISO 8601 in UTC.',
    },
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: "An organizer's session, set by POST /api/session",
        },
        memberKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'The member key the browser drew when it joined',
        },
      },
      responses: {
        Problem: {
          description: 'An RFC 9457 problem; a 422 lists `errors: [{ path, message }]`',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                required: ['type', 'title', 'status', 'detail'],
                properties: {
                  type: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'integer' },
                  detail: { type: 'string' },
                  errors: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { path: { type: 'string' }, message: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  }
}

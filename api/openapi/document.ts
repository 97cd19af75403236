import * as z from 'zod/mini'
import type { Auth, Json, Operation, Schema } from './operation'

// Turns a registry of operations into an OpenAPI 3.1 document: path and query parameters, the
// request body's JSON Schema, and the failures each route's auth, params and body imply.

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
export function openApiDocumentOf(operations: Record<string, Operation>): Json {
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

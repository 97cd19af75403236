import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import { invalid, Problem, type FieldError } from './problem'

type Schema = StandardSchemaV1

function fieldErrors(issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  return issues.map((issue) => ({
    path: (issue.path ?? [])
      .map((p) => String(typeof p === 'object' && p !== null ? p.key : p))
      .join('.'),
    message: issue.message,
  }))
}

async function check<S extends Schema>(schema: S, value: unknown, prefix = '') {
  const result = await schema['~standard'].validate(value)
  if (result.issues) {
    throw invalid(fieldErrors(result.issues).map((e) => ({ ...e, path: prefix + e.path })))
  }
  return result.value as StandardSchemaV1.InferOutput<S>
}

/** Validates a value outside a request's targets (e.g. rows of an uploaded CSV). */
export const validateValue = check

const jsonTypes = /^application\/([\w.-]+\+)?json$/

/**
 * Validates a JSON body against a zod (standard schema) schema: 400 for malformed JSON,
 * 415 for a body that is not JSON, 422 with field errors for invalid content. A body sent
 * without a content type, or as text/plain, is read as JSON, as simple clients send it.
 */
export const jsonBody = <S extends Schema>(schema: S) =>
  validator('json' as keyof ValidationTargets, async (_value, c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
    if (type && type !== 'text/plain' && !jsonTypes.test(type)) {
      throw new Problem(415, 'The body must be JSON (application/json).')
    }
    const text = await c.req.text()
    let value: unknown
    try {
      value = text === '' ? undefined : JSON.parse(text)
    } catch {
      throw new Problem(400, 'The body is not valid JSON.')
    }
    return (await check(schema, value)) as StandardSchemaV1.InferOutput<S>
  }) as unknown as import('hono').MiddlewareHandler<
    any,
    string,
    {
      in: { json: StandardSchemaV1.InferInput<S> }
      out: { json: StandardSchemaV1.InferOutput<S> }
    }
  >

/** Validates the query string; 422 names the parameter. */
export const queryOf = <S extends Schema>(schema: S) =>
  validator('query', (value) =>
    check(schema, value),
  ) as unknown as import('hono').MiddlewareHandler<
    any,
    string,
    {
      in: { query: Record<string, string | string[]> }
      out: { query: StandardSchemaV1.InferOutput<S> }
    }
  >

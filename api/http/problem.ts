import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface FieldError {
  path: string
  message: string
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
}

/**
 * An RFC 9457 problem. Throw it from any handler; `app.onError` renders it as
 * `application/problem+json` with `{ type, title, status, detail }` and any extra members.
 */
export class Problem extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(status, { message: detail })
  }

  body() {
    return {
      type: 'about:blank',
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...this.extra,
    }
  }
}

/** A 422 with field errors (`path` dotted, as API.md fixes). */
export function invalid(errors: FieldError[], detail = 'The request has invalid fields.'): Problem {
  return new Problem(422, detail, { errors })
}

export const notFound = (what = 'resource') => new Problem(404, `No such ${what}.`)

/** Renders any problem as a Response. */
export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem.body()), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json' },
  })
}

export { titles as problemTitles }

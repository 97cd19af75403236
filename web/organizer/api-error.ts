import type { FieldProblem } from './api-types'

/** A failed API request, parsed from its `application/problem+json` body (RFC 9457). */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string
  readonly errors?: FieldProblem[]
  /** The problem document as received, with any members a route adds (a 409's `existing`). */
  readonly body: Record<string, unknown>

  constructor(problem: {
    status: number
    title: string
    detail: string
    errors?: FieldProblem[]
    body?: Record<string, unknown>
  }) {
    super(problem.detail || problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.title = problem.title
    this.detail = problem.detail
    if (problem.errors) this.errors = problem.errors
    this.body = problem.body ?? {}
  }
}

const titles: Record<number, string> = {
  0: 'Network error',
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Too large',
  422: 'Invalid input',
}

const details: Record<number, string> = {
  0: 'The server could not be reached. Check your connection and try again.',
  401: 'Please sign in.',
  403: 'Your role does not allow this.',
  404: 'This page or item does not exist, or it is not in one of your communities.',
  413: 'The upload is too large.',
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const v = value as FieldProblem
  return !!v && typeof v.path === 'string' && typeof v.message === 'string'
}

/**
 * Builds an ApiError from a status and a parsed body; a body that is not a problem document
 * (a proxy's HTML page, an empty reply) still yields a readable title and detail.
 */
export function problemFrom(status: number, body: unknown): ApiError {
  const p = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const title =
    typeof p.title === 'string' && p.title ? p.title : (titles[status] ?? `Error ${status}`)
  const fallback = status >= 500 ? 'The server failed. Try again in a moment.' : title
  const detail = typeof p.detail === 'string' && p.detail ? p.detail : (details[status] ?? fallback)
  const errors = Array.isArray(p.errors) ? p.errors.filter(isFieldProblem) : undefined
  return new ApiError({ status, title, detail, errors, body: p })
}

/** A network failure (no response at all) as an ApiError with status 0. */
export function networkError(): ApiError {
  return problemFrom(0, undefined)
}

/** Narrows anything thrown to an ApiError so views can always show `detail`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new ApiError({ status: -1, title: 'Unexpected error', detail })
}

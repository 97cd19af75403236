import type { ComponentChildren } from 'preact'
import type { ApiError } from '../api'
import type { Resource } from '../models/resource'

/** "Loading…" as a polite status, so screen readers hear that something is on its way. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  )
}

interface ProblemProps {
  error: ApiError
  /** Offered as a "Try again" button. */
  retry?: () => void
  /** Lines to list under the detail, e.g. formatted 422 errors. */
  lines?: string[]
  children?: ComponentChildren
}

/** A failed request: the problem's title and detail, what else it said, and a retry. */
export function Problem({ error, retry, lines: given, children }: ProblemProps) {
  // A 422 often repeats its detail as its only error; say it once.
  const lines = given?.filter((l) => l !== error.detail && !l.endsWith(`: ${error.detail}`))
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{error.title}.</strong> {error.detail !== error.title && error.detail}
      </p>
      {lines && lines.length > 0 && (
        <ul class="problem-lines">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {children}
      {retry && (
        <button type="button" class="button-secondary" onClick={() => retry()}>
          Try again
        </button>
      )}
    </div>
  )
}

/**
 * Shows a resource: loading until its first answer, the problem with a retry when it failed,
 * else `children(data)`; a failed reload keeps the old data visible under the problem.
 */
export function Async<T>(props: {
  of: Resource<T>
  label?: string
  children: (data: T) => ComponentChildren
}) {
  const data = props.of.data.value
  const error = props.of.error.value
  // Retrying cannot help when the thing is missing or forbidden.
  const retry = error && [403, 404].includes(error.status) ? undefined : props.of.reload
  if (data === undefined) {
    if (error) return <Problem error={error} retry={retry} />
    return <Loading label={props.label} />
  }
  return (
    <>
      {error && <Problem error={error} retry={retry} />}
      {props.children(data)}
    </>
  )
}

/** A short success or progress message in a polite live region, visible next to its form. */
export function Status({ message }: { message: string | undefined }) {
  return (
    <p class="status" role="status">
      {message}
    </p>
  )
}

import type { FieldProblem } from '../api-types'

/** The first message for each path of a 422 answer. */
export function errorMap(errors: FieldProblem[] | undefined): Record<string, string> {
  const map: Record<string, string> = {}
  for (const { path, message } of errors ?? []) if (!(path in map)) map[path] = message
  return map
}

/**
 * Messages whose path is not one of `shown` (nor below one of them), so a form can list what
 * it could not place at a field instead of losing it.
 */
export function unplacedErrors(errors: FieldProblem[] | undefined, shown: string[]): string[] {
  return (errors ?? [])
    .filter(({ path }) => !shown.some((p) => path === p || path.startsWith(`${p}.`)))
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
}

/** The first message at `path` or below it (`options` also finds `options.1`). */
export function errorAt(map: Record<string, string>, path: string): string | undefined {
  if (map[path]) return map[path]
  const below = Object.keys(map).find((p) => p.startsWith(`${path}.`))
  return below ? map[below] : undefined
}

/** The id of an error message element, for aria-describedby. */
export const errorId = (fieldId: string) => `${fieldId}-error`
/** The id of a hint element, for aria-describedby. */
export const hintId = (fieldId: string) => `${fieldId}-hint`

/** The aria-describedby value for a field with an optional hint and error. */
export function describedBy(fieldId: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && hintId(fieldId), error && errorId(fieldId)].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

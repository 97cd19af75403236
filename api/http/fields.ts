import * as z from 'zod/mini'

/** An email as entered: trimmed, lowercased, shaped like an address. */
export const emailField = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(254),
    z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
  )

export const passwordField = z
  .string()
  .check(z.minLength(10, 'must be at least 10 characters'), z.maxLength(200))

/** An ISO 8601 date-time with any offset, as ms since the epoch. */
export const instantField = z.pipe(
  z
    .string()
    .check(
      z.regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i,
        'must be an ISO 8601 date-time with an offset',
      ),
    ),
  z.transform((s, ctx) => {
    const ms = Date.parse(s)
    if (Number.isNaN(ms)) {
      ctx.issues.push({ code: 'custom', input: s, message: 'is not a valid date-time' })
      return z.NEVER
    }
    return ms
  }),
)

/** Times leave the server as ISO 8601 in UTC. */
export const iso = (ms: number) => new Date(ms).toISOString()

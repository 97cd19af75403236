import { Hono } from 'hono'
import * as z from 'zod/mini'
import { hashPassword } from '../auth/passwords'
import {
  issuePasswordReset,
  replacePassword,
  RESET_TTL_MS,
  spendPasswordReset,
} from '../auth/password-resets'
import { startSession } from '../auth/sessions'
import { passwordResetEmail, sendPasswordResetEmail } from '../delivery/password-reset-email'
import type { AppEnv } from '../deps'
import { emailField, passwordField } from '../http/fields'
import { keyLink } from '../http/links'
import { Problem } from '../http/problem'
import { jsonBody } from '../http/validate'

export const resetRequest = z.object({ email: emailField })
export const resetConfirmRequest = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  password: passwordField,
})

export const passwordResetRoutes = new Hono<AppEnv>()
  .post('/password-resets', jsonBody(resetRequest), async (c) => {
    const { email } = c.req.valid('json')
    const deps = c.var.deps
    if (!deps.mailer) {
      throw new Problem(
        409,
        'This server sends no email. Whoever runs it can make you a reset link with `npm run password:reset -- <email>`.',
      )
    }
    if (!(await deps.rateLimit(`reset:${email}`))) {
      throw new Problem(429, 'Too many reset requests for this email. Wait a few minutes.')
    }
    const issued = await issuePasswordReset(deps.db, deps.now(), email)
    // The email leaves after the answer, so a slow mail server does not tell that the account
    // exists: the answer is the same, and as quick, either way.
    if (issued) {
      const link = keyLink(c, '/reset-password', issued.token)
      deps.background(
        sendPasswordResetEmail(deps, passwordResetEmail(email, link, RESET_TTL_MS / 60_000)),
      )
    }
    return c.body(null, 202)
  })

  .post('/password-resets/confirm', jsonBody(resetConfirmRequest), async (c) => {
    const { token, password } = c.req.valid('json')
    const { db, now } = c.var.deps
    const organizerId = await spendPasswordReset(db, now(), token)
    const organizer =
      organizerId && (await replacePassword(db, organizerId, await hashPassword(password)))
    if (!organizer) {
      throw new Problem(401, 'This reset link is unknown, used or expired. Ask for a new one.')
    }
    await startSession(c, organizer.id)
    return c.json({ organizer })
  })

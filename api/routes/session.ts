import { and, eq, ne, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { organizers, sessions } from '../../schema'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { signedInOrganizer } from '../auth/roles'
import { endSession, SESSION_COOKIE, startSession } from '../auth/sessions'
import { newId, sha256, timingSafeEqual } from '../privacy/ids'
import type { AppEnv } from '../deps'
import { rowsAffected } from '../db'
import { emailField, passwordField } from '../http/fields'
import { invalid, Problem } from '../http/problem'
import { jsonBody } from '../http/validate'
import { getCookie } from 'hono/cookie'

export const setupRequest = z.object({
  email: emailField,
  password: passwordField,
  name: z.optional(z.string().check(z.trim(), z.maxLength(120))),
  setupToken: z.optional(z.string().check(z.maxLength(200))),
})

export const loginRequest = z.object({
  email: z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  password: z.string().check(z.maxLength(200)),
})

export const passwordRequest = z.object({
  current: z.string().check(z.maxLength(200)),
  password: passwordField,
})

const encoder = new TextEncoder()
const sameSecret = async (a: string, b: string) =>
  timingSafeEqual(encoder.encode(sha256(a)), encoder.encode(sha256(b)))

const anyOrganizer = sql`exists (select 1 from ${organizers})`

async function setupDone(db: AppEnv['Variables']['deps']['db']): Promise<boolean> {
  const row = await db.get<{ done: number }>(sql`select ${anyOrganizer} as done`)
  return Boolean(row?.done)
}

/**
 * Whether first-run setup is still open, whether it asks for the setup token, and whether a
 * forgotten password can be reset by email (the server has a mailer).
 */
const setupStatus = (done: boolean, tokenSet: boolean, mail: boolean) => ({
  needed: !done,
  tokenRequired: !done && tokenSet,
  passwordReset: mail,
})
export type SetupStatus = ReturnType<typeof setupStatus>

export const sessionRoutes = new Hono<AppEnv>()
  .get('/health', (c) => c.json({ ok: true }))

  .get('/setup', async (c) => {
    const done = await setupDone(c.var.deps.db)
    const { setupToken, mailer } = c.var.deps
    return c.json(setupStatus(done, Boolean(setupToken), Boolean(mailer)))
  })

  .post(
    '/setup',
    async (c, next) => {
      // API.md: 409 once any organizer exists, checked before anything else.
      if (await setupDone(c.var.deps.db))
        throw new Problem(409, 'Setup is already done; sign in instead.')
      await next()
    },
    jsonBody(setupRequest),
    async (c) => {
      const { email, password, name = '', setupToken } = c.req.valid('json')
      const expected = c.var.deps.setupToken
      if (expected && !(setupToken && (await sameSecret(setupToken, expected)))) {
        throw new Problem(
          403,
          'The setup token is missing or wrong. It was printed when the server started.',
        )
      }
      const id = newId()
      const passwordHash = await hashPassword(password)
      // Conditional insert: of two setups racing, only one creates the first organizer.
      const result = await c.var.deps.db.run(
        sql`insert into ${organizers} (id, email, name, password_hash)
          select ${id}, ${email}, ${name}, ${passwordHash} where not ${anyOrganizer}`,
      )
      if (rowsAffected(result) !== 1)
        throw new Problem(409, 'Setup is already done; sign in instead.')
      await startSession(c, id)
      return c.json({ organizer: { id, email, name } }, 201)
    },
  )

  .post('/session', jsonBody(loginRequest), async (c) => {
    const { email, password } = c.req.valid('json')
    const { db, rateLimit } = c.var.deps
    if (!(await rateLimit(`login:${email}`))) {
      throw new Problem(
        429,
        'Too many sign-in attempts for this email. Wait a few minutes and try again.',
      )
    }
    const [row] = await db.select().from(organizers).where(eq(organizers.email, email))
    // verifyPassword spends the same work for unknown emails, so timing reveals nothing.
    if (!(await verifyPassword(password, row?.passwordHash)) || !row) {
      throw new Problem(401, 'The email or password is wrong.')
    }
    await startSession(c, row.id)
    return c.json({ organizer: { id: row.id, email: row.email, name: row.name } })
  })

  .get('/session', signedInOrganizer, (c) => c.json({ organizer: c.var.organizer }))

  .delete('/session', async (c) => {
    await endSession(c)
    return c.body(null, 204)
  })

  .put('/session/password', signedInOrganizer, jsonBody(passwordRequest), async (c) => {
    const { current, password } = c.req.valid('json')
    const { db } = c.var.deps
    const me = c.var.organizer
    const [row] = await db.select().from(organizers).where(eq(organizers.id, me.id))
    if (!(await verifyPassword(current, row.passwordHash))) {
      throw invalid([{ path: 'current', message: 'is not your current password' }])
    }
    // Other sessions end with the old password; this one stays signed in.
    const thisSession = sha256(getCookie(c, SESSION_COOKIE) ?? '')
    await db.batch([
      db
        .update(organizers)
        .set({ passwordHash: await hashPassword(password) })
        .where(eq(organizers.id, me.id)),
      db
        .delete(sessions)
        .where(and(eq(sessions.organizerId, me.id), ne(sessions.idHash, thisSession))),
    ])
    return c.body(null, 204)
  })

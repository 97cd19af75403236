import { and, eq, gt, lte } from 'drizzle-orm'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { randomToken, sha256 } from '../privacy/ids'
import { organizers, sessions } from '../../schema'
import type { AppEnv, Organizer } from '../deps'

export const SESSION_COOKIE = 'session'
const SESSION_TTL_MS = 14 * 24 * 3600 * 1000

/** Starts a session for an organizer and sets the cookie (HttpOnly, SameSite=Lax, Secure on https). */
export async function startSession(c: Context<AppEnv>, organizerId: string): Promise<void> {
  const { db, now } = c.var.deps
  const id = randomToken(32)
  await db.batch([
    // The organizer's expired sessions go as a new one starts, so the table does not grow.
    db
      .delete(sessions)
      .where(and(eq(sessions.organizerId, organizerId), lte(sessions.expiresAt, now()))),
    db
      .insert(sessions)
      .values({ idHash: sha256(id), organizerId, expiresAt: now() + SESSION_TTL_MS }),
  ])
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  })
}

/** The organizer of an unexpired session cookie, if any. */
export async function sessionOrganizer(c: Context<AppEnv>): Promise<Organizer | undefined> {
  const id = getCookie(c, SESSION_COOKIE)
  if (!id || id.length > 100) return undefined
  const { db, now } = c.var.deps
  const [row] = await db
    .select({ id: organizers.id, email: organizers.email, name: organizers.name })
    .from(sessions)
    .innerJoin(organizers, eq(organizers.id, sessions.organizerId))
    .where(and(eq(sessions.idHash, sha256(id)), gt(sessions.expiresAt, now())))
  return row
}

/** Ends the current session: the stored row goes, so the cookie is worthless even if kept. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE)
  if (id) await c.var.deps.db.delete(sessions).where(eq(sessions.idHash, sha256(id)))
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

import { computed, signal } from '@preact/signals'
import * as api from '../api'
import type { ApiError } from '../api'
import type { Organizer, SetupStatus } from '../api-types'
import { toApiError } from '../api-error'

/** The signed-in organizer: undefined while unknown, null when signed out. */
export const organizer = signal<Organizer | null | undefined>(undefined)
/** What GET /api/setup said when the visitor was signed out; null when the server does not say. */
export const setupInfo = signal<SetupStatus | null>(null)
/** A failure while asking the server who we are (not a plain 401). */
export const sessionError = signal<ApiError | undefined>(undefined)

export const signedIn = computed(() => !!organizer.value)

/** Asks the server for the current session; on 401 also asks whether first-run setup is open. */
export async function loadSession(): Promise<void> {
  sessionError.value = undefined
  try {
    organizer.value = (await api.getSession()).organizer
  } catch (error) {
    const problem = toApiError(error)
    if (problem.status !== 401) {
      sessionError.value = problem
      return
    }
    setupInfo.value = await api.setupStatus().catch(() => null)
    organizer.value = null
  }
}

/** Records a successful setup, login or team-invite acceptance. */
export function startSession(who: Organizer): void {
  setupInfo.value = null
  sessionError.value = undefined
  organizer.value = who
}

/** Any 401 from a signed-in request means the session ended (expired or revoked elsewhere). */
export function noteUnauthorized(error: unknown): void {
  if ((error as ApiError | undefined)?.status === 401 && organizer.value) organizer.value = null
}

/** Ends the session on the server; the local state is cleared even if that request fails. */
export async function signOut(): Promise<void> {
  try {
    await api.logout()
  } finally {
    organizer.value = null
  }
}

/** Where a signed-out visitor should go first: setup while it is open, else login. */
export function entryPath(next: string): string {
  if (setupInfo.value?.needed) return '/setup'
  const keep = next && next !== '/' && !isPublicPath(next)
  return keep ? `/login?next=${encodeURIComponent(next)}` : '/login'
}

const publicPaths = ['/login', '/setup', '/team-invite', '/forgot-password', '/reset-password']

/** Pages that work without a session. */
export function isPublicPath(path: string): boolean {
  const bare = path.split(/[?#]/)[0].replace(/\/+$/, '') || '/'
  return publicPaths.includes(bare)
}

/** A `next` target is followed only when it is a local path (no open redirects). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || isPublicPath(next)) {
    return '/communities'
  }
  return next
}

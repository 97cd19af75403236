import { loginRequest, passwordRequest, setupRequest } from '../routes/session'
import type { Operation } from './operation'

/** The routes of api/routes/session.ts: health, first-run setup, signing in and out. */
export const sessionOperations: Record<string, Operation> = {
  'GET /api/health': {
    summary: 'Whether the server is up',
    auth: 'none',
    ok: '200 `{ ok: true }`',
  },
  'GET /api/setup': {
    summary: 'Whether first-run setup is still open, and whether passwords can be reset by email',
    auth: 'none',
    ok: '200 `{ needed, tokenRequired, passwordReset }`',
  },
  'POST /api/setup': {
    summary: 'Create the first organizer',
    auth: 'none',
    ok: '201 `{ organizer }` and a session cookie',
    body: setupRequest,
    errors: [403, 409],
  },
  'POST /api/session': {
    summary: 'Sign in',
    auth: 'none',
    ok: '200 `{ organizer }` and a session cookie',
    body: loginRequest,
    errors: [401, 429],
  },
  'GET /api/session': {
    summary: 'The signed-in organizer',
    auth: 'session',
    ok: '200 `{ organizer }`',
  },
  'DELETE /api/session': { summary: 'Sign out', auth: 'none', ok: '204 signed out' },
  'PUT /api/session/password': {
    summary: 'Change the password',
    auth: 'session',
    ok: '204 changed; other sessions end',
    body: passwordRequest,
  },
}

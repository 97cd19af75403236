import { resetConfirmRequest, resetRequest } from '../routes/password-resets'
import type { Operation } from './operation'

/** The routes of api/routes/password-resets.ts: a forgotten password, reset by email. */
export const passwordResetOperations: Record<string, Operation> = {
  'POST /api/password-resets': {
    summary: 'Email a reset link (the same answer whether or not the account exists)',
    auth: 'none',
    ok: '202 accepted; a link is emailed if the account exists',
    body: resetRequest,
    errors: [409, 429],
  },
  'POST /api/password-resets/confirm': {
    summary: 'Set a new password with a reset link’s token; every session ends, this one starts',
    auth: 'none',
    ok: '200 `{ organizer }` and a session cookie',
    body: resetConfirmRequest,
    errors: [401],
  },
}

import type { Operation } from './operation'

/** The routes of api/routes/unsubscribe.ts: the unsubscribe link of every email. */
export const unsubscribeOperations: Record<string, Operation> = {
  'GET /api/unsubscribe/:token': {
    summary: 'Unsubscribe page (never unsubscribes)',
    auth: 'none',
    ok: '200 text/html',
  },
  'POST /api/unsubscribe/:token': {
    summary: 'Unsubscribe from messages (RFC 8058 one-click too)',
    auth: 'none',
    ok: '200 text/html or `{ unsubscribed: true }`',
  },
}

import type { Operation } from './operation'

/** The routes of api/routes/unsubscribe.ts: the unsubscribe link of every email. */
export const unsubscribeOperations: Record<string, Operation> = {
  'GET /api/unsubscribe.css': {
    summary: 'The stylesheet of the unsubscribe pages',
    auth: 'none',
    ok: '200 text/css',
  },
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

import { logQuery } from '../routes/log'
import type { Operation } from './operation'

/** The routes of api/routes/log.ts: a community's transparency log, for organizers and members. */
export const logOperations: Record<string, Operation> = {
  'GET /api/communities/:cid/log': {
    summary:
      "The community's transparency log after `after` (at most 500 entries, ascending) and its head",
    auth: 'session',
    ok: '200 `{ entries, head, next? }`',
    query: logQuery,
  },
  'GET /api/me/log': {
    summary:
      "The member's community's transparency log after `after` (at most 500 entries, ascending) and its head",
    auth: 'member',
    ok: '200 `{ entries, head, next? }`',
    query: logQuery,
  },
}

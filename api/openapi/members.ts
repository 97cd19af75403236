import { importRequest, listQuery } from '../routes/members'
import type { Operation } from './operation'

/** The routes of api/routes/members.ts: importing, listing, removing and re-inviting members. */
export const memberOperations: Record<string, Operation> = {
  'POST /api/communities/:cid/members': {
    summary:
      'Import members (JSON, or text/csv with an email column, an optional name column; comma, semicolon or tab separated)',
    auth: 'session',
    ok: '201 `{ created, updated, members: [{ id, email, name?, attributes, inviteUrl? }] }`',
    body: importRequest,
    errors: [409],
  },
  'GET /api/communities/:cid/members': {
    summary: 'Members, a page at a time: searched by q, ordered by sort and order',
    auth: 'session',
    ok: '200 `{ members: [{ id, email, name?, attributes, joined }], next?, total }`',
    query: listQuery,
  },
  'DELETE /api/communities/:cid/members/:mid': {
    summary: 'Remove a member',
    auth: 'session',
    ok: '204 removed',
  },
  'POST /api/communities/:cid/members/:mid/invite': {
    summary: 'A fresh invite link (revokes the old key)',
    auth: 'session',
    ok: '200 `{ inviteUrl }`',
  },
}

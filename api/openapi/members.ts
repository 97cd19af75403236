import { importRequest, listQuery } from '../routes/members'
import type { Operation } from './operation'

/** The routes of api/routes/members.ts: importing, listing, removing and re-inviting members. */
export const memberOperations: Record<string, Operation> = {
  'POST /api/communities/:cid/members': {
    summary: 'Import members (JSON, or text/csv with an email column)',
    auth: 'session',
    ok: '201 `{ members: [{ id, email, attributes, inviteUrl }] }`',
    body: importRequest,
  },
  'GET /api/communities/:cid/members': {
    summary: 'Members, a page at a time',
    auth: 'session',
    ok: '200 `{ members, nextCursor }`',
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

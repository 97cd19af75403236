import { acceptInviteRequest, roleChangeRequest, teamInviteRequest } from '../routes/team'
import type { Operation } from './operation'

/** The routes of api/routes/team.ts: a community's organizers and their invitations. */
export const teamOperations: Record<string, Operation> = {
  'GET /api/communities/:cid/team': {
    summary: 'The organizers of a community',
    auth: 'session',
    ok: '200 `[{ organizer, role }]`',
  },
  'POST /api/communities/:cid/team': {
    summary: 'Add or invite an organizer (owner)',
    auth: 'session',
    ok: '201 `{ inviteUrl? }`',
    body: teamInviteRequest,
  },
  'GET /api/communities/:cid/team/invites': {
    summary: 'Team invitations not yet accepted',
    auth: 'session',
    ok: '200 `[{ id, email, role, expiresAt }]`',
  },
  'DELETE /api/communities/:cid/team/invites/:iid': {
    summary: 'Revoke a team invitation (owner)',
    auth: 'session',
    ok: '204 revoked; its link no longer works',
  },
  'PATCH /api/communities/:cid/team/:oid': {
    summary: 'Change a team member’s role (owner)',
    auth: 'session',
    ok: '200 `{ organizer, role }`',
    body: roleChangeRequest,
    errors: [409],
  },
  'DELETE /api/communities/:cid/team/:oid': {
    summary: 'Remove an organizer, or leave',
    auth: 'session',
    ok: '204 removed',
    errors: [409],
  },
  'POST /api/team-invites': {
    summary: 'Accept a team invitation',
    auth: 'none',
    ok: '201 `{ organizer }` and a session cookie',
    body: acceptInviteRequest,
    errors: [410],
  },
}

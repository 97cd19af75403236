import { createCommunityRequest, patchCommunityRequest } from '../routes/communities'
import type { Operation } from './operation'

/** The routes of api/routes/communities.ts: creating, reading, changing, deleting communities. */
export const communityOperations: Record<string, Operation> = {
  'POST /api/communities': {
    summary: 'Create a community',
    auth: 'session',
    ok: '201 `community`',
    body: createCommunityRequest,
  },
  'GET /api/communities': {
    summary: "The organizer's communities",
    auth: 'session',
    ok: '200 `[community]` with `role`',
  },
  'GET /api/communities/:cid': { summary: 'One community', auth: 'session', ok: '200 `community`' },
  'PATCH /api/communities/:cid': {
    summary: 'Change a community (owner)',
    auth: 'session',
    ok: '200 `community`',
    body: patchCommunityRequest,
  },
  'DELETE /api/communities/:cid': {
    summary: 'Delete a community and everything in it (owner)',
    auth: 'session',
    ok: '204 deleted',
  },
}

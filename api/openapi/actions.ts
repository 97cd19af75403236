import {
  actionsQuery,
  addUpdateRequest,
  createActionRequest,
  patchActionRequest,
} from '../routes/actions'
import type { Operation } from './operation'

/** The routes of api/routes/actions.ts: action plans, their updates and follow-up questions. */
export const actionOperations: Record<string, Operation> = {
  'GET /api/communities/:cid/actions': {
    summary: "The community's actions, what is being done first",
    auth: 'session',
    ok: '200 `action[]`',
    query: actionsQuery,
  },
  'POST /api/communities/:cid/actions': {
    summary: 'Plan an action answering a survey question, dimension or group',
    auth: 'session',
    ok: '201 `action`',
    body: createActionRequest,
  },
  'GET /api/actions/:aid': {
    summary: 'One action with its updates and follow-up results',
    auth: 'session',
    ok: '200 `action`',
  },
  'PATCH /api/actions/:aid': {
    summary: 'Edit an action or change its status',
    auth: 'session',
    ok: '200 `action`',
    body: patchActionRequest,
  },
  'DELETE /api/actions/:aid': {
    summary: 'Delete an action',
    auth: 'session',
    ok: '204 no content',
  },
  'POST /api/actions/:aid/updates': {
    summary: 'Add a short dated update to an action',
    auth: 'session',
    ok: '201 `action`',
    body: addUpdateRequest,
  },
  'DELETE /api/actions/:aid/updates/:uid': {
    summary: 'Delete an update of an action',
    auth: 'session',
    ok: '204 no content',
  },
  'GET /api/surveys/:sid/follow-up-questions': {
    summary: "The follow-up questions the survey's next pulse would carry if it opened now",
    auth: 'session',
    ok: '200 `{ followUps }`',
  },
  'GET /api/me/actions': {
    summary: "The member's community's actions, drafts aside",
    auth: 'member',
    ok: '200 `action[]`',
  },
}

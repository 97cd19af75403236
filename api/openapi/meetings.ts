import { addTurnsRequest, createMeetingRequest, endMeetingRequest } from '../routes/meetings'
import type { Operation } from './operation'

/** The routes of api/routes/meetings.ts: tracking the turns of meetings and their balance. */
export const meetingOperations: Record<string, Operation> = {
  'POST /api/communities/:cid/meetings': {
    summary: 'Start a meeting to track',
    auth: 'session',
    ok: '201 `meeting`',
    body: createMeetingRequest,
  },
  'GET /api/communities/:cid/meetings': {
    summary: "The community's meetings with their balance",
    auth: 'session',
    ok: '200 `meeting[]` with `measures`',
  },
  'GET /api/communities/:cid/meetings/trend': {
    summary: 'Balance of ended meetings over time',
    auth: 'session',
    ok: '200 `{ meetings }`',
  },
  'GET /api/communities/:cid/meetings/trend.csv': {
    summary: 'Meetings trend as CSV',
    auth: 'session',
    ok: '200 text/csv',
  },
  'GET /api/meetings/:mid': {
    summary: 'One meeting with its turns and measures',
    auth: 'session',
    ok: '200 `meeting` with `turns`, `measures`',
  },
  'POST /api/meetings/:mid/turns': {
    summary: 'Add (and undo) turns, in batches; resending is safe',
    auth: 'session',
    ok: '200 `{ turns }`',
    body: addTurnsRequest,
  },
  'POST /api/meetings/:mid/end': {
    summary: 'End a meeting',
    auth: 'session',
    ok: '200 `meeting` with `measures`',
    body: endMeetingRequest,
  },
}

import { followUpRequest, hideRequest, replyRequest } from '../routes/threads'
import type { Operation } from './operation'

/** The routes of api/routes/threads.ts: threads on released comments, replies, follow-ups. */
export const threadOperations: Record<string, Operation> = {
  'GET /api/pulses/:pid/threads': {
    summary: "A closed pulse's released comments with their threads",
    auth: 'session',
    ok: '200 `{ released, threads }`',
  },
  'POST /api/pulses/:pid/threads/:tid/replies': {
    summary: "The organizers' reply to a released comment",
    auth: 'session',
    ok: '201 `thread`',
    body: replyRequest,
    errors: [409],
  },
  'POST /api/pulses/:pid/threads/:tid/hide': {
    summary: 'Hide a comment, or a post of its thread, with the reason shown in its place',
    auth: 'session',
    ok: '200 `thread`',
    body: hideRequest,
  },
  'GET /api/me/results/:pid/threads': {
    summary: "A shared pulse's threads, the same for every member, with reply hashes",
    auth: 'member',
    ok: '200 `{ released, threads }`',
  },
  'POST /api/follow-ups': {
    summary: "A comment's author answers back with its reply secret (no credentials)",
    auth: 'none',
    ok: '202 `{ waiting: true }`',
    body: followUpRequest,
    errors: [403, 409],
  },
}

import { handoverRequest, outboxQuery, settingsRequest, webhookRequest } from '../routes/delivery'
import type { Operation } from './operation'

/** The routes of api/routes/delivery.ts: the outbox, reminder settings and chat webhooks. */
export const deliveryOperations: Record<string, Operation> = {
  'GET /api/communities/:cid/outbox': {
    summary: 'Messages to members and chats, newest first, filtered by status and kind',
    auth: 'session',
    ok: '200 `{ email, waiting, messages, next? }`',
    query: outboxQuery,
  },
  'POST /api/communities/:cid/outbox/handover': {
    summary: 'Hand every waiting email over as one text or CSV, marking them copied',
    auth: 'session',
    ok: '200 text/plain or text/csv',
    body: handoverRequest,
  },
  'POST /api/communities/:cid/outbox/:mid/retry': {
    summary: 'Attempt a queued or failed message now',
    auth: 'session',
    ok: '200 `message`',
    errors: [409],
  },
  'POST /api/communities/:cid/outbox/:mid/copied': {
    summary: 'Mark a message as sent by hand',
    auth: 'session',
    ok: '200 `message`',
    errors: [409],
  },
  'GET /api/communities/:cid/delivery': {
    summary: 'Reminder settings',
    auth: 'session',
    ok: '200 `delivery`',
  },
  'PUT /api/communities/:cid/delivery': {
    summary: 'Change the reminder settings',
    auth: 'session',
    ok: '200 `delivery`',
    body: settingsRequest,
  },
  'PUT /api/communities/:cid/chat/:kind': {
    summary: 'Set the Slack or Teams webhook',
    auth: 'session',
    ok: '200 `{ kind, url }` (masked)',
    body: webhookRequest,
  },
  'DELETE /api/communities/:cid/chat/:kind': {
    summary: 'Remove a chat webhook',
    auth: 'session',
    ok: '204 removed',
  },
  'POST /api/communities/:cid/chat/:kind/test': {
    summary: 'Send a test message to a chat webhook',
    auth: 'session',
    ok: '200 `{ delivered: true }`',
    errors: [502],
  },
}

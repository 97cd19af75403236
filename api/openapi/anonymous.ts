import { joinRequest, moveRequest } from '../routes/member'
import type { Operation } from './operation'

// Bodies the anonymous routes check field by field (their order of checks is fixed by API.md).
const b64 = { type: 'string', contentEncoding: 'base64url', maxLength: 2048 }
const tokenRequest = { type: 'object', required: ['blindedMsg'], properties: { blindedMsg: b64 } }
const responseRequest = {
  type: 'object',
  required: ['keyId', 'token', 'signature', 'answers'],
  properties: {
    keyId: { type: 'string' },
    token: b64,
    signature: b64,
    answers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['questionId', 'value'],
        properties: { questionId: { type: 'string' }, value: {} },
      },
    },
    // docs/api.md, "Threads": a text question's id → SHA-256 of its comment's reply secret.
    replyHashes: {
      type: 'object',
      additionalProperties: {
        type: 'string',
        contentEncoding: 'base64url',
        minLength: 43,
        maxLength: 43,
      },
    },
  },
}

/**
 * The routes of api/routes/member.ts (joining, the member's own pages) and api/routes/anonymous.ts
 * (a token for a pulse, its keys, and answers submitted without credentials).
 */
export const anonymousOperations: Record<string, Operation> = {
  'POST /api/join': {
    summary: 'Exchange an invite key for a member key',
    auth: 'none',
    ok: '200 `{ community }`',
    body: joinRequest,
    errors: [401, 409],
  },
  'POST /api/me/move': {
    summary: 'A single-use move key for moving to another device (valid for an hour)',
    auth: 'member',
    ok: '201 `{ moveKey, expiresAt }`',
  },
  'POST /api/move': {
    summary:
      "Exchange a move key for a member key drawn on the new device (replaces the member's key)",
    auth: 'none',
    ok: '200 `{ community }`',
    body: moveRequest,
    errors: [401, 409],
  },
  'GET /api/me': {
    summary: "The member's community and attributes",
    auth: 'member',
    ok: '200 `{ community, attributes }`',
  },
  'GET /api/me/pulses': {
    summary: "The member's open pulses",
    auth: 'member',
    ok: '200 `[{ pulse, survey, key, issued, communityId, attributeOrder, snapshot }]`',
  },
  'POST /api/pulses/:pid/tokens': {
    summary: 'A blind signature for the pulse (one per member)',
    auth: 'member',
    ok: '200 `{ keyId, blindSig }`',
    body: tokenRequest,
    errors: [403, 404, 409, 410],
  },
  'GET /api/pulses/:pid/keys': {
    summary: "The pulse's public keys and cohort sizes",
    auth: 'none',
    ok: '200 `[{ keyId, publicKey, cohort, size }]`',
    errors: [403, 404],
  },
  'POST /api/pulses/:pid/responses': {
    summary: 'Submit answers with a token (no credentials)',
    auth: 'none',
    ok: '201 `{ receipt }`',
    body: responseRequest,
    errors: [403, 404, 409, 410],
  },
}

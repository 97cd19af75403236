// The reply hash: how a comment's author can answer back without saying who they are. Their
// device draws a random 32-byte secret per comment and sends only its SHA-256 with the comment,
// in the anonymous response body (`replyHashes`, docs/api.md); the secret never leaves the
// device until it is shown, with no other credential, to add a follow-up (follow-ups.ts).
import type { FieldError } from '../http/problem'
import { decodeBounded } from '../privacy/base64url'
import { sha256 } from '../privacy/ids'
import type { Question } from '../surveys/question'

const SECRET_BYTES = 32
const encoded = /^[A-Za-z0-9_-]{43}$/

/** The 32 bytes a base64url secret or hash stands for, or undefined for anything else. */
function bytes32(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || !encoded.test(value)) return undefined
  const decoded = decodeBounded(value)
  return decoded?.length === SECRET_BYTES ? decoded : undefined
}

/** The reply hash of a secret (base64url SHA-256 of its bytes); undefined unless 32 bytes. */
export function replyHashOf(secret: unknown): string | undefined {
  const decoded = bytes32(secret)
  return decoded && sha256(decoded)
}

/**
 * Checks a response's optional `replyHashes` (text question id → base64url SHA-256): an object
 * whose keys are text questions of the survey and whose values are 32 bytes, base64url. Returns
 * the hashes by question, or the problems with their dotted paths.
 */
export function checkReplyHashes(
  questions: Question[],
  raw: unknown,
): { ok: true; hashes: Map<string, string> } | { ok: false; errors: FieldError[] } {
  const hashes = new Map<string, string>()
  if (raw === undefined) return { ok: true, hashes }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, errors: [{ path: 'replyHashes', message: 'must be an object' }] }
  const texts = new Set(questions.filter((q) => q.kind === 'text').map((q) => q.id))
  const errors: FieldError[] = []
  for (const [questionId, hash] of Object.entries(raw)) {
    const path = `replyHashes.${questionId}`
    if (!texts.has(questionId))
      errors.push({ path, message: 'is not a text question of this survey' })
    else if (!bytes32(hash))
      errors.push({ path, message: 'must be a SHA-256 hash, base64url (43 characters)' })
    else hashes.set(questionId, hash as string)
  }
  return errors.length ? { ok: false, errors } : { ok: true, hashes }
}

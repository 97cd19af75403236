import type { Answer } from '../../api/surveys/question'
import { ApiError, type MemberApi } from './api'
import type { Problem } from './key-check'
import type { Store } from './store'
import { responseBody } from './protocol'
import { drawReplySecrets, dropReplySecrets, replyHashesOf } from './reply-secrets'

// Messages are keys of the member pages' catalogs (i18n/en.json), so the page shows them in the
// member's language; `failed` keeps its key in the pulse's record.

/** Why answers were not counted: the pulse closed (by date, or early by an organizer) first. */
export const CLOSED_BEFORE = 'sub.closed'

/** How an attempt to send a pulse's pending answers ended. */
export type SendOutcome =
  /** Stored: now, or earlier by an attempt whose reply was lost (`already`). */
  | { kind: 'done'; receipt: string; already?: boolean }
  /**
   * Not counted: the token had been spent before this device ever sent it (the same token on
   * another device, after a move). The answers sent first were counted; these were not.
   */
  | { kind: 'spent' }
  /** Not sent (no connection or a server failure): answers and token stay saved for a retry. */
  | { kind: 'waiting'; message: string }
  /** The server refused the answers (422); the token is unspent and the member can fix them. */
  | { kind: 'invalid'; message: string; errors: { path: string; message: string }[] }
  /** The answers can never be stored (pulse closed or gone, token refused). */
  | { kind: 'failed'; message: string }
  /** Not sent: a check of what the pulse promised failed just before (verify.ts). */
  | { kind: 'refused'; problems: Problem[] }

/**
 * Saves answers to send with the pulse's token, and a reply secret for each comment among them
 * (reply-secrets.ts); they stay saved until a receipt arrives.
 */
export function savePending(store: Store, pid: string, answers: Answer[]) {
  const record = store.pulse(pid)
  if (!record.token) throw new Error('no token for this pulse on this device')
  if (!record.pending && !record.receipt) {
    const questions = record.entry?.survey.questions ?? []
    drawReplySecrets(
      store,
      pid,
      answers,
      new Set(questions.filter((q) => q.kind === 'text').map((q) => q.id)),
    )
    store.savePulse(pid, { pending: answers })
  }
}

/**
 * Sends the pending answers of a pulse with its token, without credentials. Success (a 201, or
 * a 409 carrying our own receipt after an earlier attempt from here) forgets token and answers
 * and keeps the receipt. A 409 with our receipt on the first attempt from here means another
 * device spent the token first: `spent`, never "done". Anything that might succeed later keeps
 * both, so answers are never lost; since the same token is sent every time, they are never
 * stored twice.
 */
export async function sendPending(
  api: MemberApi,
  store: Store,
  pid: string,
): Promise<Exclude<SendOutcome, { kind: 'refused' }>> {
  const record = store.pulse(pid)
  if (record.receipt) return { kind: 'done', receipt: record.receipt }
  if (!record.token || !record.pending) {
    store.savePulse(pid, { pending: undefined })
    return { kind: 'failed', message: 'sub.nothing' }
  }
  const hashes = await replyHashesOf(store, pid)
  const body = responseBody(record.token.keyId, record.token, record.pending, hashes)
  // Saved before the request: a reply lost on the way back may still have stored our answers.
  const earlier = record.tried
  if (!earlier) store.savePulse(pid, { tried: true })
  const forget = { token: undefined, pending: undefined, prepared: undefined, tried: undefined }
  try {
    const { receipt, already } = await api.submit(pid, body)
    if (already && !earlier) {
      store.savePulse(pid, { spent: true, ...forget })
      dropReplySecrets(store, pid) // these comments were not stored
      return { kind: 'spent' }
    }
    store.savePulse(pid, { receipt, ...forget })
    return { kind: 'done', receipt, already }
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0
    if (status === 0 || status >= 500 || status === 429) {
      return { kind: 'waiting', message: status ? 'sub.server' : 'sub.offline' }
    }
    if (status === 422 && e instanceof ApiError) {
      // The token is not spent, by us or anyone: fix and send again.
      store.savePulse(pid, { pending: undefined, tried: undefined })
      return { kind: 'invalid', message: e.detail || e.title, errors: e.errors ?? [] }
    }
    const message = status === 410 || status === 404 ? CLOSED_BEFORE : 'sub.refused'
    store.savePulse(pid, { ...forget, failed: message })
    dropReplySecrets(store, pid)
    return { kind: 'failed', message }
  }
}

import type { Answer } from '../../api/surveys/question'
import { ApiError, type MemberApi } from './api'
import type { Store } from './store'
import { responseBody } from './protocol'

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

/** Saves answers to send with the pulse's token; they stay saved until a receipt arrives. */
export function savePending(store: Store, pid: string, answers: Answer[]) {
  const record = store.pulse(pid)
  if (!record.token) throw new Error('no token for this pulse on this device')
  if (!record.pending && !record.receipt) store.savePulse(pid, { pending: answers })
}

/**
 * Sends the pending answers of a pulse with its token, without credentials. Success (a 201, or
 * a 409 carrying our own receipt after an earlier attempt from here) forgets token and answers
 * and keeps the receipt. A 409 with our receipt on the first attempt from here means another
 * device spent the token first: `spent`, never "done". Anything that might succeed later keeps
 * both, so answers are never lost; since the same token is sent every time, they are never
 * stored twice.
 */
export async function sendPending(api: MemberApi, store: Store, pid: string): Promise<SendOutcome> {
  const record = store.pulse(pid)
  if (record.receipt) return { kind: 'done', receipt: record.receipt }
  if (!record.token || !record.pending) {
    store.savePulse(pid, { pending: undefined })
    return { kind: 'failed', message: 'There is nothing to send from this device.' }
  }
  const body = responseBody(record.token.keyId, record.token, record.pending)
  // Saved before the request: a reply lost on the way back may still have stored our answers.
  const earlier = record.tried
  if (!earlier) store.savePulse(pid, { tried: true })
  const forget = { token: undefined, pending: undefined, prepared: undefined, tried: undefined }
  try {
    const { receipt, already } = await api.submit(pid, body)
    if (already && !earlier) {
      store.savePulse(pid, { spent: true, ...forget })
      return { kind: 'spent' }
    }
    store.savePulse(pid, { receipt, ...forget })
    return { kind: 'done', receipt, already }
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0
    if (status === 0 || status >= 500 || status === 429) {
      const message = status
        ? 'The server could not store them just now.'
        : 'There is no connection.'
      return { kind: 'waiting', message }
    }
    if (status === 422 && e instanceof ApiError) {
      // The token is not spent, by us or anyone: fix and send again.
      store.savePulse(pid, { pending: undefined, tried: undefined })
      return { kind: 'invalid', message: e.detail || e.title, errors: e.errors ?? [] }
    }
    const message =
      status === 410 || status === 404
        ? 'This pulse closed before your answers arrived, so they were not counted.'
        : 'The server did not accept the anonymous token of this device, so your answers were not counted.'
    store.savePulse(pid, { ...forget, failed: message })
    return { kind: 'failed', message }
  }
}

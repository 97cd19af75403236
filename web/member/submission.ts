import type { Answer } from '../../api/surveys/question'
import { ApiError, type MemberApi } from './api'
import type { Store } from './store'
import { responseBody } from './protocol'

/** How an attempt to send a pulse's pending answers ended. */
export type SendOutcome =
  /** Stored: now, or earlier by an attempt whose reply was lost (`already`). */
  | { kind: 'done'; receipt: string; already?: boolean }
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
 * a 409 carrying our own receipt) forgets token and answers and keeps the receipt. Anything
 * that might succeed later keeps both, so answers are never lost; since the same token is sent
 * every time, they are never stored twice.
 */
export async function sendPending(api: MemberApi, store: Store, pid: string): Promise<SendOutcome> {
  const record = store.pulse(pid)
  if (record.receipt) return { kind: 'done', receipt: record.receipt }
  if (!record.token || !record.pending) {
    store.savePulse(pid, { pending: undefined })
    return { kind: 'failed', message: 'There is nothing to send from this device.' }
  }
  const body = responseBody(record.token.keyId, record.token, record.pending)
  try {
    const { receipt, already } = await api.submit(pid, body)
    store.savePulse(pid, { receipt, token: undefined, pending: undefined, prepared: undefined })
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
      store.savePulse(pid, { pending: undefined }) // the token is not spent: fix and send again
      return { kind: 'invalid', message: e.detail || e.title, errors: e.errors ?? [] }
    }
    const message =
      status === 410 || status === 404
        ? 'This pulse closed before your answers arrived, so they were not counted.'
        : 'The server did not accept the anonymous token of this device, so your answers were not counted.'
    store.savePulse(pid, { pending: undefined, token: undefined, failed: message })
    return { kind: 'failed', message }
  }
}

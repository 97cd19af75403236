import type { Thread } from '../../api/threads/view'
import { replyHashFor } from './protocol'
import { randomDelay, repliesOf, updateReplies } from './reply-secrets'
import type { Store } from './store'

// The member's side of a shared pulse's threads (result-threads.tsx), loaded with them. Every
// device fetches the same threads; this one finds its own comments by hashing the secrets it
// holds, here, and tells no one. A follow-up is queued with a random delay (reply-secrets.ts
// sends it), so its moment says nothing about when the member read the thread.

/** The threads of `pid` this device's comments started, with the secret of each. */
export async function mineOf(store: Store, pid: string, threads: Thread[]) {
  const byHash = new Map<string, string>()
  for (const secret of Object.values(repliesOf(store).secrets[pid] ?? {}))
    byHash.set(await replyHashFor(secret), secret)
  const mine = new Map<string, string>()
  for (const th of threads) {
    const secret = th.replyHash && byHash.get(th.replyHash)
    if (secret) mine.set(th.id, secret)
  }
  return mine
}

const authorPosts = (th: Thread) => th.posts.filter((p) => p.by === 'author').length

/** Delay before a follow-up goes: a random 2 – 30 minutes. */
export const FOLLOW_UP_DELAY = [2 * 60_000, 30 * 60_000] as const

/**
 * Queues a follow-up to the member's own thread, to go after a random delay, replacing one
 * still waiting here for the same comment. Kept in the device store: it survives a reload.
 */
export function queueFollowUp(
  store: Store,
  th: Thread,
  secret: string,
  text: string,
  now = Date.now(),
) {
  updateReplies(store, (r) => {
    r.queue = [
      ...r.queue.filter((q) => q.commentId !== th.id),
      {
        commentId: th.id,
        secret,
        text,
        sendAfter: now + randomDelay(...FOLLOW_UP_DELAY),
        posts: authorPosts(th),
      },
    ]
    if (r.sent) delete r.sent[th.id]
  })
}

/** Takes back a follow-up that has not gone yet. */
export const cancelFollowUp = (store: Store, commentId: string) =>
  updateReplies(store, (r) => (r.queue = r.queue.filter((q) => q.commentId !== commentId)))

/** Where the member's follow-up to a thread stands, as this device knows it. */
export type FollowUpState =
  | { kind: 'queued'; text: string }
  /** Accepted by the server: it appears with the next daily release. */
  | { kind: 'sent' }
  | { kind: 'refused'; reason: string }
  | undefined

export function followUpState(store: Store, th: Thread): FollowUpState {
  const r = repliesOf(store)
  const queued = r.queue.find((q) => q.commentId === th.id)
  if (queued) return { kind: 'queued', text: queued.text }
  const sent = r.sent?.[th.id]
  if (!sent) return undefined
  if ('refused' in sent) return { kind: 'refused', reason: sent.refused }
  // Shown until the release has put it in the thread.
  return authorPosts(th) > sent.posts ? undefined : { kind: 'sent' }
}

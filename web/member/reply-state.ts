// What the member's device keeps of its comments' threads (reply-secrets.ts), as stored in the
// device store (store.ts). Types only.

/** A follow-up written on this device, waiting for its moment. */
export type QueuedFollowUp = {
  commentId: string
  secret: string
  text: string
  /** Not sent before this time (ms since the epoch). */
  sendAfter: number
  /** How many of the author's posts the thread showed when it was written. */
  posts: number
}

export type ReplyState = {
  /** The reply secret of each comment this device sent, by pulse and text question. */
  secrets: Record<string, Record<string, string>>
  queue: QueuedFollowUp[]
  /** Per comment, what became of its last follow-up sent from here: accepted, or why not. */
  sent?: Record<string, { posts: number } | { refused: string }>
}

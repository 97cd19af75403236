import type { Answer } from '../../api/surveys/question'
import { ApiError, type MemberApi } from './api'
import { replyHashFor, replySecret } from './protocol'
import type { ReplyState } from './reply-state'
import type { Store } from './store'

// A member's comments they can answer back to (docs/api.md, "Threads"). For each comment the
// device draws a secret of its own and sends only its hash, with the comment, in the anonymous
// response. The secrets stay here: never under the member key, never in a move link (move.ts
// reads only signed tokens). A follow-up waits in `queue`, in the device store, until a random
// moment has passed, then goes with its secret and no credential, so neither its timing nor the
// member's signed-in calls point to them. "Forget my comments" deletes all of it.

const empty = (): ReplyState => ({ secrets: {}, queue: [] })

/** The device's reply state (empty when it holds none). */
export const repliesOf = (store: Store): ReplyState => store.get().replies ?? empty()

/** Changes the reply state and saves it at once. */
export function updateReplies(store: Store, change: (r: ReplyState) => void) {
  store.update((s) => {
    const r = s.replies ?? empty()
    change(r)
    s.replies = r
  })
}

/**
 * Draws a reply secret for each comment among `answers` (the answers to the questions in
 * `texts`, not blank) that has none yet (a resend after a fix keeps the earlier ones), and
 * forgets those of text answers left empty. Saved before anything is sent: a lost reply is
 * retried with the same hashes.
 */
export function drawReplySecrets(store: Store, pid: string, answers: Answer[], texts: Set<string>) {
  const comments = answers.filter(
    (a) => texts.has(a.questionId) && typeof a.value === 'string' && a.value.trim() !== '',
  )
  updateReplies(store, (r) => {
    const held = r.secrets[pid] ?? {}
    const mine: Record<string, string> = {}
    for (const a of comments) mine[a.questionId] = held[a.questionId] ?? replySecret()
    if (Object.keys(mine).length) r.secrets[pid] = mine
    else delete r.secrets[pid]
  })
}

/** The reply hashes to send with a pulse's comments: text question id → hash. */
export async function replyHashesOf(store: Store, pid: string): Promise<Record<string, string>> {
  const held = repliesOf(store).secrets[pid] ?? {}
  const out: Record<string, string> = {}
  for (const [qid, secret] of Object.entries(held)) out[qid] = await replyHashFor(secret)
  return out
}

/** Forgets a pulse's secrets: its comments were never stored (the token was spent elsewhere). */
export const dropReplySecrets = (store: Store, pid: string) =>
  updateReplies(store, (r) => delete r.secrets[pid])

/** "Forget my comments": every secret, waiting follow-up and mark on this device. */
export const forgetComments = (store: Store) => store.update((s) => delete s.replies)

/** A random time within [min, max) ms, from the platform's CSPRNG. */
export const randomDelay = (min: number, max: number) =>
  min + (crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32) * (max - min)

/**
 * Sends the queued follow-ups whose moment has come, each without credentials. Accepted ones
 * leave the queue; refused ones too, with the reason (a hidden comment, one already waiting:
 * sending the same again would not help); on no connection or a server failure they stay.
 */
export async function sendDue(api: MemberApi, store: Store, now = Date.now()) {
  for (const item of repliesOf(store).queue.filter((q) => q.sendAfter <= now)) {
    const outcome = await api.followUp(item.secret, item.text).then(
      () => ({ posts: item.posts }),
      (e) =>
        e instanceof ApiError && e.status > 0 && e.status < 500 && e.status !== 429
          ? { refused: e.detail || e.title }
          : undefined,
    )
    if (outcome)
      updateReplies(store, (r) => {
        r.queue = r.queue.filter((q) => q.secret !== item.secret)
        r.sent = { ...r.sent, [item.commentId]: outcome }
      })
  }
}

let timer: ReturnType<typeof setTimeout> | undefined
let changed: (() => void) | undefined

/** Tells the page showing threads, if any, when queued follow-ups were sent or refused. */
export const whenQueueSent = (listener: () => void) => void (changed = listener)

/**
 * Arranges for the queued follow-ups to go at their moment (sendDue), and after that for those
 * still waiting. Even a follow-up already due waits a further random 15 s – 2 min, so it never
 * leaves together with the member's signed-in calls when the app opens.
 */
export function runQueue(api: MemberApi, store: Store, now = () => Date.now()) {
  clearTimeout(timer)
  const queue = repliesOf(store).queue
  if (!queue.length) return
  const next = Math.min(...queue.map((q) => q.sendAfter))
  timer = setTimeout(
    () =>
      void sendDue(api, store, now()).finally(() => {
        changed?.()
        runQueue(api, store, now)
      }),
    Math.max(next - now(), 0) + randomDelay(15_000, 120_000),
  )
}

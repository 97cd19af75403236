import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Thread } from '../../../api/threads/view'
import { replyHashFor, replySecret } from '../../../web/member/protocol'
import { repliesOf, updateReplies } from '../../../web/member/reply-secrets'
import { createStore } from '../../../web/member/store'
import {
  cancelFollowUp,
  FOLLOW_UP_DELAY,
  followUpState,
  mineOf,
  queueFollowUp,
} from '../../../web/member/threads-model'
import { memoryStorage } from './helpers'

// The member's side of a shared pulse's threads (web/member/threads-model.ts): the device finds
// its own comments by hashing its secrets, and queues follow-ups for a random later moment.

const test = suite('member: threads model')

const thread = (id: string, replyHash?: string, posts: Thread['posts'] = []): Thread => ({
  id,
  questionId: 'q',
  text: `comment ${id}`,
  replyHash,
  posts,
})

test("finds this device's comments by their reply hashes, and no one else's", async () => {
  const store = createStore(memoryStorage())
  const [mine, other] = [replySecret(), replySecret()]
  updateReplies(store, (r) => (r.secrets.p1 = { q: mine }))
  const threads = [
    thread('a', await replyHashFor(other)),
    thread('b', await replyHashFor(mine)),
    thread('c'),
  ]
  assert.equal([...(await mineOf(store, 'p1', threads))], [['b', mine]])
  assert.is((await mineOf(store, 'p2', threads)).size, 0, 'secrets of another pulse do not match')
})

test('a follow-up is queued for a random moment 2 to 30 minutes on, one per comment, and can be taken back', () => {
  const store = createStore(memoryStorage())
  const th = thread('b', 'h', [{ position: 1, by: 'organizers', text: 'Why?' }])
  const moments: number[] = []
  for (let i = 0; i < 20; i++) {
    queueFollowUp(store, th, 'S'.repeat(43), `Because ${i}.`, 1_000_000)
    moments.push(repliesOf(store).queue[0].sendAfter - 1_000_000)
  }
  assert.is(repliesOf(store).queue.length, 1, 'the latest replaces one still waiting')
  assert.ok(moments.every((m) => m >= FOLLOW_UP_DELAY[0] && m < FOLLOW_UP_DELAY[1]))
  assert.ok(new Set(moments).size > 1, 'random')
  assert.equal(followUpState(store, th), { kind: 'queued', text: 'Because 19.' })
  cancelFollowUp(store, 'b')
  assert.is(followUpState(store, th), undefined)
})

test('once sent it shows as waiting for the release until the thread holds one more of its posts', () => {
  const store = createStore(memoryStorage())
  const before = thread('b', 'h', [{ position: 1, by: 'organizers', text: 'Why?' }])
  updateReplies(store, (r) => (r.sent = { b: { posts: 0 } }))
  assert.equal(followUpState(store, before), { kind: 'sent' })
  const after = thread('b', 'h', [...before.posts, { position: 2, by: 'author', text: 'Because.' }])
  assert.is(followUpState(store, after), undefined)
  updateReplies(store, (r) => (r.sent = { b: { refused: 'This comment was hidden.' } }))
  assert.equal(followUpState(store, after), { kind: 'refused', reason: 'This comment was hidden.' })
})

test.run()

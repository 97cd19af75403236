import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createMemberApi } from '../../../web/member/api'
import { makeMove } from '../../../web/member/move'
import { decodeMoveLink } from '../../../web/member/move-link'
import { replyHashFor } from '../../../web/member/protocol'
import {
  forgetComments,
  repliesOf,
  runQueue,
  sendDue,
  updateReplies,
} from '../../../web/member/reply-secrets'
import { createStore } from '../../../web/member/store'
import { savePending, sendPending } from '../../../web/member/submission'
import { json, memoryStorage } from './helpers'

// The member's reply secrets (web/member/reply-secrets.ts): one per comment, only its hash sent,
// with the anonymous response; never under the member key, never in a move link; follow-ups
// queued on the device and sent without credentials; all of it forgotten on request.

type Seen = { method: string; url: string; headers: Record<string, string>; body?: any }

/** A device: its store and API over a stub server answering each request with `reply`. */
function device(reply: (r: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = []
  const storage = memoryStorage()
  const store = createStore(storage)
  store.update((s) => (s.memberKey = 'M'.repeat(43)))
  const api = createMemberApi({
    baseUrl: 'http://fake',
    memberKey: () => store.get().memberKey,
    fetch: (async (url: string, init: RequestInit) => {
      const r: Seen = {
        method: init.method ?? 'GET',
        url,
        headers: init.headers as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      }
      seen.push(r)
      return reply(r)
    }) as typeof fetch,
  })
  return { store, storage, api, seen }
}

const pid = 'p1'
const answers = [
  { questionId: 'q1', value: 4 },
  { questionId: 'q2', value: 'Shorter meetings, please.' },
  { questionId: 'q3', value: 'And more breaks.' },
  { questionId: 'q4', value: '   ' },
  { questionId: 'q5', value: 'Hall' },
]
/** The pulse as the device last listed it: which questions are text. */
const entry = {
  survey: {
    questions: [
      { id: 'q1', kind: 'likert5' },
      { id: 'q2', kind: 'text' },
      { id: 'q3', kind: 'text' },
      { id: 'q4', kind: 'text' },
      { id: 'q5', kind: 'choice', options: ['Hall', 'Church'] },
    ],
  },
} as never
const token = { keyId: 'k1', token: 'AAAA', signature: 'BBBB' }
const stored = () => json(201, { receipt: 'R' })
/** Every secret the device holds. */
const secretsOf = (store: ReturnType<typeof device>['store']) =>
  Object.values(repliesOf(store).secrets).flatMap((s) => Object.values(s))

const test = suite('member: reply secrets')

test('each comment gets its own secret; the response carries only their hashes, without credentials', async () => {
  const d = device(stored)
  d.store.savePulse(pid, { token, entry })
  savePending(d.store, pid, answers)
  const secrets = repliesOf(d.store).secrets[pid]
  assert.equal(
    Object.keys(secrets).sort(),
    ['q2', 'q3'],
    'comments only: not blank text, not a choice',
  )
  assert.ok(Object.values(secrets).every((s) => /^[A-Za-z0-9_-]{43}$/.test(s)))
  assert.is.not(secrets.q2, secrets.q3)
  assert.is((await sendPending(d.api, d.store, pid)).kind, 'done')
  const [sent] = d.seen
  assert.is(sent.url, `http://fake/api/pulses/${pid}/responses`)
  assert.is(sent.headers.authorization, undefined)
  assert.equal(sent.body.replyHashes, {
    q2: await replyHashFor(secrets.q2),
    q3: await replyHashFor(secrets.q3),
  })
  assert.equal(sent.body.answers, answers, 'the answers are as API.md has them')
  assert.not.ok(JSON.stringify(sent.body).includes(secrets.q2), 'the secret stays here')
  assert.equal(repliesOf(d.store).secrets[pid], secrets, 'kept after the receipt')
})

test('a retry after a lost reply sends the same hashes; a token spent elsewhere forgets them', async () => {
  let lose = true
  const d = device(() => {
    if (lose) throw new TypeError('network down')
    return json(409, { title: 'Conflict', status: 409, receipt: 'someone else' })
  })
  d.store.savePulse(pid, { token, entry })
  savePending(d.store, pid, answers)
  assert.is((await sendPending(d.api, d.store, pid)).kind, 'waiting')
  lose = false
  assert.is((await sendPending(d.api, d.store, pid)).kind, 'failed')
  assert.equal(d.seen[0].body.replyHashes, d.seen[1].body.replyHashes)
  assert.equal(repliesOf(d.store).secrets, {}, 'comments that were not stored have no secrets')
})

test('the move link carries no secret and no hash', async () => {
  const d = device((r) =>
    r.url.endsWith('/api/me/move')
      ? json(201, { moveKey: 'K'.repeat(43), expiresAt: '2030-01-01T00:00:00Z' })
      : stored(),
  )
  d.store.savePulse(pid, { token, entry })
  savePending(d.store, pid, answers)
  await sendPending(d.api, d.store, pid)
  // Another open pulse whose token the link carries.
  d.store.savePulse('p2', { token: { ...token, token: 'CCCC' } })
  const model = {
    pulses: { value: ['p1', 'p2'].map((p) => ({ pid: p, record: d.store.pulse(p) })) },
    obtainToken: async () => {},
  }
  const { url } = await makeMove(d.api, model as never, d.store, 'https://tp.example')
  const secrets = secretsOf(d.store)
  assert.is(secrets.length, 2)
  for (const s of [...secrets, ...(await Promise.all(secrets.map(replyHashFor)))])
    assert.not.ok(
      url.includes(s) || url.includes(encodeURIComponent(s)),
      'nothing of it in the link',
    )
  const link = decodeMoveLink(new URL(url).hash.slice(1))
  assert.equal(link, { moveKey: 'K'.repeat(43), tokens: [{ pid: 'p2', ...token, token: 'CCCC' }] })
  // And nothing of it under the member key.
  const signedIn = d.seen.filter((r) => r.headers.authorization)
  assert.is(signedIn.length, 1)
  for (const s of secrets) assert.not.ok(JSON.stringify(signedIn).includes(s))
})

test('a queued follow-up survives a reload and goes when due, without credentials; a refusal says why', async () => {
  const d = device((r) =>
    r.body.text === 'refuse me'
      ? json(409, { title: 'Conflict', status: 409, detail: 'This comment was hidden.' })
      : json(202, { waiting: true }),
  )
  updateReplies(d.store, (r) => {
    r.secrets.p1 = { q2: 'S'.repeat(43) }
    r.queue = [
      { commentId: 'c1', secret: 'S'.repeat(43), text: 'Thanks!', sendAfter: 1000, posts: 0 },
      { commentId: 'c2', secret: 'T'.repeat(43), text: 'refuse me', sendAfter: 1000, posts: 1 },
      { commentId: 'c3', secret: 'U'.repeat(43), text: 'Later.', sendAfter: 5000, posts: 0 },
    ]
  })
  const reloaded = createStore(d.storage)
  assert.is(repliesOf(reloaded).queue.length, 3, 'kept in the device store')
  await sendDue(d.api, reloaded, 2000)
  assert.equal(
    d.seen.map((r) => [r.url, r.headers.authorization, r.body]),
    [
      ['http://fake/api/follow-ups', undefined, { secret: 'S'.repeat(43), text: 'Thanks!' }],
      ['http://fake/api/follow-ups', undefined, { secret: 'T'.repeat(43), text: 'refuse me' }],
    ],
  )
  const r = repliesOf(reloaded)
  assert.equal(
    r.queue.map((q) => q.commentId),
    ['c3'],
  )
  assert.equal(r.sent, { c1: { posts: 0 }, c2: { refused: 'This comment was hidden.' } })
})

test('the queue waits at least a random 15 s after a follow-up is due', async () => {
  const d = device(() => json(202, { waiting: true }))
  updateReplies(d.store, (r) => {
    r.queue = [{ commentId: 'c1', secret: 'S'.repeat(43), text: 'Hi', sendAfter: 60_000, posts: 0 }]
  })
  const real = globalThis.setTimeout
  const delays: number[] = []
  globalThis.setTimeout = ((_: () => void, ms: number) => (delays.push(ms), 0)) as never
  try {
    for (let i = 0; i < 20; i++) runQueue(d.api, d.store, () => 0)
  } finally {
    globalThis.setTimeout = real
  }
  assert.ok(
    delays.every((ms) => ms >= 75_000 && ms < 180_000),
    String(delays),
  )
  assert.ok(new Set(delays).size > 1, 'random')
})

test('"forget my comments" deletes every secret, queued follow-up and mark', () => {
  const d = device(stored)
  d.store.savePulse(pid, { token, entry })
  savePending(d.store, pid, answers)
  updateReplies(d.store, (r) => {
    r.queue = [{ commentId: 'c1', secret: 'S'.repeat(43), text: 'Hi', sendAfter: 0, posts: 0 }]
    r.sent = { c0: { posts: 1 } }
  })
  forgetComments(d.store)
  assert.is(d.store.get().replies, undefined)
  assert.not.ok(d.storage.map.get('trustpulse.member')!.includes('S'.repeat(43)))
  assert.equal(repliesOf(d.store), { secrets: {}, queue: [] })
})

test.run()

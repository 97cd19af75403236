import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createMemberApi } from '../../../web/member/api'
import { createStore } from '../../../web/member/store'
import { savePending, sendPending } from '../../../web/member/submission'
import { finalizeToken, prepareToken, receiptFor } from '../../../web/member/token-client'
import { fakeServer } from './fake-server'
import { memoryStorage } from './helpers'

const server = fakeServer(['p1'])
const answers = [{ questionId: 'q1', value: 4 }]

/** A store holding a signed token for p1, and an API over the fake server. */
async function setup() {
  const s = await server
  s.setFail(undefined)
  const prepared = await prepareToken(s.key.publicKey)
  const signed = await finalizeToken(
    prepared,
    s.key.publicKey,
    await s.key.sign(prepared.blindedMsg),
  )
  const storage = memoryStorage()
  const store = createStore(storage)
  store.savePulse('p1', { token: { ...signed, keyId: 'key-p1' } })
  const api = createMemberApi({ baseUrl: 'http://fake', fetch: s.fetch })
  return { s, storage, store, api, signed }
}
const submissions = (s: Awaited<typeof server>) =>
  s.calls.filter((c) => c.path.endsWith('/responses'))

const test = suite('store')

test('keeps a token across reloads until it is used', async () => {
  const { storage, store, api, signed } = await setup()
  assert.is(createStore(storage).pulse('p1').token?.token, signed.token)
  savePending(store, 'p1', answers)
  const outcome = await sendPending(api, createStore(storage), 'p1')
  assert.is(outcome.kind, 'done')
  const after = createStore(storage).pulse('p1')
  assert.equal(after, { receipt: await receiptFor(signed.token) })
})

test('a pending submission survives a failed send and a reload, then goes with the same token', async () => {
  const { s, storage, store, api, signed } = await setup()
  const before = submissions(s).length
  savePending(store, 'p1', answers)
  s.setFail((r) => (r.path.endsWith('/responses') ? 'before' : undefined))
  const first = await sendPending(api, store, 'p1')
  assert.is(first.kind, 'waiting')
  const reloaded = createStore(storage)
  assert.equal(reloaded.pulse('p1').pending, answers)
  assert.is(reloaded.pulse('p1').token?.token, signed.token)
  s.setFail(undefined)
  const second = await sendPending(api, reloaded, 'p1')
  assert.equal(second, {
    kind: 'done',
    receipt: await receiptFor(signed.token),
    already: undefined,
  })
  const sent = submissions(s).slice(before)
  assert.is(sent.length, 2)
  assert.is(sent[0].body.token, sent[1].body.token)
})

test('a lost reply is recognised by the 409 that carries our receipt', async () => {
  const { s, storage, store, api, signed } = await setup()
  savePending(store, 'p1', answers)
  s.setFail((r) => (r.path.endsWith('/responses') ? 'after' : undefined))
  assert.is((await sendPending(api, store, 'p1')).kind, 'waiting')
  s.setFail(undefined)
  const receipt = await receiptFor(signed.token)
  assert.equal(await sendPending(api, createStore(storage), 'p1'), {
    kind: 'done',
    receipt,
    already: true,
  })
  assert.is(createStore(storage).pulse('p1').receipt, receipt)
  assert.equal(s.spent.get(receipt), answers) // stored once
})

test('saving answers twice keeps the first ones; a done pulse is not sent again', async () => {
  const { s, store, api } = await setup()
  savePending(store, 'p1', answers)
  savePending(store, 'p1', [{ questionId: 'q1', value: 1 }])
  assert.equal(store.pulse('p1').pending, answers)
  await sendPending(api, store, 'p1')
  const count = submissions(s).length
  assert.is((await sendPending(api, store, 'p1')).kind, 'done')
  assert.is(submissions(s).length, count)
})

test('a refused token forgets token and answers and says why', async () => {
  const { store, api } = await setup()
  store.savePulse('p1', { token: { keyId: 'key-p1', token: 'AAAA', signature: 'AAAA' } })
  savePending(store, 'p1', answers)
  const outcome = await sendPending(api, store, 'p1')
  assert.is(outcome.kind, 'failed')
  assert.equal(Object.keys(store.pulse('p1')), ['failed'])
})

test('falls back to memory when storage throws, and says so', () => {
  const broken = {
    getItem: () => null,
    setItem: () => {
      throw new Error('QuotaExceededError')
    },
    removeItem: () => {},
  }
  const store = createStore(broken)
  store.update((s) => (s.memberKey = 'MK'))
  assert.is(store.get().memberKey, 'MK')
  assert.not.ok(store.persistent())
  const none = createStore(undefined)
  none.savePulse('p', { receipt: 'r' })
  assert.is(none.pulse('p').receipt, 'r')
})

test('savePulse merges and removes keys set to undefined', () => {
  const store = createStore(memoryStorage())
  store.savePulse('p', { receipt: 'r', moved: true })
  store.savePulse('p', { moved: undefined })
  assert.equal(store.pulse('p'), { receipt: 'r' })
  assert.equal(store.pulse('unknown'), {})
})

test.run()

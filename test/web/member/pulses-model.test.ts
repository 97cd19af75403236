import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createMemberApi } from '../../../web/member/api'
import { createPulsesModel } from '../../../web/member/pulses-model'
import { createStore } from '../../../web/member/store'
import { fakeServer } from './fake-server'
import { memoryStorage, signingKey } from './helpers'

const key = signingKey()

async function setup(pids = ['p1', 'p2', 'p3'], storage = memoryStorage()) {
  const s = await fakeServer(pids, await key)
  const store = createStore(storage)
  store.update((st) => (st.memberKey = 'MK'))
  const api = createMemberApi({
    baseUrl: 'http://fake',
    fetch: s.fetch,
    memberKey: () => store.get().memberKey,
  })
  return { s, store, storage, model: createPulsesModel(api, store) }
}
const statuses = (m: ReturnType<typeof createPulsesModel>) => m.pulses.value.map((p) => p.status)

const test = suite('pulses model')

test('on load, gets a token for every open pulse at once', async () => {
  const { s, store, model } = await setup()
  await model.load()
  const issuances = s.calls.filter((c) => c.path.endsWith('/tokens'))
  assert.equal(issuances.map((c) => c.path).sort(), [
    '/api/pulses/p1/tokens',
    '/api/pulses/p2/tokens',
    '/api/pulses/p3/tokens',
  ])
  assert.equal(statuses(model), ['ready', 'ready', 'ready'])
  for (const pid of ['p1', 'p2', 'p3']) {
    const { token } = store.pulse(pid)
    assert.ok(token && (await s.key.verify(token.token, token.signature)))
    assert.equal(store.pulse(pid).check?.problems, [])
    assert.is(store.pulse(pid).pin, s.fingerprints.get(pid)?.replace(/ /g, ''))
  }
  assert.is(model.community.value?.name, 'Crew')
})

test('keeps tokens until used: a second load asks for none', async () => {
  const { s, model } = await setup()
  await model.load()
  const count = s.calls.length
  await model.load()
  assert.not.ok(s.calls.slice(count).some((c) => c.path.endsWith('/tokens')))
  assert.equal(statuses(model), ['ready', 'ready', 'ready'])
})

test('a lost issuance reply is retried with the same blinded message', async () => {
  const { s, store, model } = await setup(['p1'])
  s.setFail((r) => (r.path.endsWith('/tokens') ? 'after' : undefined))
  await model.load()
  assert.equal(statuses(model), ['offline'])
  const prepared = store.pulse('p1').prepared
  assert.ok(prepared)
  s.setFail(undefined)
  await model.load()
  const sent = s.calls.filter((c) => c.path.endsWith('/tokens')).map((c) => c.body.blindedMsg)
  assert.equal(sent, [prepared!.blindedMsg, prepared!.blindedMsg])
  assert.equal(statuses(model), ['ready'])
})

test('a 409 on issuance without a local token means another device holds it', async () => {
  const { s, store, model } = await setup(['p1'])
  // Listed as not issued, but another device asks first.
  s.setFail((r) => void (r.path.endsWith('/tokens') && s.issued.set('p1', 'someone-else')))
  await model.load()
  assert.ok(s.calls.some((c) => c.path.endsWith('/tokens')))
  assert.equal(statuses(model), ['other-device'])
  assert.equal(store.pulse('p1').prepared, undefined)
})

test('a pulse listed as issued with nothing local is "other device" without asking again', async () => {
  const first = await setup(['p1'])
  await first.model.load()
  const other = await setup(['p1'])
  other.s.issued.set('p1', 'x')
  await other.model.load()
  assert.equal(statuses(other.model), ['other-device'])
  assert.not.ok(other.s.calls.some((c) => c.path.endsWith('/tokens')))
})

test('answers are sent once and the pulse is done, also after a reload', async () => {
  const { s, storage, model } = await setup(['p1'])
  await model.load()
  const outcome = await Promise.all([
    model.send('p1', [{ questionId: 'q', value: 1 }]),
    model.flush('p1'),
  ])
  assert.is(outcome[0].kind, 'done')
  assert.is(s.calls.filter((c) => c.path.endsWith('/responses')).length, 1)
  const again = createPulsesModel(
    createMemberApi({ baseUrl: 'http://fake', fetch: s.fetch }),
    createStore(storage),
  )
  assert.equal(statuses(again), ['done']) // from local knowledge, before any request
})

test('pending answers are sent on the next load', async () => {
  const { s, storage, model } = await setup(['p1'])
  await model.load()
  s.setFail((r) => (r.path.endsWith('/responses') ? 'before' : undefined))
  assert.is((await model.send('p1', [{ questionId: 'q', value: 2 }])).kind, 'waiting')
  assert.equal(statuses(model), ['pending'])
  s.setFail(undefined)
  const reloaded = createPulsesModel(
    createMemberApi({ baseUrl: 'http://fake', fetch: s.fetch, memberKey: () => 'MK' }),
    createStore(storage),
  )
  await reloaded.load()
  assert.equal(statuses(reloaded), ['done'])
})

test('a member without a working key still sees the pulses this device holds tokens for', async () => {
  const { storage, model } = await setup(['p1'])
  await model.load()
  const store = createStore(storage)
  store.update((st) => (st.memberKey = 'REVOKED'))
  const s2 = await fakeServer(['p1'], await key)
  const m2 = createPulsesModel(
    createMemberApi({ baseUrl: 'http://fake', fetch: s2.fetch, memberKey: () => 'REVOKED' }),
    store,
  )
  await m2.load()
  assert.is(m2.state.value, 'signed-out')
  assert.equal(statuses(m2), ['ready'])
})

test('forgets closed pulses on load, but not answers still waiting to be sent', async () => {
  const { store, model } = await setup(['p1'])
  await model.load()
  const entry = store.pulse('p1').entry!
  const closed = {
    ...entry,
    pulse: { ...entry.pulse, id: 'old', closesAt: '2000-01-01T00:00:00Z' },
  }
  store.savePulse('old', { entry: closed, receipt: 'r' })
  store.savePulse('late', {
    entry: { ...closed, pulse: { ...closed.pulse, id: 'late' } },
    pending: [],
  })
  await model.load()
  assert.equal(Object.keys(store.get().pulses).sort(), ['late', 'p1'])
})

test.run()

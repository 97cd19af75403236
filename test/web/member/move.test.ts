import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createMemberApi } from '../../../web/member/api'
import { arrive, makeMove, movableToken } from '../../../web/member/move'
import { decodeMoveLink, encodeMoveLink, moveUrl } from '../../../web/member/move-link'
import { createPulsesModel } from '../../../web/member/pulses-model'
import { createStore } from '../../../web/member/store'
import { fakeServer } from './fake-server'
import { memoryStorage, signingKey } from './helpers'

// The move link (web/member/move-link.ts) and the move itself (move.ts): the link holds the
// single-use move key and the device's signed tokens in its fragment, never anything else.

const key = signingKey()
const moveKey = 'K'.repeat(43)
const signed = { pid: 'p,1', keyId: 'k 1', token: 'AAA', signature: 'BBB' }

/** One device of the member over a shared fake server: its store, API and model. */
function device(s: Awaited<ReturnType<typeof fakeServer>>, memberKey?: string) {
  const store = createStore(memoryStorage())
  if (memberKey) store.update((st) => (st.memberKey = memberKey))
  const api = createMemberApi({
    baseUrl: 'http://fake',
    fetch: s.fetch,
    memberKey: () => store.get().memberKey,
  })
  return { store, api, model: createPulsesModel(api, store) }
}
const statuses = (d: ReturnType<typeof device>) => d.model.pulses.value.map((p) => p.status)
const fragmentOf = (url: string) => new URL(url).hash.slice(1)

const test = suite('move link and move')

test('the move key and signed tokens round-trip through the fragment, in a versioned format', () => {
  const link = { moveKey, tokens: [signed, { ...signed, pid: 'p2' }] }
  const text = encodeMoveLink(link)
  assert.ok(text.startsWith('v=1&k='), text)
  assert.equal(decodeMoveLink(text), link)
  assert.equal(decodeMoveLink(encodeMoveLink({ moveKey, tokens: [] })), { moveKey, tokens: [] })
})

test('the link puts everything in the fragment, which browsers never send', () => {
  const url = new URL(moveUrl('https://tp.example', { moveKey, tokens: [signed] }))
  assert.is(url.pathname, '/m/import')
  assert.is(url.search, '')
  assert.equal(decodeMoveLink(url.hash.slice(1)), { moveKey, tokens: [signed] })
})

test('a token is written with its four signed fields only: never blindedMsg or inv', () => {
  const withExtras = { ...signed, blindedMsg: 'BLINDED', inv: 'INVERSE', answers: 'ANSWERS' }
  const text = encodeMoveLink({ moveKey, tokens: [withExtras] })
  for (const secret of ['BLINDED', 'INVERSE', 'ANSWERS', 'blindedMsg', 'inv'])
    assert.not.ok(text.includes(secret), secret)
})

test('a later version is recognised as newer; fields of new names are skipped', () => {
  assert.is(decodeMoveLink(`v=2&k=${moveKey}&x=whatever`), 'newer')
  const later = `${encodeMoveLink({ moveKey, tokens: [signed] })}&p=pinned,key,list`
  assert.equal(decodeMoveLink(later), { moveKey, tokens: [signed] })
})

test("the pulses' pinned fingerprints travel in a versioned field; links without it are still read", () => {
  const pins = [{ pid: 'p,1', fingerprint: 'ABCDEFGHIJKLMNOP' }]
  const text = encodeMoveLink({ moveKey, tokens: [signed], pins })
  assert.ok(text.endsWith('&f1=p%2C1,ABCDEFGHIJKLMNOP'), text)
  assert.equal(decodeMoveLink(text), { moveKey, tokens: [signed], pins })
  // A link from before pins, and pins of a later form (f2), which this page skips.
  const older = encodeMoveLink({ moveKey, tokens: [signed] })
  assert.not.ok(older.includes('f1='))
  assert.equal(decodeMoveLink(older), { moveKey, tokens: [signed] })
  assert.equal(decodeMoveLink(`${older}&f2=p1,whatever,else`), { moveKey, tokens: [signed] })
  for (const damaged of ['f1=p1', 'f1=p1,SHORT', 'f1=,ABCDEFGHIJKLMNOP', 'f1=p1,abcdefghijklmnop'])
    assert.is(decodeMoveLink(`${older}&${damaged}`), undefined, damaged)
})

test('anything damaged decodes to undefined', () => {
  const ok = encodeMoveLink({ moveKey, tokens: [signed] })
  for (const text of [
    '',
    's,p1,k1,AAA,BBB', // the format before move keys
    `k=${moveKey}`, // no version
    `v=one&k=${moveKey}`,
    'v=1', // no move key
    'v=1&k=short',
    `v=1&k=${moveKey}&k=${moveKey}`,
    `v=1&k=${moveKey}&t=p1,k1,AAA`, // three fields
    `v=1&k=${moveKey}&t=p1,,AAA,BBB`,
    `v=1&k=${moveKey}&t=p1,k1,%E0%A4%A,BBB`,
    ok.slice(0, ok.length - 200),
  ]) {
    assert.is(decodeMoveLink(text), undefined, text)
  }
})

test('only signed, unused tokens can be moved: never a prepared one', () => {
  const token = { keyId: 'k1', token: 'AAA', signature: 'BBB' }
  const prepared = { keyId: 'k1', token: 'AAA', blindedMsg: 'CCC', inv: 'DDD' }
  assert.equal(movableToken('p1', { token }), { pid: 'p1', ...token })
  assert.is(movableToken('p1', { prepared }), undefined)
  for (const r of [{ pending: [] }, { receipt: 'r' }, { spent: true }, { moved: true }])
    assert.is(movableToken('p1', { token, ...r }), undefined)
})

test('making a move finalizes prepared tokens, asks for a move key and puts only signed tokens in the link', async () => {
  const s = await fakeServer(['p1', 'p2', 'p3'], await key)
  const a = device(s, 'MK')
  s.setFail((r) => (r.path === '/api/pulses/p2/tokens' ? 'after' : undefined)) // signed, reply lost
  await a.model.load()
  assert.ok(a.store.pulse('p2').prepared, 'p2 is prepared but not signed here')
  s.setFail(undefined)
  await a.model.send('p3', []) // answered: its token is spent, not moved
  const made = await makeMove(a.api, a.model, a.store, 'https://tp.example')
  assert.is(made.tokens, 2)
  assert.is(made.expiresAt, '2999-01-01T01:00:00.000Z')
  const link = decodeMoveLink(fragmentOf(made.url))
  assert.ok(link && link !== 'newer')
  assert.is(link.moveKey, [...s.moves.keys()][0])
  assert.equal(
    link.tokens.map((t) => t.pid),
    ['p1', 'p2'],
  )
  for (const t of link.tokens) assert.ok(await s.key.verify(t.token, t.signature), t.pid)
  const stored = JSON.stringify(a.store.get())
  for (const value of stored.match(/"(blindedMsg|inv)":"[^"]+"/g) ?? [])
    assert.not.ok(made.url.includes(value.split(':')[1].slice(1, -1)), value)
  assert.not.ok(/blindedMsg|inv=/.test(made.url))
  assert.equal(a.store.get().moveOffer, { pids: ['p1', 'p2'], expiresAt: made.expiresAt })
  assert.equal(statuses(a), ['ready', 'ready', 'done'], 'nothing is marked moved yet')
})

test('a prepared token that cannot be signed stays out of the link', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  s.setFail((r) => (r.path.endsWith('/tokens') ? 'before' : undefined))
  await a.model.load()
  a.store.savePulse('p1', { prepared: { ...a.store.pulse('p1').prepared!, blindedMsg: 'AAAA' } })
  s.issued.set('p1', 'another blinded message') // the server signed another one: a 409
  s.setFail(undefined)
  const made = await makeMove(a.api, a.model, a.store, 'https://tp.example')
  assert.is(made.tokens, 0)
  assert.equal((decodeMoveLink(fragmentOf(made.url)) as { tokens: unknown[] }).tokens, [])
})

test('the other device exchanges the move key for its own key and takes over the tokens that verify', async () => {
  const s = await fakeServer(['p1', 'p2'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  const made = await makeMove(a.api, a.model, a.store, 'https://tp.example')
  const link = decodeMoveLink(fragmentOf(made.url)) as Exclude<
    ReturnType<typeof decodeMoveLink>,
    'newer' | undefined
  >
  link.tokens[1] = { ...link.tokens[1], signature: link.tokens[0].signature } // damaged
  const b = device(s)
  assert.equal(await arrive(b.api, b.model, b.store, link), { kind: 'done', taken: 1 })
  const bKey = b.store.get().memberKey!
  assert.ok(bKey && bKey !== 'MK' && s.memberKeys.has(bKey), 'a key drawn on the new device')
  assert.is(b.store.get().community?.name, 'Crew')
  assert.is(b.store.get().pendingMove, undefined)
  assert.equal(statuses(b), ['ready', 'other-device'])
  assert.is(b.store.pulse('p1').token?.token, a.store.pulse('p1').token?.token)

  // Only now, told by the server, does the old device mark the tokens the link carried moved.
  await a.model.load()
  assert.is(a.model.state.value, 'moved')
  assert.equal(statuses(a), ['moved', 'moved'])
  assert.is(a.store.get().moveOffer, undefined)
})

test('the old device marks only the pulses the link carried: a token it got later stays usable', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  assert.is((await makeMove(a.api, a.model, a.store, 'https://tp.example')).tokens, 1)
  const later = await fakeServer(['p1', 'p2'], await key) // p2 opened after the link was made
  const a2 = device(later, 'MK')
  a2.store.update((st) => Object.assign(st, a.store.get()))
  await a2.model.load()
  later.moved.add('MK')
  await a2.model.load()
  assert.is(a2.model.state.value, 'moved')
  assert.equal(statuses(a2), ['moved', 'ready'])
})

test('a re-invite instead of the move: nothing is marked moved, and the move is forgotten', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  await makeMove(a.api, a.model, a.store, 'https://tp.example')
  s.revoked.add('MK')
  assert.is(await a.model.checkAccess(), false)
  assert.is(a.model.state.value, 'access-reset')
  assert.equal(statuses(a), ['ready'])
  assert.is(a.store.get().moveOffer, undefined)
})

test('a used or unknown move key: "used", and the device keeps what it had', async () => {
  const s = await fakeServer(['p1'], await key)
  const b = device(s, 'OLD')
  assert.equal(await arrive(b.api, b.model, b.store, { moveKey, tokens: [] }), { kind: 'used' })
  assert.is(b.store.get().memberKey, 'OLD')
  assert.is(b.store.get().pendingMove, undefined)
})

test('no connection: the move is kept and tried again with the same pair', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  const link = decodeMoveLink(
    fragmentOf((await makeMove(a.api, a.model, a.store, 'https://tp.example')).url),
  ) as { moveKey: string; tokens: [] }
  const b = device(s)
  s.setFail((r) => (r.path === '/api/move' ? 'after' : undefined)) // done, reply lost
  assert.equal(await arrive(b.api, b.model, b.store, link), { kind: 'offline' })
  const pending = b.store.get().pendingMove
  assert.ok(pending)
  s.setFail(undefined)
  assert.equal(await arrive(b.api, b.model, b.store), { kind: 'done', taken: 1 })
  assert.is(b.store.get().memberKey, pending.memberKey)
  const pairs = s.calls.filter((c) => c.path === '/api/move').map((c) => c.body.memberKey)
  assert.equal(pairs, [pending.memberKey, pending.memberKey])
})

test('a reply lost until the move key is refused: the key drawn here already works, so it is done', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  const link = decodeMoveLink(
    fragmentOf((await makeMove(a.api, a.model, a.store, 'https://tp.example')).url),
  ) as { moveKey: string; tokens: [] }
  const b = device(s)
  s.setFail((r) => (r.path === '/api/move' ? 'after' : undefined))
  await arrive(b.api, b.model, b.store, link)
  s.setFail(undefined)
  s.moves.get(link.moveKey)!.usedBy = 'expired' // the server no longer accepts the pair
  assert.equal(await arrive(b.api, b.model, b.store), { kind: 'done', taken: 1 })
})

test.run()

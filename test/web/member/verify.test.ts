import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { keyIdOf } from '../../../api/privacy/key-list'
import type { LogData } from '../../../api/privacy/log-chain'
import { createMemberApi, type KeyEntry } from '../../../web/member/api'
import { paddingText } from '../../../web/member/check-words'
import { locale } from '../../../web/member/i18n'
import { arrive, makeMove } from '../../../web/member/move'
import { decodeMoveLink, type MoveLink } from '../../../web/member/move-link'
import { createPulsesModel } from '../../../web/member/pulses-model'
import { createStore } from '../../../web/member/store'
import { appendLog, fakeServer } from './fake-server'
import { memoryStorage, signingKey } from './helpers'

// The checks in the answer flow (web/member/verify.ts in pulses-model.ts): before a token is
// fetched and again before answers go, against a server that cheats in one way at a time.

const key = signingKey()
type Server = Awaited<ReturnType<typeof fakeServer>>

function device(s: Server, memberKey?: string, storage = memoryStorage()) {
  const store = createStore(storage)
  if (memberKey) store.update((st) => (st.memberKey = memberKey))
  const api = createMemberApi({
    baseUrl: 'http://fake',
    fetch: s.fetch,
    memberKey: () => store.get().memberKey,
  })
  return { store, storage, api, model: createPulsesModel(api, store) }
}
type Device = ReturnType<typeof device>
const statuses = (d: Device) => d.model.pulses.value.map((p) => p.status)
const codes = (d: Device, pid: string) =>
  d.model.checks.blockers(d.store.pulse(pid)).map((p) => p.code)
const called = (s: Server, suffix: string) => s.calls.filter((c) => c.path.endsWith(suffix))
const answers = [{ questionId: 'q', value: 4 }]
const other = 'AAAABBBBCCCCDDDD'

/** Rewrites the server's log as `edit` says, every entry hashed again: a history rewritten. */
async function relog(s: Server, edit: (data: LogData[]) => LogData[]) {
  const data = s.log.map(({ kind, data }) => ({ kind, data }) as LogData)
  s.log.length = 0
  for (const d of edit(data)) await appendLog(s.log, d)
}

// A list consistent in itself whose other cohort has another key: another list, another code.
let swapped: KeyEntry
const rekeyed = (_pid: string, honest: KeyEntry[]) => [honest[0], swapped]

const test = suite('verify: the checks in the answer flow')
test.before(async () => {
  const { publicKey } = await signingKey()
  swapped = { keyId: await keyIdOf(publicKey), publicKey, cohort: {}, eligible: 7, joined: 7 }
})

test("an honest server: each pulse's list is checked and pinned before its token, and the log agrees", async () => {
  const s = await fakeServer(['p1', 'p2'], await key)
  const d = device(s, 'MK')
  await d.model.load()
  assert.equal(statuses(d), ['ready', 'ready'])
  for (const pid of ['p1', 'p2']) {
    const r = d.store.pulse(pid)
    const code = s.fingerprints.get(pid)!.replace(/ /g, '')
    assert.equal([r.pin, r.logCode, r.check?.problems], [code, code, []])
    const paths = s.calls.map((c) => c.path)
    assert.ok(paths.indexOf(`/api/pulses/${pid}/keys`) < paths.indexOf(`/api/pulses/${pid}/tokens`))
  }
  assert.equal(d.store.get().log?.head?.seq, 2)
  assert.is((await d.model.send('p1', answers)).kind, 'done')
})

test('a tampered key list: no token is fetched and nothing can be sent', async () => {
  const s = await fakeServer(['p1'], await key)
  // The member's own key is listed with another public key: the server would sign with it.
  s.cheat.keys = (_pid, honest) => [{ ...honest[0], publicKey: s.other.publicKey }, honest[1]]
  const d = device(s, 'MK')
  await d.model.load()
  assert.equal(statuses(d), ['refused'])
  assert.ok(codes(d, 'p1').includes('own-key-differs'), codes(d, 'p1').join())
  assert.equal(called(s, '/tokens'), [])
})

test('a list that changed since it was pinned: refused before sending, nothing sent or kept', async () => {
  const s = await fakeServer(['p1'], await key)
  const d = device(s, 'MK')
  await d.model.load()
  assert.equal(statuses(d), ['ready'])
  s.cheat.keys = rekeyed
  const outcome = await d.model.send('p1', answers)
  assert.is(outcome.kind, 'refused')
  assert.equal(codes(d, 'p1'), ['pin-differs', 'log-differs'])
  assert.equal(called(s, '/responses'), [])
  assert.equal(statuses(d), ['refused'])
  assert.is(d.store.pulse('p1').pending, undefined, 'answers refused are not kept on the device')
  // Still refused after a reload: the pin stays.
  const again = device(s, 'MK', d.storage)
  await again.model.load()
  assert.equal(statuses(again), ['refused'])
})

test("the link's code differs from the list: refused; the same code: answered", async () => {
  const s = await fakeServer(['p1', 'p2'], await key)
  const d = device(s, 'MK')
  d.model.save('p1', { linkCode: other })
  d.model.save('p2', { linkCode: s.fingerprints.get('p2')!.replace(/ /g, '') })
  await d.model.load()
  assert.equal(statuses(d), ['refused', 'ready'])
  assert.equal(codes(d, 'p1'), ['link-differs'])
  assert.equal(
    called(s, '/tokens').map((c) => c.path),
    ['/api/pulses/p2/tokens'],
  )
})

test('the log recorded another code when the pulse opened: refused', async () => {
  const s = await fakeServer(['p1'], await key)
  await relog(s, (data) =>
    data.map((d) =>
      d.kind === 'pulse-opened' ? { ...d, data: { ...d.data, fingerprint: other } } : d,
    ),
  )
  const d = device(s, 'MK')
  await d.model.load()
  assert.equal(statuses(d), ['refused'])
  assert.equal(codes(d, 'p1'), ['log-differs'])
})

test('a rewritten log: shown as an error, sending refused, and it stays so', async () => {
  const s = await fakeServer(['p1'], await key)
  const d = device(s, 'MK')
  await d.model.load()
  assert.equal(statuses(d), ['ready'])
  // The server drops a members entry from before the pulse and rewrites the chain after it.
  await relog(s, (data) => [
    {
      kind: 'settings',
      data: {
        minGroupSize: 3,
        minCommentGroupSize: 5,
        privacyMode: 'threshold',
        epsilon: 1,
        attributes: [],
      },
    },
    ...data,
  ])
  const outcome = await d.model.send('p1', answers)
  assert.is(outcome.kind, 'refused')
  assert.equal(codes(d, 'p1'), ['log-rewritten'])
  assert.equal(d.store.get().log?.problem, { reason: 'rewritten', seq: 2 })
  assert.equal(called(s, '/responses'), [])
  // A reload, with the server's story consistent again from scratch, does not clear it.
  const again = device(s, 'MK', d.storage)
  await again.model.load()
  assert.equal(statuses(again), ['refused'])
})

test('a device whose key no longer works checks the list it pinned', async () => {
  const s = await fakeServer(['p1', 'p2'], await key)
  const d = device(s, 'MK')
  await d.model.load()
  s.moved.add('MK') // the member moved: this device's key is replaced
  s.memberKeys.delete('MK')
  s.cheat.keys = rekeyed // not seen: the key list needs a working key
  assert.is((await d.model.send('p1', answers)).kind, 'done')
  assert.is(called(s, '/api/pulses/p1/keys').length, 2, 'asked, and refused with a 401')
  // What it pinned still stops it: here, a different pin the move brought.
  d.model.save('p2', { pinConflict: other })
  assert.is((await d.model.send('p2', answers)).kind, 'refused')
  assert.equal(codes(d, 'p2'), ['pin-differs'])
  assert.is(called(s, '/responses').length, 1)
})

test('after a move, the new device refuses a list other than the one the old device pinned', async () => {
  const s = await fakeServer(['p1', 'p2'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  const made = await makeMove(a.api, a.model, a.store, 'https://tp.example')
  const link = decodeMoveLink(new URL(made.url).hash.slice(1)) as MoveLink
  assert.equal(
    link.pins,
    ['p1', 'p2'].map((pid) => ({ pid, fingerprint: s.fingerprints.get(pid)!.replace(/ /g, '') })),
  )
  // The new device is shown its own list of p1's keys, consistent in itself.
  s.cheat.keys = (pid, honest, bearer) =>
    pid === 'p1' && bearer !== 'MK' ? rekeyed(pid, honest) : honest
  const b = device(s)
  assert.equal(await arrive(b.api, b.model, b.store, link), { kind: 'done', taken: 2 })
  assert.equal(statuses(b), ['refused', 'ready'])
  assert.equal(codes(b, 'p1'), ['pin-differs', 'log-differs'])
  assert.is((await b.model.send('p1', answers)).kind, 'refused')
  assert.equal(called(s, '/responses'), [])
})

test("padding in the log for the member's own group is a warning in plain words, not a refusal", async () => {
  const s = await fakeServer(['p1'], await key)
  // An earlier pulse ran: additions since are not the community's founding roster.
  const earlier: LogData = {
    kind: 'pulse-opened',
    data: {
      pulseId: 'p0',
      fingerprint: other,
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode: 'threshold',
      epsilon: 1,
      cohorts: [{ cohort: {}, eligible: 12, joined: 12 }],
    },
  }
  await relog(s, (data) => [
    earlier,
    { kind: 'pulse-closed', data: { pulseId: 'p0' } },
    { kind: 'members', data: { cohort: {}, added: 9, joined: 0, reinvited: 0, removed: 0 } },
    {
      kind: 'members',
      data: { cohort: { team: 'B' }, added: 2, joined: 0, reinvited: 0, removed: 0 },
    },
    {
      kind: 'members',
      data: { cohort: { team: 'A' }, added: 3, joined: 3, reinvited: 1, removed: 0 },
    },
    ...data,
  ])
  const d = device(s, 'MK')
  await d.model.load()
  assert.equal(statuses(d), ['ready'])
  const padding = d.store.pulse('p1').padding!
  const day = new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(2025, 0, 1))
  assert.equal(padding.map(paddingText), [
    `${day}, shortly before this pulse opened: 9 people added who may be in your group.`,
    `${day}, shortly before this pulse opened: 3 people added who may be in your group, 1 person re-invited who may be in your group (their access reset).`,
    'Your group had exactly 5 members who had joined when this pulse opened: the smallest a group may be.',
  ])
})

test.run()

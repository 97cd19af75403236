import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createMemberApi } from '../../../web/member/api'
import { setLanguage, t } from '../../../web/member/i18n'
import { makeMove } from '../../../web/member/move'
import { deviceNotice, loadNotice } from '../../../web/member/notices'
import { createPulsesModel } from '../../../web/member/pulses-model'
import { createStore } from '../../../web/member/store'
import { fakeServer } from './fake-server'
import { memoryStorage, signingKey } from './helpers'

// A member on two devices (issue 16): after a re-invite or a move the old device has no working
// key, yet the tokens it holds still work and it says so; the new device says where a pulse whose
// token is elsewhere can still be answered, and what happens if that device is gone; a device
// whose answers came second is told they were not counted, never "thanks".

const key = signingKey()
type Server = Awaited<ReturnType<typeof fakeServer>>

/** One device of the member over a shared fake server. */
function device(s: Server, memberKey?: string) {
  const store = createStore(memoryStorage())
  if (memberKey) store.update((st) => (st.memberKey = memberKey))
  const api = createMemberApi({
    baseUrl: 'http://fake',
    fetch: s.fetch,
    memberKey: () => store.get().memberKey,
  })
  return { store, api, model: createPulsesModel(api, store) }
}
type Device = ReturnType<typeof device>
const statuses = (d: Device) => d.model.pulses.value.map((p) => p.status)
/** The home page's lines (home-page.tsx shows loadNotice). */
const home = (d: Device) => loadNotice(d.model.state.value, d.model.cut.value, d.model.pulses.value)
/** What the pulse page of the device's only pulse says about devices (pulse-page.tsx). */
const page = (d: Device) => deviceNotice(d.model.pulses.value[0].status, d.model.cut.value)
const answers = [{ questionId: 'q1', value: 4 }]

/** Device A holds the token of p1; then B gets the member's key (a re-invite joined there). */
async function reinvited() {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  s.revoked.add('MK')
  s.memberKeys.add('NEW')
  const b = device(s, 'NEW')
  await Promise.all([a.model.load(), b.model.load()])
  return { s, a, b }
}

const test = suite('a member on two devices')
test.after.each(() => setLanguage('en', false))

test('re-invite, old device: it still holds the token, says so, and sends the answers', async () => {
  const { s, a } = await reinvited()
  assert.is(a.model.state.value, 'access-reset')
  assert.equal(statuses(a), ['ready'])
  const said = home(a)
  assert.ok(said.warning)
  assert.equal(said.lines, [
    'An organizer sent you a new invite link, which reset your access on this device. Open the new link here to get your access back. If you already opened it on another device, your membership is there now.',
    'This device still holds the anonymous token for 1 open pulse: answers you send from here still count.',
  ])
  assert.equal(page(a), {
    lines: [
      "This device no longer has access to your membership, but it holds this pulse's anonymous token: answers you send from here still count. Your other device cannot answer this pulse.",
    ],
  })
  const outcome = await a.model.send('p1', answers)
  assert.is(outcome.kind, 'done')
  assert.equal(statuses(a), ['done'])
  assert.is(s.spent.size, 1)
  assert.equal(home(a).lines.length, 1, 'nothing left to send from here')
})

test('re-invite, new device: where the answer can be given, and that only this pulse is lost if that device is gone', async () => {
  const { b } = await reinvited()
  assert.is(b.model.state.value, 'ready')
  assert.equal(statuses(b), ['other-device'])
  assert.equal(home(b), { lines: [], warning: false })
  const notice = page(b)!
  assert.is(notice.title, 'Answer this pulse on your other device')
  const [where, gone] = notice.lines
  assert.match(where, 'where you opened your link before')
  assert.match(where, 'in the browser built into your mail app')
  assert.match(where, 'That device can still send answers for this pulse')
  assert.is(
    gone,
    'If that device or browser is gone, this one pulse cannot be answered. The next pulses work here as usual.',
  )
  assert.is(
    t('st.other-device'),
    'Its anonymous token is on another device or browser: answer there',
  )
})

test('the same in German', async () => {
  const { a, b } = await reinvited()
  await setLanguage('de', false)
  assert.match(home(a).lines[0], 'Zugang auf diesem Gerät zurückgesetzt')
  assert.is(
    home(a).lines[1],
    'Dieses Gerät hat noch das anonyme Token für 1 offenen Puls: Antworten, die du von hier sendest, zählen weiterhin.',
  )
  assert.match(page(a)!.lines[0], 'Antworten, die du von hier sendest, zählen weiterhin')
  const notice = page(b)!
  assert.is(notice.title, 'Beantworte diesen Puls auf deinem anderen Gerät')
  assert.match(notice.lines[0], 'im eingebauten Browser deiner Mail-App')
  assert.match(notice.lines[1], 'kann dieser eine Puls nicht beantwortet werden')
  assert.match(notice.lines[1], 'Die nächsten Pulse funktionieren hier wie gewohnt')
})

test('moved: the old device says so; a pulse the link did not carry can still be answered there', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load() // p1's token came after the move link was made elsewhere
  s.moved.add('MK')
  await a.model.load()
  assert.is(a.model.state.value, 'moved')
  assert.equal(home(a), {
    lines: [
      'Your membership moved to another device with a move link, so this device no longer has access. Go on there.',
      'This device still holds the anonymous token for 1 open pulse: answers you send from here still count.',
    ],
    warning: true,
  })
  assert.equal(statuses(a), ['ready'])
})

test('moved: a pulse whose token went with the move says to answer on the other device', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  await makeMove(a.api, a.model, a.store, 'https://tp.example')
  s.moved.add('MK')
  await a.model.load()
  assert.equal(statuses(a), ['moved'])
  assert.equal(home(a).lines.length, 1, 'nothing to send from here')
  assert.match(page(a)!.lines[0], "You moved this pulse's anonymous token to your other device")
  assert.is(t('st.moved'), 'Moved to your other device: answer there')
  await setLanguage('de', false)
  assert.match(home(a).lines[0], 'auf ein anderes Gerät übertragen')
  assert.match(page(a)!.lines[0], 'auf dein anderes Gerät übertragen: Antworte dort')
})

test('a second device whose token was already spent is told its answers were not counted, never "thanks"', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  const b = device(s)
  b.store.savePulse('p1', { entry: a.store.pulse('p1').entry, token: a.store.pulse('p1').token })
  assert.is((await a.model.send('p1', answers)).kind, 'done')
  const second = await b.model.send('p1', [{ questionId: 'q1', value: 1 }])
  assert.equal(second, { kind: 'spent' })
  assert.equal(statuses(b), ['spent'])
  assert.is(b.store.pulse('p1').receipt, undefined)
  assert.is(b.store.pulse('p1').token, undefined)
  assert.equal([...s.spent.values()], [answers], 'the first answers were counted')
  const notice = page(b)!
  assert.is(notice.title, 'Your answers from this device were not counted')
  assert.is(
    notice.lines[0],
    "This pulse's anonymous token had already been used to send answers from your other device. A token counts once: the answers sent first were counted, these were not.",
  )
  assert.is.not(notice.title, t('thanks'))
  await setLanguage('de', false)
  assert.is(page(b)!.title, 'Deine Antworten von diesem Gerät wurden nicht gezählt')
  assert.match(page(b)!.lines[0], 'Die zuerst gesendeten Antworten wurden gezählt, diese nicht.')
})

test('a lost reply from this very device is still "done": its earlier attempt may have been stored', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  await a.model.load()
  s.setFail((r) => (r.path.endsWith('/responses') ? 'after' : undefined))
  assert.is((await a.model.send('p1', answers)).kind, 'waiting')
  s.setFail(undefined)
  assert.is((await a.model.flush('p1')).kind, 'done')
  assert.equal(statuses(a), ['done'])
})

test('a device without access and without a token for a pulse says where to answer it', async () => {
  const s = await fakeServer(['p1'], await key)
  const a = device(s, 'MK')
  s.setFail((r) => (r.path.endsWith('/tokens') ? 'before' : undefined))
  await a.model.load()
  s.setFail(undefined)
  s.revoked.add('MK')
  await a.model.load()
  assert.equal(statuses(a), ['no-access'])
  assert.equal(home(a).lines.length, 1)
  assert.match(page(a)!.lines[0], 'Answer it on the device your membership is on now.')
})

test('every message of this page exists in German, and differs from the English', async () => {
  const keys = [
    'st.other-device',
    'st.moved',
    'st.spent',
    'st.no-access',
    'ld.moved',
    'ld.still.one',
    'ld.still.other',
    'dt.other-device.title',
    'dt.other-device',
    'dt.lost',
    'dt.moved',
    'dt.no-access',
    'dt.spent.title',
    'dt.spent',
    'stillHere',
    'mv.offer',
    'mv.offerNote',
    'move',
  ]
  const english = keys.map((k) => t(k))
  await setLanguage('de', false)
  keys.forEach((k, i) => assert.is.not(t(k), english[i], k))
})

test.run()

// What the member pages say (issue 17, "Members' pages"): the review masks emails as the server
// will, a pulse that closed before the answers arrived is not "closing in 7 days", a damaged
// invite link is not "used by someone else", a device without membership says one thing, and
// everything in German too.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { maskEmails, redactor } from '../../../api/reports/redact'
import { ApiError, createMemberApi, type MyPulse } from '../../../web/member/api'
import { addEnglish, setLanguage, t } from '../../../web/member/i18n'
import later from '../../../web/member/i18n/en-later.json'
import { refusalOf, wellFormedInvite } from '../../../web/member/invite-link'
import { showsPulseList, whenItCloses } from '../../../web/member/notices'
import type { PulseView } from '../../../web/member/pulses-model'
import { createStore } from '../../../web/member/store'
import { CLOSED_BEFORE, savePending, sendPending } from '../../../web/member/submission'
import { json, memoryStorage } from './helpers'

addEnglish(later) // the join page's messages, as the page adds them

const test = suite('member pages')
test.after.each(() => setLanguage('en', false))

const DAY = 86_400_000
const now = Date.parse('2026-05-04T10:00:00Z')
const view = (
  record: PulseView['record'] = {},
  status: PulseView['status'] = 'ready',
): PulseView => ({
  pid: 'p1',
  entry: {
    pulse: { id: 'p1', closesAt: new Date(now + 7 * DAY).toISOString() },
    survey: { id: 's1', title: 'Check-in', questions: [] },
  } as unknown as MyPulse,
  record,
  status,
})

test('the review masks emails exactly as the server redacts them, and leaves the rest', () => {
  const server = redactor([])
  for (const text of [
    'Write to ana.lopez@example.org, please.',
    'Two: a@b.co and <x.y@z.example>; then "q@r.st"',
    'No address here, only @handles and a.b',
    'mail me at ana@example.org.',
  ]) {
    assert.is(maskEmails(text), server(text), text)
  }
  assert.is(maskEmails('Ask ana@example.org or Ana Lopez'), 'Ask [email] or Ana Lopez')
})

test('the review says emails are replaced here and known names on the server, in both languages', async () => {
  assert.match(t('rv.blanked'), /Email addresses are replaced here, on your device/)
  assert.match(
    t('rv.blanked'),
    /Names of people the organizers know .* replaced too, on the server/,
  )
  assert.match(t('rv.blanked'), /never comes to your device/)
  await setLanguage('de', false)
  assert.match(t('rv.blanked'), /E-Mail-Adressen werden schon hier auf deinem Gerät ersetzt/)
  assert.match(t('rv.blanked'), /kommt nie auf dein Gerät/)
})

test('answers arriving after an early close: the record keeps why, and the pulse reads "closed"', async () => {
  const store = createStore(memoryStorage())
  store.savePulse('p1', { token: { keyId: 'k', token: 'AAAA', signature: 'AAAA' } })
  savePending(store, 'p1', [{ questionId: 'q1', value: 4 }])
  const gone = (async () =>
    json(410, { type: 'about:blank', title: 'Gone', status: 410 })) as unknown as typeof fetch
  const outcome = await sendPending(createMemberApi({ fetch: gone }), store, 'p1')
  assert.equal(outcome, { kind: 'failed', message: CLOSED_BEFORE })
  assert.is(store.pulse('p1').failed, CLOSED_BEFORE)
  assert.is(
    t(store.pulse('p1').failed!),
    'This pulse closed before your answers arrived, so they were not counted.',
  )
  // Its closesAt is still a week away (an organizer closed it early): the page must not say so.
  assert.is(whenItCloses(view(store.pulse('p1'), 'failed'), now), 'closed')
  assert.is(whenItCloses(view({}, 'ready'), now), 'closes in 7 days')
  await setLanguage('de', false)
  assert.is(whenItCloses(view(store.pulse('p1'), 'failed'), now), 'geschlossen')
  assert.match(t(CLOSED_BEFORE), /bevor deine Antworten ankamen/)
})

test('every sending outcome is a message in both languages', async () => {
  const keys = ['sub.nothing', 'sub.server', 'sub.offline', CLOSED_BEFORE, 'sub.refused']
  const english = keys.map((k) => t(k))
  await setLanguage('de', false)
  keys.forEach((k, i) => {
    assert.is.not(t(k), k, `${k} has German`)
    assert.is.not(t(k), english[i], `${k} differs from the English`)
  })
})

test('a damaged invite link is recognised before asking; the server tells used from unknown', () => {
  const key = 'L57uNNPUDg2IfplGjocGOJ-OPSledUeEuTcnpO1SAPg'
  assert.ok(wellFormedInvite(key))
  for (const bad of [key.slice(0, 40), `${key}.`, `${key}%3E`, '', key.replace('-', '+')]) {
    assert.not.ok(wellFormedInvite(bad), bad)
  }
  const refused = (reason?: string) =>
    new ApiError(401, 'Unauthorized', 'No.', undefined, reason ? { reason } : {})
  assert.is(refusalOf(refused('unknown')), 'invalid')
  assert.is(refusalOf(refused('used')), 'used')
  assert.is(refusalOf(refused()), 'used', 'an older server: as before')
})

test('only a used link may suspect someone else; a damaged or invalid one says what to do', async () => {
  for (const lang of ['en', 'de']) {
    await setLanguage(lang, false)
    for (const key of ['j.damaged', 'j.invalid', 'j.damagedNote']) {
      assert.not.match(t(key), /someone else|jemand anderes/, `${lang} ${key}`)
    }
    assert.match(t('j.usedNote'), /someone else|jemand anderes/)
  }
  await setLanguage('en', false)
  assert.match(t('j.damaged'), /incomplete or damaged/)
  assert.match(t('j.damagedNote'), /Open the link again straight from your invitation/)
})

test('a device without membership and nothing to answer shows no "no open pulses" list', () => {
  const held = [view({ token: { keyId: 'k', token: 't', signature: 's' } })]
  assert.is(showsPulseList('signed-out', true, []), false)
  assert.is(showsPulseList('access-reset', true, []), false)
  assert.is(showsPulseList('moved', true, []), false)
  assert.is(showsPulseList('error', false, []), false)
  assert.is(showsPulseList('signed-out', true, held), true, 'its tokens still work')
  assert.is(showsPulseList('ready', false, []), true, '"no open pulses right now" is true then')
  assert.is(showsPulseList('loading', false, []), true)
})

test.run()

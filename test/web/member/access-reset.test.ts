import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiError, createMemberApi, isAccessReset } from '../../../web/member/api'
import { setLanguage, t } from '../../../web/member/i18n'
import { createPulsesModel } from '../../../web/member/pulses-model'
import { createStore } from '../../../web/member/store'
import { fakeServer } from './fake-server'
import { memoryStorage, signingKey } from './helpers'

// A re-invite revokes the member's key on this device (DESIGN.md, "The anonymity model" 3): the
// member pages say an organizer sent a new invite link and that opening it restores access.

const key = signingKey()

async function setup(memberKey = 'MK') {
  const s = await fakeServer(['p1'], await key)
  const store = createStore(memoryStorage())
  store.update((st) => (st.memberKey = memberKey))
  const api = createMemberApi({
    baseUrl: 'http://fake',
    fetch: s.fetch,
    memberKey: () => store.get().memberKey,
  })
  return { s, model: createPulsesModel(api, store) }
}

/** What the home page says for the model's state (home-page.tsx: `ld.<state>`). */
const said = (model: ReturnType<typeof createPulsesModel>) => t(`ld.${model.state.value}`)

const test = suite('access reset (member pages)')
test.after.each(() => setLanguage('en', false))

test('a key a re-invite revoked: the page says an organizer sent a new invite link and opening it restores access', async () => {
  const { s, model } = await setup()
  s.revoked.add('MK')
  await model.load()
  assert.is(model.state.value, 'access-reset')
  const text = said(model)
  assert.match(text, /An organizer sent you a new invite link/)
  assert.match(text, /reset your access on this device/)
  assert.match(text, /Open the new link here to get your access back/)
  assert.not.match(text, /ask/i, 'never tells the member to ask for a new invite')
})

test('the same in German, without asking for a new invite either', async () => {
  const { s, model } = await setup()
  s.revoked.add('MK')
  await model.load()
  await setLanguage('de', false)
  const text = said(model)
  assert.match(text, /neuen Einladungslink geschickt/)
  assert.match(text, /Zugang auf diesem Gerät zurückgesetzt/)
  assert.match(text, /Öffne den neuen Link/)
  assert.not.match(text, /frag|bitte/i)
})

test('an unknown key is plainly signed out, not told its access was reset', async () => {
  const { model } = await setup('UNKNOWN')
  await model.load()
  assert.is(model.state.value, 'signed-out')
  assert.not.match(said(model), /new invite link/)
})

test('a key revoked after the pulses were listed: the failed token request says access-reset too', async () => {
  const { s, model } = await setup()
  s.setFail((r) => void (r.path.endsWith('/tokens') && s.revoked.add('MK')))
  await model.load()
  assert.is(model.state.value, 'access-reset')
  assert.equal(
    model.pulses.value.map((p) => p.status),
    ['no-access'],
  )
  assert.is(model.notes.value.p1?.message, undefined, 'no English server detail on the pulse')
})

test('isAccessReset is true only for a 401 whose problem carries reason "access-reset"', () => {
  const problem = (status: number, body: Record<string, unknown>) =>
    new ApiError(status, 'Unauthorized', undefined, undefined, body)
  assert.ok(isAccessReset(problem(401, { reason: 'access-reset' })))
  assert.not.ok(isAccessReset(problem(401, {})))
  assert.not.ok(isAccessReset(problem(401, { reason: 'moved' })))
  assert.not.ok(isAccessReset(problem(403, { reason: 'access-reset' })))
  assert.not.ok(isAccessReset(new Error('access-reset')))
})

test.run()

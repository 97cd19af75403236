// DESIGN.md 9: a reminder goes to every member of the pulse or to no one, and the server never
// uses who fetched a token to choose recipients. The audience "not-fetched" (only members whose
// device had fetched no token) is gone: refused by the API, turned into "everyone" by migration
// 0009, and never narrows a reminder even when an older version's row is still found.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { settle } from '../../helpers/delivery'
import { assertProblem, communityWith, DAY, expectStatus, rows } from '../../helpers/fixtures'
import { setupOwner } from '../../helpers/http'
import { emptyDatabase, migrateAll, migrateUpTo } from '../../helpers/migrations'
import {
  importMembers,
  joinMember,
  obtainToken,
  openPulseWithMembers,
  query,
  submitWith,
  validAnswers,
  type OpenedPulse,
} from '../../helpers/protocol'

const test = suite('delivery: a reminder goes to every member of the pulse or to no one')

const settingsRows = (t: TestApp) =>
  query(t, 'select community_id, reminder_audience, reminder_lead_hours from delivery_settings')

/** Stores an audience as an older version could (the API refuses it now). */
const storeAudience = (t: TestApp, communityId: string, audience: string) =>
  query(
    t,
    `insert into delivery_settings (community_id, reminder_audience, reminder_lead_hours) values (?, ?, 24)
      on conflict (community_id) do update set reminder_audience = excluded.reminder_audience`,
    [communityId, audience],
  )

/**
 * Some members' devices fetch a token and one of them answers; the others never open the app.
 * Then the pulse reaches its reminder time. Returns the reminders waiting in the outbox (no email
 * is configured, so every message stays there, as organizers see it).
 */
async function remindersAfterSomeFetched(t: TestApp, o: OpenedPulse) {
  const [answered, fetched, alsoFetched] = o.members
  const token = await obtainToken(t, o.pulse.id, answered.memberKey!)
  expectStatus(await submitWith(t, o.pulse.id, token, validAnswers(o.survey.questions)), 201)
  await obtainToken(t, o.pulse.id, fetched.memberKey!)
  await obtainToken(t, o.pulse.id, alsoFetched.memberKey!)
  t.clock.now += 6 * DAY
  await runScheduler(t.deps)
  t.clock.now += DAY / 2
  await runScheduler(t.deps)
  const outbox = expectStatus(
    await o.owner.get(`/api/communities/${o.community.id}/outbox?limit=200`),
    200,
  ).body
  assert.is(outbox.email, null)
  return (outbox.messages as any[]).filter((m) => m.kind === 'reminder')
}

/** Every member of the pulse has exactly one reminder, and all of them say the same. */
function assertEveryoneReminded(reminders: any[], o: OpenedPulse) {
  assert.equal(
    reminders.map((m) => m.recipient).sort(),
    o.members.map((m) => m.email).sort(),
    'one reminder to each member of the pulse, none left out',
  )
  for (const m of reminders) assert.is(m.channel, 'email')
  const words = new Set(reminders.map((m) => m.text.replace(/\S*\/unsubscribe\/\S*/, '')))
  assert.is(words.size, 1, 'the same text for everyone, but for the unsubscribe link')
  assert.match([...words][0], 'If you have already answered, thank you — nothing more to do.')
}

test('PUT delivery with reminderAudience "not-fetched" is a 422 at reminderAudience and writes nothing', async () => {
  const t = await testApp()
  const owner = await setupOwner(t)
  const { id } = await communityWith(owner)
  const put = (reminderAudience: unknown, reminderLeadHours = 24) =>
    owner.put(`/api/communities/${id}/delivery`, { reminderAudience, reminderLeadHours })
  for (const audience of ['not-fetched', 'notFetched', 'not_fetched', 'some', '', null])
    assertProblem(await put(audience), 422, ['reminderAudience'])
  assert.is(await rows(t, 'delivery_settings'), 0)
  // A community's saved choice stays as it was.
  expectStatus(await put('none', 48), 200)
  assertProblem(await put('not-fetched', 12), 422, ['reminderAudience'])
  assert.equal(await settingsRows(t), [
    { community_id: id, reminder_audience: 'none', reminder_lead_hours: 48 },
  ])
  const settings = expectStatus(await owner.get(`/api/communities/${id}/delivery`), 200).body
  assert.equal([settings.reminderAudience, settings.reminderLeadHours], ['none', 48])
  expectStatus(await put('everyone'), 200)
  assert.is((await settingsRows(t))[0].reminder_audience, 'everyone')
})

test('a community that chose "not-fetched" before the upgrade reminds every member of the pulse: its outbox holds no reminder to only some of them', async () => {
  // A database as the version before migration 0009 left it, holding the community's choice.
  const db = await emptyDatabase()
  await migrateUpTo(db, '0008')
  const t = await testApp({ db })
  const owner = await setupOwner(t)
  const community = await communityWith(owner, { name: 'Volunteers' })
  await storeAudience(t, community.id, 'not-fetched')
  // The new version starts: its migrations run. Its pulse opens on the upgraded database (the
  // app always runs on the schema of its own version).
  await migrateAll(db)
  const members = await importMembers(owner, community.id, Array(6).fill({}))
  for (const m of members) await joinMember(t, m)
  const sid = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' }),
    201,
  ).body.id
  const closesAt = new Date(t.clock.now + 7 * DAY).toISOString()
  const pulse = expectStatus(await owner.post(`/api/surveys/${sid}/pulses`, { closesAt }), 201).body
  const survey = expectStatus(await owner.get(`/api/surveys/${sid}`), 200).body
  const o: OpenedPulse = { owner, community, survey, pulse, members }
  await settle(t.tasks)
  assert.is((await settingsRows(t))[0].reminder_audience, 'everyone')
  const settings = expectStatus(
    await o.owner.get(`/api/communities/${o.community.id}/delivery`),
    200,
  ).body
  assert.is(settings.reminderAudience, 'everyone')
  const reminders = await remindersAfterSomeFetched(t, o)
  assertEveryoneReminded(reminders, o)
})

test('a "not-fetched" still found in the database (written by an older version after the upgrade) reminds every member, and reads as "everyone"', async () => {
  const t = await testApp()
  const o = await openPulseWithMembers(t, { members: 6 })
  await settle(t.tasks)
  await storeAudience(t, o.community.id, 'not-fetched')
  const settings = expectStatus(
    await o.owner.get(`/api/communities/${o.community.id}/delivery`),
    200,
  ).body
  assert.is(settings.reminderAudience, 'everyone')
  const reminders = await remindersAfterSomeFetched(t, o)
  assertEveryoneReminded(reminders, o)
})

test('"none" still means no reminder at all, whoever fetched a token', async () => {
  const t = await testApp()
  const o = await openPulseWithMembers(t, { members: 6 })
  await settle(t.tasks)
  expectStatus(
    await o.owner.put(`/api/communities/${o.community.id}/delivery`, {
      reminderAudience: 'none',
      reminderLeadHours: 24,
    }),
    200,
  )
  assert.equal(await remindersAfterSomeFetched(t, o), [])
  const marked = await query(t, "select count(*) as n from pulse_notices where notice = 'reminded'")
  assert.is(Number(marked[0].n), 1, 'the pulse counts as reminded: nothing is queued later')
})

test.run()

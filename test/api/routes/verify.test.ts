// What a member's device can check from what it fetches (issue "members can verify"): the
// pulse's fingerprint computed from its GET /api/me/pulses entry and GET /api/pulses/:pid/keys is
// `pulse.fingerprint` (keys made at once or in the background), the entry carries the member's
// attributes as they were when the pulse opened, and the log names nobody.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkKeyList } from '../../../api/privacy/key-list'
import { checkChain, type PulseOpened } from '../../../api/privacy/log-chain'
import { memberKey } from '../../../web/member/token-client'
import { testApp, type TestApp } from '../../helpers/app'
import { DAY, expectStatus, fragment, pulseOf, surveyIn } from '../../helpers/fixtures'
import { Agent, email, setupOwner } from '../../helpers/http'
import { fingerprintFromFetched, wholeLog } from '../../helpers/log'
import { query } from '../../helpers/protocol'

const test = suite('what members can verify')

interface Person {
  id: string
  email: string
  name: string
  attributes: Record<string, string>
  key: string
}

/** A community with `attributes`, these members imported (with names) and joined, and a survey. */
async function community(t: TestApp, attributes: string[], people: Record<string, string>[]) {
  const owner = await setupOwner(t)
  const cid = expectStatus(
    await owner.post('/api/communities', { name: 'Riverside', attributes, minGroupSize: 3 }),
    201,
  ).body.id
  const input = people.map((a, i) => ({
    email: email('member'),
    name: `Person${i} Surname${i}`,
    attributes: a,
  }))
  const imported = expectStatus(
    await owner.post(`/api/communities/${cid}/members`, { members: input }),
    201,
  ).body.members
  const members: Person[] = []
  for (const [i, m] of imported.entries()) {
    const key = memberKey()
    expectStatus(
      await new Agent(t).post('/api/join', { inviteKey: fragment(m.inviteUrl), memberKey: key }),
      200,
    )
    members.push({ id: m.id, email: m.email, name: input[i].name, attributes: m.attributes, key })
  }
  return { owner, cid, members, survey: await surveyIn(owner, cid) }
}

const teams = (sizes: number[]) =>
  sizes.flatMap((n, i) => Array.from({ length: n }, () => ({ team: `team-${i}` })))

/** What one member's device fetches of a pulse: its entry, the key list, and the log. */
async function fetched(t: TestApp, person: Person, pulseId: string) {
  const mine = expectStatus(await new Agent(t).get('/api/me/pulses', { bearer: person.key }), 200)
  const entry = mine.body.find((e: any) => e.pulse.id === pulseId)
  const keys = expectStatus(
    await new Agent(t).get(`/api/pulses/${pulseId}/keys`, { bearer: person.key }),
    200,
  ).body
  return { entry, keys }
}

for (const [how, inlineKeyLimit] of [
  ['made at once', 10],
  ['made in the background', 1],
] as const) {
  test(`keys ${how}: the fingerprint a member computes from what it fetches is pulse.fingerprint, and the log's`, async () => {
    const t = await testApp({ inlineKeyLimit })
    const { owner, cid, members, survey } = await community(t, ['team'], teams([3, 4]))
    const opened = await pulseOf(owner, survey.id)
    await Promise.all(t.tasks)
    const pulse = expectStatus(await owner.get(`/api/pulses/${opened.id}`), 200).body
    assert.is(pulse.status, 'open')
    assert.match(pulse.fingerprint, /^[A-Z2-7]{4}( [A-Z2-7]{4}){3}$/)
    for (const person of [members[0], members[6]]) {
      const { entry, keys } = await fetched(t, person, pulse.id)
      assert.is(keys.length, 2)
      assert.is(entry.pulse.fingerprint, pulse.fingerprint)
      assert.is(await fingerprintFromFetched(entry, keys), pulse.fingerprint)
      const report = await checkKeyList({
        keys,
        mine: entry.key,
        snapshot: { attributes: entry.snapshot.attributes, order: entry.attributeOrder },
        pulse: entry.pulse,
      })
      assert.equal(report, { problems: [], unchecked: [], loneRoot: false })
    }
    const log = await wholeLog(new Agent(t), '/api/me/log', { bearer: members[0].key })
    assert.ok((await checkChain(log.entries, null)).ok)
    const entry = log.entries.find((e) => e.kind === 'pulse-opened')!
    assert.is((entry.data as PulseOpened).fingerprint, pulse.fingerprint)
    // Any other promise has another fingerprint: a changed count, here.
    const { entry: mine, keys } = await fetched(t, members[0], pulse.id)
    keys[0].eligible += 1
    assert.is.not(await fingerprintFromFetched(mine, keys), pulse.fingerprint)
    void cid
  })
}

test('a member’s pulse entry carries the community, the attribute order and their attributes when it opened', async () => {
  const t = await testApp()
  const { owner, cid, members, survey } = await community(t, ['team'], teams([3, 3]))
  const pulse = await pulseOf(owner, survey.id)
  // An honest re-import during the pulse moves the member: the entry keeps what it was.
  expectStatus(
    await owner.post(`/api/communities/${cid}/members`, {
      members: [{ email: members[0].email, attributes: { team: 'team-1' } }],
    }),
    201,
  )
  const { entry } = await fetched(t, members[0], pulse.id)
  assert.is(entry.communityId, cid)
  assert.equal(entry.attributeOrder, ['team'])
  assert.equal(entry.snapshot, { attributes: { team: 'team-0' } })
  assert.equal(entry.key.cohort, { team: 'team-0' })
  // A pulse opened before the snapshot was kept: null, so the device says what it cannot check.
  await query(t, 'update pulse_members set attributes = null where pulse_id = ?', [pulse.id])
  assert.is((await fetched(t, members[0], pulse.id)).entry.snapshot, null)
})

test('the log never holds a name, an email, a member id or an attribute value that singles someone out', async () => {
  const t = await testApp()
  // Team team-2 has one member, and each member has a site of their own. Values are long enough
  // that a hash or fingerprint in the log cannot hold them by chance.
  const people = [...teams([4, 4]), { team: 'team-2' }].map((a, i) => ({ ...a, site: `site-${i}` }))
  const { owner, cid, members, survey } = await community(t, ['team', 'site'], people)
  const pulse = await pulseOf(owner, survey.id)
  t.clock.now += DAY
  const more = expectStatus(
    await owner.post(`/api/communities/${cid}/members`, {
      members: [
        {
          email: email('late'),
          name: 'Latecomer Person',
          attributes: { team: 'team-0', site: 'site-late' },
        },
      ],
    }),
    201,
  ).body.members[0]
  expectStatus(await owner.post(`/api/communities/${cid}/members/${members[8].id}/invite`), 200)
  expectStatus(await owner.delete(`/api/communities/${cid}/members/${members[1].id}`), 204)
  expectStatus(await owner.patch(`/api/communities/${cid}`, { attributes: ['site', 'team'] }), 200)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/close`), 200)
  t.clock.now += DAY
  const second = await pulseOf(owner, survey.id)
  t.clock.now += DAY
  const { entries } = await wholeLog(owner, `/api/communities/${cid}/log`)
  assert.ok(entries.some((e) => e.kind === 'members'))
  assert.ok(entries.some((e) => e.kind === 'pulse-opened' && e.data.pulseId === second.id))
  const stored = JSON.stringify([
    await query(t, 'select * from community_log'),
    await query(t, 'select * from community_log_pending'),
  ])
  const everyone: Omit<Person, 'key'>[] = [
    ...members,
    { ...more, name: 'Latecomer Person', attributes: { team: 'team-0', site: 'site-late' } },
  ]
  const held = (name: string, value: string) =>
    everyone.filter((m) => m.attributes[name] === value).length
  for (const m of everyone) {
    for (const secret of [m.name, ...m.name.split(' '), m.email, m.email.split('@')[0], m.id])
      assert.not.ok(stored.includes(secret), `the log holds ${secret}`)
    for (const [name, value] of Object.entries(m.attributes)) {
      if (held(name, value) === 1)
        assert.not.ok(stored.includes(value), `the log holds ${name}=${value}, held by one member`)
    }
  }
})

test.run()

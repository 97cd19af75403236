// The transparency log over HTTP (GET /api/communities/:cid/log, GET /api/me/log): what the
// member routes, pulses and settings write into it, that organizers and members read the same
// chain, that it pages, and that parallel requests never fork it.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { LOG_PAGE } from '../../../api/log/store'
import { checkChain, type LogEntry } from '../../../api/privacy/log-chain'
import { memberKey } from '../../../web/member/token-client'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  DAY,
  expectStatus,
  fragment,
  inDays,
  pulseOf,
  surveyIn,
  teammate,
} from '../../helpers/fixtures'
import { Agent, email, setupOwner } from '../../helpers/http'
import { wholeLog } from '../../helpers/log'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('transparency log routes')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = expectStatus(
    await ctx.owner.post('/api/communities', {
      name: 'Riverside',
      attributes: ['team'],
      minGroupSize: 3,
    }),
    201,
  ).body.id
})

interface Person {
  id: string
  email: string
  inviteKey: string
  key?: string
}

/** Imports members with these teams; returns them with their invite keys. */
async function importTeams(owner: Agent, cid: string, teams: string[]): Promise<Person[]> {
  const members = teams.map((team) => ({ email: email('member'), attributes: { team } }))
  const res = expectStatus(await owner.post(`/api/communities/${cid}/members`, { members }), 201)
  return res.body.members.map((m: any) => ({
    id: m.id,
    email: m.email,
    inviteKey: fragment(m.inviteUrl),
  }))
}

/** Joins with a fresh member key (or the given one: a retry of the same pair). */
async function join(t: TestApp, person: Person, key = memberKey()) {
  expectStatus(
    await new Agent(t).post('/api/join', { inviteKey: person.inviteKey, memberKey: key }),
    200,
  )
  person.key = key
}

/** The entries as the test compares them: place, day, kind and data. */
const shown = (entries: LogEntry[]) =>
  entries.map(({ seq, day, kind, data }) => ({ seq, day, kind, data }))

const counts = (cohort: Record<string, string>, c: Partial<Record<string, number>>) => ({
  cohort,
  added: 0,
  joined: 0,
  reinvited: 0,
  removed: 0,
  ...c,
})

test('viewers, organizers and the community’s members read the same log; ?after pages it; a bad after is 422', async ({
  t,
  owner,
  cid,
}) => {
  const [person] = await importTeams(owner, cid, ['a'])
  await join(t, person)
  const viewer = await teammate(owner, cid, 'viewer')
  for (const minGroupSize of [4, 5, 6])
    expectStatus(await owner.patch(`/api/communities/${cid}`, { minGroupSize }), 200)
  const asViewer = expectStatus(await viewer.get(`/api/communities/${cid}/log`), 200).body
  const asMember = expectStatus(
    await new Agent(t).get('/api/me/log', { bearer: person.key }),
    200,
  ).body
  assert.equal(asMember, asViewer)
  assert.equal(
    asViewer.entries.map((e: LogEntry) => [e.seq, e.kind]),
    [
      [1, 'settings'],
      [2, 'settings'],
      [3, 'settings'],
    ],
  )
  assert.equal(asViewer.head, { seq: 3, hash: asViewer.entries[2].hash })
  assert.not.ok('next' in asViewer)
  const after = expectStatus(await viewer.get(`/api/communities/${cid}/log?after=2`), 200).body
  assert.equal(after, { entries: [asViewer.entries[2]], head: asViewer.head })
  assert.equal(await checkChain(after.entries, { seq: 2, hash: asViewer.entries[1].hash }), {
    ok: true,
    head: asViewer.head,
  })
  for (const bad of ['-1', 'x', '1.5', '9999999999999999'])
    assertProblem(await viewer.get(`/api/communities/${cid}/log?after=${bad}`), 422, ['after'])
  assertProblem(await new Agent(t).get('/api/me/log?after=x', { bearer: person.key }), 422, [
    'after',
  ])
})

test('a long log is served 500 entries a call with `next`, and the pages make one chain', async ({
  owner,
  cid,
}) => {
  for (let i = 0; i < LOG_PAGE + 3; i++)
    expectStatus(await owner.patch(`/api/communities/${cid}`, { minGroupSize: 4 - (i % 2) }), 200)
  const first = expectStatus(await owner.get(`/api/communities/${cid}/log`), 200).body
  assert.equal(
    [first.entries.length, first.next, first.head.seq],
    [LOG_PAGE, LOG_PAGE, LOG_PAGE + 3],
  )
  const all = await wholeLog(owner, `/api/communities/${cid}/log`)
  assert.is(all.pages, 2)
  assert.equal(await checkChain(all.entries, null), { ok: true, head: first.head })
})

test('member changes are counted per day under the previous pulse’s cohort labels, never who', async ({
  t,
  owner,
  cid,
}) => {
  const people = await importTeams(owner, cid, ['a', 'a', 'a', 'b', 'b', 'b'])
  for (const p of people) await join(t, p)
  await join(t, people[0], people[0].key) // the same pair again: a retry, not a second join
  const survey = await surveyIn(owner, cid)
  const pulse = await pulseOf(owner, survey.id)

  // The next day: two new members of team a (one joins), a re-invite in b, a removal in a.
  t.clock.now += DAY
  const newcomers = await importTeams(owner, cid, ['a', 'a'])
  await join(t, newcomers[0])
  expectStatus(await owner.post(`/api/communities/${cid}/members/${people[3].id}/invite`), 200)
  expectStatus(await owner.delete(`/api/communities/${cid}/members/${people[1].id}`), 204)
  assertProblem(await owner.delete(`/api/communities/${cid}/members/${people[1].id}`), 404)
  // A member of neither team, restored after removal: added twice under `{}` (no label matches).
  const [loner] = await importTeams(owner, cid, ['c'])
  expectStatus(await owner.delete(`/api/communities/${cid}/members/${loner.id}`), 204)
  expectStatus(
    await owner.post(`/api/communities/${cid}/members`, {
      members: [{ email: loner.email, attributes: { team: 'c' } }],
    }),
    201,
  )
  // Still the same day: nothing of it shows yet.
  const sameDay = expectStatus(await owner.get(`/api/communities/${cid}/log`), 200).body
  assert.equal(
    sameDay.entries.map((e: LogEntry) => e.kind),
    ['members', 'pulse-opened'],
  )
  assert.equal(shown(sameDay.entries)[0], {
    seq: 1,
    day: '2026-03-02',
    kind: 'members',
    data: counts({}, { added: 6, joined: 6 }),
  })
  assert.is((sameDay.entries[1].data as { pulseId: string }).pulseId, pulse.id)

  t.clock.now += DAY
  const { entries, head } = await wholeLog(owner, `/api/communities/${cid}/log`)
  assert.equal(shown(entries.slice(2)), [
    {
      seq: 3,
      day: '2026-03-03',
      kind: 'members',
      data: counts({ team: 'a' }, { added: 2, joined: 1, removed: 1 }),
    },
    { seq: 4, day: '2026-03-03', kind: 'members', data: counts({ team: 'b' }, { reinvited: 1 }) },
    { seq: 5, day: '2026-03-03', kind: 'members', data: counts({}, { added: 2, removed: 1 }) },
  ])
  assert.equal(await checkChain(entries, null), { ok: true, head })
})

test('a pulse opening, closing and being deleted are entries, as are threshold settings (not a name)', async ({
  t,
  owner,
  cid,
}) => {
  const people = await importTeams(owner, cid, ['a', 'a', 'a', 'b', 'b', 'b', 'b'])
  for (const p of people.slice(0, 6)) await join(t, p)
  expectStatus(await owner.patch(`/api/communities/${cid}`, { name: 'Riverside Commons' }), 200)
  expectStatus(await owner.patch(`/api/communities/${cid}`, { minCommentGroupSize: 12 }), 200)
  const survey = await surveyIn(owner, cid)
  const later = await pulseOf(owner, survey.id, 9, inDays(t, 8))
  expectStatus(await owner.delete(`/api/pulses/${later.id}`), 204) // never opened: not logged
  const pulse = expectStatus(
    await owner.get(`/api/pulses/${(await pulseOf(owner, survey.id)).id}`),
    200,
  ).body
  const keys = expectStatus(await owner.get(`/api/pulses/${pulse.id}/keys`), 200).body
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/close`), 200)
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/close`), 200) // once only
  expectStatus(await owner.delete(`/api/pulses/${pulse.id}`), 204)
  const { entries, head } = await wholeLog(owner, `/api/communities/${cid}/log`)
  assert.equal(shown(entries), [
    {
      seq: 1,
      day: '2026-03-02',
      kind: 'settings',
      data: {
        minGroupSize: 3,
        minCommentGroupSize: 12,
        privacyMode: 'threshold',
        epsilon: 1,
        attributes: ['team'],
      },
    },
    {
      seq: 2,
      day: '2026-03-02',
      kind: 'members',
      data: counts({}, { added: 7, joined: 6 }),
    },
    {
      seq: 3,
      day: '2026-03-02',
      kind: 'pulse-opened',
      data: {
        pulseId: pulse.id,
        fingerprint: pulse.fingerprint,
        minGroupSize: 3,
        minCommentGroupSize: 12,
        privacyMode: 'threshold',
        epsilon: 1,
        cohorts: keys.map((k: any) => ({
          cohort: k.cohort,
          eligible: k.eligible,
          joined: k.joined,
        })),
      },
    },
    { seq: 4, day: '2026-03-02', kind: 'pulse-closed', data: { pulseId: pulse.id } },
    { seq: 5, day: '2026-03-02', kind: 'pulse-deleted', data: { pulseId: pulse.id } },
  ])
  assert.equal(
    keys.map((k: any) => [k.cohort, k.eligible, k.joined]).sort(),
    [
      [{ team: 'a' }, 3, 3],
      [{ team: 'b' }, 4, 3],
    ].sort(),
  )
  assert.equal(await checkChain(entries, null), { ok: true, head })
})

test('parallel requests never fork the chain, and a day’s counts are sealed once', async ({
  t,
  owner,
  cid,
}) => {
  const people = await importTeams(owner, cid, ['a', 'b', 'c', 'd', 'e'])
  await Promise.all(people.map((p) => join(t, p)))
  t.clock.now += DAY
  const patches = Array.from({ length: 24 }, (_, i) =>
    owner.patch(`/api/communities/${cid}`, { minGroupSize: 4 + i, minCommentGroupSize: 100 }),
  )
  const reads = Array.from({ length: 6 }, () => owner.get(`/api/me/log`, { bearer: people[0].key }))
  const answers = await Promise.all([...patches, ...reads])
  assert.equal(
    answers.map((r) => r.status),
    Array(30).fill(200),
  )
  const { entries, head } = await wholeLog(owner, `/api/communities/${cid}/log`)
  assert.equal(
    entries.map((e) => e.seq),
    Array.from({ length: 25 }, (_, i) => i + 1),
  )
  assert.equal(shown(entries)[0], {
    seq: 1,
    day: '2026-03-02',
    kind: 'members',
    data: counts({}, { added: 5, joined: 5 }),
  })
  assert.is(entries.filter((e) => e.kind === 'settings').length, 24)
  assert.equal(await checkChain(entries, null), { ok: true, head })
})

test.run()

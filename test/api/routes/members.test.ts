import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomToken } from '../../../api/privacy/ids'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  fragment,
  outsider,
  rows,
  teammate,
} from '../../helpers/fixtures'
import { Agent, email, setupOwner } from '../../helpers/http'
import { answerAll, close, reportPulse, type Values } from '../../helpers/reports'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('members')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { attributes: ['team', 'site'] })).id
})

const inviteUrl = /^https:\/\/pulse\.example\/join#[A-Za-z0-9_-]{43}$/
const list = async (agent: Agent, cid: string, query = '') =>
  (await agent.get(`/api/communities/${cid}/members${query}`)).body
const post = (agent: Agent, cid: string, body: unknown) =>
  agent.post(`/api/communities/${cid}/members`, body)
const postCsv = (agent: Agent, cid: string, csv: string) =>
  agent.call('POST', `/api/communities/${cid}/members`, { csv })
/** Imports members by email and answers them as created. */
const imported = async (agent: Agent, cid: string, ...emails: string[]) =>
  (await post(agent, cid, { members: emails.map((email) => ({ email })) })).body.members
const join = (t: TestApp, url: string, memberKey = randomToken(32)) =>
  new Agent(t).post('/api/join', { inviteKey: fragment(url), memberKey })

test('JSON import creates members with lowercased emails, attributes and invite URLs', async ({
  owner,
  cid,
}) => {
  const res = await post(owner, cid, {
    members: [
      { email: ' Ana@Example.ORG ', attributes: { team: 'Blue' } },
      { email: 'bo@example.org', attributes: { team: 'Red', site: 'Oslo' } },
    ],
  })
  assert.is(res.status, 201)
  const [ana, bo] = res.body.members
  assert.equal(res.body, {
    created: 2,
    updated: 0,
    members: [
      {
        id: ana.id,
        email: 'ana@example.org',
        attributes: { team: 'Blue' },
        inviteUrl: ana.inviteUrl,
      },
      {
        id: bo.id,
        email: 'bo@example.org',
        attributes: { team: 'Red', site: 'Oslo' },
        inviteUrl: bo.inviteUrl,
      },
    ],
  })
  assert.match(ana.inviteUrl, inviteUrl)
  assert.is.not(ana.inviteUrl, bo.inviteUrl)
  const listed = (await list(owner, cid)).members.sort((a: any, b: any) =>
    a.email.localeCompare(b.email),
  )
  assert.equal(listed, [
    { id: ana.id, email: 'ana@example.org', attributes: { team: 'Blue' }, joined: false },
    {
      id: bo.id,
      email: 'bo@example.org',
      attributes: { team: 'Red', site: 'Oslo' },
      joined: false,
    },
  ])
})

test('re-importing an email updates its attributes, counts it as updated and makes no new invite', async ({
  owner,
  cid,
}) => {
  const first = await post(owner, cid, {
    members: [{ email: 'bo@example.org', attributes: { team: 'Red' } }],
  })
  const again = await post(owner, cid, {
    members: [
      { email: 'BO@example.org', attributes: { site: 'Oslo' } },
      { email: 'cy@example.org' },
    ],
  })
  assert.is(again.status, 201)
  assert.equal([again.body.created, again.body.updated], [1, 1])
  const bo = again.body.members.find((m: any) => m.email === 'bo@example.org')
  assert.equal(bo, {
    id: first.body.members[0].id,
    email: 'bo@example.org',
    attributes: { site: 'Oslo' },
  })
  assert.match(
    again.body.members.find((m: any) => m.email === 'cy@example.org').inviteUrl,
    inviteUrl,
  )
  const listed = (await list(owner, cid)).members
  assert.is(listed.length, 2)
  assert.equal(listed.find((m: any) => m.id === bo.id).attributes, { site: 'Oslo' })
})

test('CSV import reads quoted fields, a byte order mark and CRLF line ends', async ({
  owner,
  cid,
}) => {
  const csv =
    '\uFEFFEmail,team,site\r\n"Ana@Example.org","Blue, Green",\r\nbo@example.org,"Say ""hi""",Oslo\r\n'
  const res = await postCsv(owner, cid, csv)
  assert.is(res.status, 201)
  assert.equal([res.body.created, res.body.updated], [2, 0])
  assert.equal(
    res.body.members.map((m: any) => [m.email, m.attributes, inviteUrl.test(m.inviteUrl)]),
    [
      ['ana@example.org', { team: 'Blue, Green' }, true],
      ['bo@example.org', { team: 'Say "hi"', site: 'Oslo' }, true],
    ],
  )
  assert.is((await list(owner, cid)).members.length, 2)
})

test('a CSV column that is not an attribute is 422 at line.1 and imports nothing', async ({
  t,
  owner,
  cid,
}) => {
  const res = await postCsv(owner, cid, 'email,team,shoe\na@example.org,Blue,42\n')
  assertProblem(res, 422, ['line.1'])
  assert.match(res.body.errors[0].message, /shoe/)
  assert.is(await rows(t, 'members'), 0)
})

test('a CSV with one invalid row is 422 at that line and imports nothing, not even the valid rows', async ({
  t,
  owner,
  cid,
}) => {
  const csv =
    'email,team\nana@example.org,Blue\nbo@example.org,Red\nnot-an-email,Red\ncy@example.org,Red\n'
  assertProblem(await postCsv(owner, cid, csv), 422, ['line.4'])
  assert.equal(await list(owner, cid), { members: [], total: 0 })
  assert.is(await rows(t, 'members'), 0)
})

test('JSON import errors name members.N paths and write nothing', async ({ t, owner, cid }) => {
  const res = await post(owner, cid, {
    members: [
      { email: 'ok@example.org' },
      { email: 'bad' },
      { email: 'x@example.org', attributes: { shoe: '42' } },
      { email: 'OK@example.org' },
    ],
  })
  assertProblem(res, 422, ['members.1.email', 'members.2.attributes.shoe', 'members.3.email'])
  assertProblem(await post(owner, cid, { members: [{}] }), 422, ['members.0.email'])
  assert.is(await rows(t, 'members'), 0)
})

test('the member list pages with limit and cursor, next naming the following page', async ({
  owner,
  cid,
}) => {
  await post(owner, cid, {
    members: Array.from({ length: 7 }, () => ({ email: email() })),
  })
  const one = await list(owner, cid, '?limit=3')
  const two = await list(owner, cid, `?limit=3&cursor=${one.next}`)
  const three = await list(owner, cid, `?limit=3&cursor=${two.next}`)
  assert.equal([one.members.length, two.members.length, three.members.length], [3, 3, 1])
  assert.type(one.next, 'string')
  assert.type(two.next, 'string')
  assert.not.ok('next' in three)
  const ids = [...one.members, ...two.members, ...three.members].map((m: any) => m.id)
  assert.equal(ids.sort(), (await list(owner, cid)).members.map((m: any) => m.id).sort())
  assert.is(new Set(ids).size, 7)
  for (const m of one.members)
    assert.equal(Object.keys(m).sort(), ['attributes', 'email', 'id', 'joined'])
  assertProblem(await owner.get(`/api/communities/${cid}/members?limit=0`), 422, ['limit'])
  assertProblem(await owner.get(`/api/communities/${cid}/members?limit=lots`), 422, ['limit'])
})

test('joined turns true once the member has exchanged their invite', async ({ t, owner, cid }) => {
  const [ana, bo] = await imported(owner, cid, 'ana@example.org', 'bo@example.org')
  assert.is((await join(t, ana.inviteUrl)).status, 200)
  const joined = Object.fromEntries(
    (await list(owner, cid)).members.map((m: any) => [m.id, m.joined]),
  )
  assert.equal(joined, { [ana.id]: true, [bo.id]: false })
})

test('removal is soft: 204, gone from the list, a second removal or an unknown id 404', async ({
  t,
  owner,
  cid,
}) => {
  const [ana, bo] = await imported(owner, cid, 'ana@example.org', 'bo@example.org')
  const res = await owner.delete(`/api/communities/${cid}/members/${ana.id}`)
  assert.is(res.status, 204)
  assert.equal(
    (await list(owner, cid)).members.map((m: any) => m.id),
    [bo.id],
  )
  assert.is(await rows(t, 'members'), 2)
  assertProblem(await owner.delete(`/api/communities/${cid}/members/${ana.id}`), 404)
  assertProblem(await owner.delete(`/api/communities/${cid}/members/no-such-member`), 404)
  assertProblem(await join(t, ana.inviteUrl), 401)
})

test('a removed member imported again is restored, counted as updated, with a fresh invite', async ({
  owner,
  cid,
}) => {
  const [ana] = await imported(owner, cid, 'ana@example.org')
  await owner.delete(`/api/communities/${cid}/members/${ana.id}`)
  const again = await post(owner, cid, {
    members: [{ email: 'ana@example.org' }],
  })
  assert.equal([again.body.created, again.body.updated], [0, 1])
  assert.is(again.body.members[0].id, ana.id)
  assert.match(again.body.members[0].inviteUrl, inviteUrl)
  assert.is.not(again.body.members[0].inviteUrl, ana.inviteUrl)
  assert.equal(
    (await list(owner, cid)).members.map((m: any) => m.id),
    [ana.id],
  )
})

test('a member of another community is 404 through this one, for removal and re-invite', async ({
  owner,
  cid,
}) => {
  const other = await communityWith(owner, { name: 'Other', members: 1 })
  const mid = other.members[0].id
  assertProblem(await owner.delete(`/api/communities/${cid}/members/${mid}`), 404)
  assertProblem(await owner.post(`/api/communities/${cid}/members/${mid}/invite`), 404)
  assert.equal(
    (await list(owner, other.id)).members.map((m: any) => m.id),
    [mid],
  )
})

test('a new invite returns a new inviteUrl and revokes the old invite key', async ({
  t,
  owner,
  cid,
}) => {
  const [ana] = await imported(owner, cid, 'ana@example.org')
  const res = await owner.post(`/api/communities/${cid}/members/${ana.id}/invite`)
  assert.is(res.status, 200)
  assert.equal(Object.keys(res.body), ['inviteUrl'])
  assert.match(res.body.inviteUrl, inviteUrl)
  assert.is.not(res.body.inviteUrl, ana.inviteUrl)
  assertProblem(await join(t, ana.inviteUrl), 401)
  const joined = await join(t, res.body.inviteUrl)
  assert.is(joined.status, 200)
  assert.equal(joined.body, { community: { id: cid, name: 'Riverside' } })
})

test("a new invite also revokes the member's key in use", async ({ t, owner, cid }) => {
  const [ana] = await imported(owner, cid, 'ana@example.org')
  const memberKey = randomToken(32)
  await join(t, ana.inviteUrl, memberKey)
  assert.is((await new Agent(t).get('/api/me', { bearer: memberKey })).status, 200)
  await owner.post(`/api/communities/${cid}/members/${ana.id}/invite`)
  assertProblem(await new Agent(t).get('/api/me', { bearer: memberKey }), 401)
  assert.equal((await list(owner, cid)).members[0].joined, false)
})

test('member routes: viewer 403, outsider 404, no session 401, and nothing written', async ({
  t,
  owner,
  cid,
}) => {
  const [ana] = await imported(owner, cid, 'ana@example.org')
  const callers: [Agent, number][] = [
    [await teammate(owner, cid, 'viewer'), 403],
    [await outsider(owner), 404],
    [new Agent(t), 401],
  ]
  for (const [agent, status] of callers) {
    assertProblem(await agent.get(`/api/communities/${cid}/members`), status)
    assertProblem(
      await post(agent, cid, {
        members: [{ email: 'new@example.org' }],
      }),
      status,
    )
    assertProblem(await agent.delete(`/api/communities/${cid}/members/${ana.id}`), status)
    assertProblem(await agent.post(`/api/communities/${cid}/members/${ana.id}/invite`), status)
  }
  assert.is(await rows(t, 'members'), 1)
  assert.is((await join(t, ana.inviteUrl)).status, 200)
  const organizer = await teammate(owner, cid, 'organizer')
  assert.is((await organizer.get(`/api/communities/${cid}/members`)).status, 200)
})

test('a CSV over 8 MiB and a JSON body over 1 MiB are 413; a 2 MiB CSV is read', async ({
  t,
  owner,
  cid,
}) => {
  const MiB = 1024 * 1024
  const big = 'email,team\n' + 'a@example.org,x\n'.repeat(Math.ceil((8 * MiB) / 16) + 1)
  assertProblem(await postCsv(owner, cid, big), 413)
  const json = { members: [{ email: 'a@example.org', attributes: { team: 'x'.repeat(MiB) } }] }
  assertProblem(await post(owner, cid, json), 413)
  const long = `email,team\na@example.org,${'x'.repeat(2 * MiB)}\n`
  assertProblem(await postCsv(owner, cid, long), 422, ['line.2'])
  assert.is(await rows(t, 'members'), 0)
})

test('existing: "refuse" answers 409 with the member as they are and writes nothing; without it the import updates', async ({
  t,
  owner,
  cid,
}) => {
  const first = await post(owner, cid, {
    members: [{ email: 'ana@example.org', name: 'Ana Lopez', attributes: { team: 'Blue' } }],
  })
  const [ana] = first.body.members
  const asked = { email: 'ANA@example.org', attributes: { team: 'Red' } }
  const refused = await post(owner, cid, {
    members: [{ email: 'new@example.org' }, asked],
    existing: 'refuse',
  })
  assertProblem(refused, 409)
  assert.equal(refused.body.existing, [
    {
      id: ana.id,
      email: 'ana@example.org',
      name: 'Ana Lopez',
      attributes: { team: 'Blue' },
      joined: false,
    },
  ])
  assert.match(refused.body.detail, /ana@example\.org is already a member/)
  assert.is(await rows(t, 'members'), 1)
  assert.equal((await list(owner, cid)).members[0].attributes, { team: 'Blue' })

  // Asked and confirmed: the same member sent again (existing "update", the default) is updated.
  const confirmed = await post(owner, cid, { members: [asked], existing: 'update' })
  assert.is(confirmed.status, 201)
  assert.equal([confirmed.body.created, confirmed.body.updated], [0, 1])
  assert.equal((await list(owner, cid)).members[0], {
    id: ana.id,
    email: 'ana@example.org',
    name: 'Ana Lopez',
    attributes: { team: 'Red' },
    joined: false,
  })
  // A removed member is not there to overwrite: "refuse" restores them like any import.
  await owner.delete(`/api/communities/${cid}/members/${ana.id}`)
  const restored = await post(owner, cid, { members: [asked], existing: 'refuse' })
  assert.is(restored.status, 201)
  assert.equal([restored.body.created, restored.body.updated], [0, 1])
  assertProblem(await post(owner, cid, { members: [asked], existing: 'maybe' }), 422, ['existing'])
})

test('a name column is stored and listed to organizers; an import without names keeps them', async ({
  owner,
  cid,
}) => {
  const csv = 'email,Name,team\nana@example.org, Ana Lopez ,Blue\nbo@example.org,,Red\n'
  const res = await postCsv(owner, cid, csv)
  assert.is(res.status, 201)
  assert.equal(
    res.body.members.map((m: any) => [m.email, m.name, m.attributes]),
    [
      ['ana@example.org', 'Ana Lopez', { team: 'Blue' }],
      ['bo@example.org', undefined, { team: 'Red' }],
    ],
  )
  const names = async () =>
    Object.fromEntries((await list(owner, cid)).members.map((m: any) => [m.email, m.name]))
  assert.equal(await names(), { 'ana@example.org': 'Ana Lopez', 'bo@example.org': undefined })
  assert.not.ok('name' in (await list(owner, cid, '?q=bo@')).members[0])

  // No name column: names stay. A name column or JSON name sets them; an empty one clears.
  await postCsv(owner, cid, 'email,team\nana@example.org,Green\n')
  assert.equal(await names(), { 'ana@example.org': 'Ana Lopez', 'bo@example.org': undefined })
  await post(owner, cid, {
    members: [
      { email: 'ana@example.org', name: '' },
      { email: 'bo@example.org', name: 'Bo Berg' },
    ],
  })
  assert.equal(await names(), { 'ana@example.org': undefined, 'bo@example.org': 'Bo Berg' })
  assertProblem(
    await post(owner, cid, { members: [{ email: 'cy@example.org', name: 'x'.repeat(101) }] }),
    422,
    ['members.0.name'],
  )
  assertProblem(await postCsv(owner, cid, 'email,name,name\ncy@example.org,a,b\n'), 422, ['line.1'])
})

test('a CSV saved by a European Excel (BOM, semicolons, CRLF) is imported', async ({
  owner,
  cid,
}) => {
  const excel =
    '\uFEFFEmail;Name;team;site\r\n' +
    'anna.schmidt@example.de;Anna Schmidt;Einkauf;München\r\n' +
    'j.weiss@example.de;"Weiß; Jürgen";"Lager ""Nord""";\r\n' +
    'Kai.Ossa@Example.de;;Vertrieb, Süd;Köln\r\n' +
    ';;;\r\n'
  const res = await postCsv(owner, cid, excel)
  assert.is(res.status, 201)
  assert.equal(
    res.body.members.map((m: any) => [m.email, m.name, m.attributes]),
    [
      ['anna.schmidt@example.de', 'Anna Schmidt', { team: 'Einkauf', site: 'München' }],
      ['j.weiss@example.de', 'Weiß; Jürgen', { team: 'Lager "Nord"' }],
      ['kai.ossa@example.de', undefined, { team: 'Vertrieb, Süd', site: 'Köln' }],
    ],
  )
  // Its errors still name the physical line.
  const bad = '\uFEFFemail;team\r\nok@example.de;A\r\nnot-an-email;B\r\n'
  assertProblem(await postCsv(owner, cid, bad), 422, ['line.3'])
})

test('a comment naming a member by their imported name is redacted at close', async ({
  t,
  owner,
}) => {
  // Addresses that hold no name: only the imported name can tell the redaction who Greta is.
  const spec = Array.from({ length: 6 }, (_, i) => ({ email: `m${i}@example.org` }))
  const { community, survey, pulse, members } = await reportPulse(t, { owner, members: spec })
  await post(owner, community.id, {
    members: [{ email: 'm3@example.org', name: 'Greta Sommer' }],
  })
  const comments = [
    'Greta Sommer explained it well.',
    'greta answers fast.',
    'Ask sommer about it.',
    'Nothing to add.',
    'More time, please.',
    'Thanks.',
  ]
  const row = (c: string): Values => [4, 8, true, 'Mon', ['chat'], undefined, c]
  await answerAll(t, pulse.id, survey, members, comments.map(row))
  await close(owner, pulse.id)
  const text = survey.questions[6].id
  const res = await owner.get(`/api/pulses/${pulse.id}/comments?questionId=${text}`)
  assert.is(res.status, 200)
  assert.is(res.body.released, true)
  assert.equal(
    [...res.body.comments].sort(),
    [
      '[name] explained it well.',
      '[name] answers fast.',
      'Ask [name] about it.',
      'Nothing to add.',
      'More time, please.',
      'Thanks.',
    ].sort(),
  )
})

test.run()

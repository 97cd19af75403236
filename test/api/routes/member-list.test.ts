// GET /api/communities/:cid/members with search, sort and paging (docs/api.md "Members"):
// `q`, `sort`, `order`, `limit` and `cursor`, and the `total` the search keeps.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { randomToken } from '../../../api/privacy/ids'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, communityWith, fragment } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('member list')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { attributes: ['team', 'site'] })).id
})

const list = async (agent: Agent, cid: string, query = '') => {
  const res = await agent.get(`/api/communities/${cid}/members${query}`)
  assert.is(res.status, 200, res.text)
  return res.body
}
const emails = (page: { members: { email: string }[] }) => page.members.map((m) => m.email)

/** Six members: names for some, teams for some, two of them joined. */
async function six(t: TestApp, owner: Agent, cid: string) {
  const res = await owner.post(`/api/communities/${cid}/members`, {
    members: [
      { email: 'cy@example.org', name: 'Cyrus Abel', attributes: { team: 'red' } },
      { email: 'ana@example.org', name: 'ana Zeller', attributes: { team: 'Blue' } },
      { email: 'eve@corp.example', attributes: { team: 'blue' } },
      { email: 'bo@example.org', name: 'Bo Berg' },
      { email: 'dan@corp.example', name: 'Dana Cole', attributes: { team: 'green' } },
      { email: 'fay@example.org', attributes: { site: 'Oslo' } },
    ],
  })
  const byEmail = new Map(res.body.members.map((m: any) => [m.email, m]))
  for (const who of ['bo@example.org', 'eve@corp.example']) {
    const { inviteUrl } = byEmail.get(who) as { inviteUrl: string }
    const join = { inviteKey: fragment(inviteUrl), memberKey: randomToken(32) }
    assert.is((await new Agent(t).post('/api/join', join)).status, 200)
  }
}

test('q keeps members whose email or name contains it, ignoring case; total counts them', async ({
  t,
  owner,
  cid,
}) => {
  await six(t, owner, cid)
  const corp = await list(owner, cid, '?q=CORP&sort=email')
  assert.equal(emails(corp), ['dan@corp.example', 'eve@corp.example'])
  assert.is(corp.total, 2)
  // "Ber" is in Bo Berg's name only; "abel" in Cyrus Abel's.
  assert.equal(emails(await list(owner, cid, '?q=ber')), ['bo@example.org'])
  assert.equal(emails(await list(owner, cid, '?q=%20Abel%20')), ['cy@example.org'])
  // Letters beyond ASCII are found as typed.
  await owner.post(`/api/communities/${cid}/members`, {
    members: [{ email: 'oz@example.org', name: 'Ömer Öztürk' }],
  })
  assert.equal(emails(await list(owner, cid, '?q=%C3%96zt')), ['oz@example.org'])
  await owner.delete(
    `/api/communities/${cid}/members/${(await list(owner, cid, '?q=oz@')).members[0].id}`,
  )
  // A search is not a pattern: % and _ are plain characters.
  assert.equal(await list(owner, cid, '?q=%25'), { members: [], total: 0 })
  const all = await list(owner, cid, '?limit=2')
  assert.equal([all.members.length, all.total, typeof all.next], [2, 6, 'string'])
})

test('sorts by email, name, joined or an attribute, either way; missing values come last', async ({
  t,
  owner,
  cid,
}) => {
  await six(t, owner, cid)
  const sorted = async (query: string) => emails(await list(owner, cid, query))
  assert.equal(await sorted('?sort=email'), [
    'ana@example.org',
    'bo@example.org',
    'cy@example.org',
    'dan@corp.example',
    'eve@corp.example',
    'fay@example.org',
  ])
  assert.equal(await sorted('?sort=email&order=desc'), [
    'fay@example.org',
    'eve@corp.example',
    'dan@corp.example',
    'cy@example.org',
    'bo@example.org',
    'ana@example.org',
  ])
  // Names ignore case ("ana Zeller" comes first); members without a name come last.
  const byName = await sorted('?sort=name')
  assert.equal(byName.slice(0, 4), [
    'ana@example.org',
    'bo@example.org',
    'cy@example.org',
    'dan@corp.example',
  ])
  assert.equal(byName.slice(4).sort(), ['eve@corp.example', 'fay@example.org'])
  const byNameDesc = await sorted('?sort=name&order=desc')
  assert.equal(byNameDesc.slice(0, 4), [
    'dan@corp.example',
    'cy@example.org',
    'bo@example.org',
    'ana@example.org',
  ])
  const team = await sorted('?sort=attributes.team')
  assert.equal(team.slice(0, 2).sort(), ['ana@example.org', 'eve@corp.example'])
  assert.equal(team.slice(2, 4), ['dan@corp.example', 'cy@example.org'])
  assert.equal(team.slice(4).sort(), ['bo@example.org', 'fay@example.org'])
  const joined = await sorted('?sort=joined&order=desc')
  assert.equal(joined.slice(0, 2).sort(), ['bo@example.org', 'eve@corp.example'])
})

test('pages of a sorted, searched list hold every member once, in order', async ({
  owner,
  cid,
}) => {
  // 30 members in five teams of six (ties across pages), a third without a team.
  const members = Array.from({ length: 30 }, (_, i) => ({
    email: `p${String(i).padStart(2, '0')}@example.org`,
    name: `Person ${String(29 - i).padStart(2, '0')}`,
    attributes: i % 3 === 0 ? {} : { team: `t${i % 5}` },
  }))
  await owner.post(`/api/communities/${cid}/members`, { members })
  for (const [query, expected] of [
    ['sort=name', members.map((m) => m.email).reverse()],
    ['sort=email&order=desc', members.map((m) => m.email).reverse()],
    ['sort=attributes.team', undefined],
    ['sort=attributes.team&order=desc', undefined],
    ['sort=joined', undefined],
    ['', undefined],
  ] as const) {
    const whole = emails(await list(owner, cid, `?${query}&limit=1000`))
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const page = await list(owner, cid, `?${query}&limit=7${after}`)
      assert.is(page.total, 30)
      seen.push(...emails(page))
      cursor = page.next
    } while (cursor)
    assert.equal(seen, whole, `pages of ?${query} are the whole list in order`)
    assert.is(new Set(seen).size, 30)
    if (expected) assert.equal(seen, [...expected])
  }
  const team = emails(await list(owner, cid, '?sort=attributes.team&limit=1000'))
  const teamless = members.filter((_, i) => i % 3 === 0).map((m) => m.email)
  assert.equal(team.slice(20).sort(), teamless)
  // Searched and paged: "Person 1…" is ten members.
  const first = await list(owner, cid, '?q=person%201&sort=name&limit=4')
  const rest = await list(owner, cid, `?q=person%201&sort=name&limit=10&cursor=${first.next}`)
  assert.equal([first.total, first.members.length, rest.members.length], [10, 4, 6])
  assert.not.ok('next' in rest)
})

test('an unknown sort or order and a cursor not from the list are 422 naming the parameter', async ({
  owner,
  cid,
}) => {
  const bad = (query: string) => owner.get(`/api/communities/${cid}/members?${query}`)
  assertProblem(await bad('sort=shoe'), 422, ['sort'])
  assertProblem(await bad('sort=attributes.shoe'), 422, ['sort'])
  assertProblem(await bad('sort=email&order=up'), 422, ['order'])
  assertProblem(await bad('sort=email&cursor=nonsense'), 422, ['cursor'])
  assertProblem(await bad(`sort=email&cursor=${'x'.repeat(1001)}`), 422, ['cursor'])
  const sorts = (await bad('sort=shoe')).body.errors[0].message
  assert.is(sorts, 'must be one of email, name, joined, attributes.team, attributes.site')
})

test.run()

// The members page's models with the server stubbed: the list pages by the cursors the server
// gives, back and forth, with its search and order; "Add one member" for an email already there
// asks before it overwrites.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Member } from '../../../web/organizer/api-types'
import { overwriteRows } from '../../../web/organizer/components/overwrite-warning'
import { memberList, rangeText } from '../../../web/organizer/models/member-list'
import { MembersModel } from '../../../web/organizer/models/members-model'

const realFetch = globalThis.fetch
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })
const settle = () => new Promise((done) => setTimeout(done, 0))

const people: Member[] = Array.from({ length: 30 }, (_, i) => ({
  id: `m${i}`,
  email: `p${String(i).padStart(2, '0')}@example.org`,
  attributes: {},
  joined: false,
}))
let seen: URL[] = []
let posted: unknown[] = []
/** The server: 30 members by email, pages of `limit` after the cursor (an email). */
function serve(
  onPost: (body: any) => Response = () => json({ created: 1, updated: 0, members: [] }),
) {
  seen = []
  posted = []
  globalThis.fetch = (async (url: string, init: RequestInit = {}) => {
    if (init.method === 'POST') {
      posted.push(JSON.parse(String(init.body)))
      return onPost(posted.at(-1))
    }
    const u = new URL(url, 'http://x')
    seen.push(u)
    const q = u.searchParams.get('q') ?? ''
    const all = people.filter((p) => p.email.includes(q))
    const ordered = u.searchParams.get('order') === 'desc' ? [...all].reverse() : all
    const from = ordered.findIndex((p) => p.email === u.searchParams.get('cursor')) + 1
    const limit = Number(u.searchParams.get('limit'))
    const page = ordered.slice(from, from + limit)
    const next = from + limit < ordered.length ? page.at(-1)!.email : undefined
    return json({ members: page, total: all.length, ...(next ? { next } : {}) })
  }) as typeof fetch
}

const list = suite('member list model')
list.after.each(() => {
  globalThis.fetch = realFetch
})

list('says which members a page shows, and of how many', () => {
  assert.is(rangeText(1, 16, 16, ''), '16 members shown.')
  assert.is(rangeText(1, 1, 1, ''), '1 member shown.')
  assert.is(rangeText(26, 5, 30, ''), 'Members 26–30 of 30 shown.')
  assert.is(rangeText(1, 3, 3, 'berg'), '3 members matching “berg” shown.')
})

list('pages forward by the server’s cursors and back by the ones it kept', async () => {
  serve()
  const l = memberList('c1')
  await l.fromStart()
  assert.is(l.status.value, 'Members 1–25 of 30 shown.')
  await l.nextPage()
  assert.is(l.status.value, 'Members 26–30 of 30 shown.')
  assert.is(l.members.value[0].email, 'p25@example.org')
  assert.is(l.next.value, undefined)
  await l.previousPage()
  assert.is(l.members.value[0].email, 'p00@example.org')
  assert.equal(
    seen.map((u) => u.searchParams.get('cursor')),
    [null, 'p24@example.org', null],
  )
  assert.is(seen[0].searchParams.get('sort'), 'email')
})

list('a search or a new order starts again at the first page and is sent along', async () => {
  serve()
  const l = memberList('c1')
  await l.fromStart()
  await l.nextPage()
  l.search.value = ' p1 '
  await l.runSearch()
  assert.is(l.status.value, '10 members matching “p1” shown.')
  assert.is(seen.at(-1)!.searchParams.get('q'), 'p1')
  await l.sortBy('attributes.team', 'desc')
  assert.equal(
    [...seen.at(-1)!.searchParams].filter(([k]) => k !== 'limit'),
    [
      ['q', 'p1'],
      ['sort', 'attributes.team'],
      ['order', 'desc'],
    ],
  )
  await l.clearSearch()
  assert.is(l.status.value, 'Members 1–25 of 30 shown.')
})

list('an answer that arrives after a newer one is dropped', async () => {
  let release: () => void = () => {}
  serve()
  const served = globalThis.fetch
  let calls = 0
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    if (++calls === 1) await new Promise<void>((done) => (release = done))
    return served(url, init)
  }) as typeof fetch
  const l = memberList('c1')
  const slow = l.fromStart()
  l.search.value = 'p2'
  await l.runSearch()
  release()
  await slow
  assert.is(l.status.value, '10 members matching “p2” shown.')
})

list.run()

const add = suite('add one member')
add.after.each(() => {
  globalThis.fetch = realFetch
})

const ana: Member = {
  id: 'm1',
  email: 'ana@example.org',
  name: 'Ana Lopez',
  attributes: { team: 'Blue', site: 'Oslo' },
  joined: true,
}

add(
  'an email already there is not overwritten: the model asks, then replaces when told',
  async () => {
    serve((body) =>
      body.existing === 'refuse'
        ? json({ status: 409, title: 'Conflict', detail: 'already', existing: [ana] }, 409)
        : json({ created: 0, updated: 1, members: [] }, 201),
    )
    const m = new MembersModel('c1')
    await settle()
    m.email.value = 'ANA@example.org'
    m.attributes.value = { team: 'Red', site: ' ' }
    assert.is(await m.addOne(), false)
    assert.equal(m.overwrite.value, {
      input: { email: 'ANA@example.org', attributes: { team: 'Red' } },
      current: ana,
    })
    assert.is(m.importer.error.value, undefined, 'the 409 is a question, not an error')
    assert.is(m.email.value, 'ANA@example.org', 'the form keeps what was typed')
    assert.is(await m.confirmOverwrite(), true)
    assert.equal(posted, [
      { members: [{ email: 'ANA@example.org', attributes: { team: 'Red' } }], existing: 'refuse' },
      { members: [{ email: 'ANA@example.org', attributes: { team: 'Red' } }] },
    ])
    assert.is(m.overwrite.value, undefined)
    assert.is(m.email.value, '')
    assert.is(m.result.value?.updated, 1)
  },
)

add('keeping the member as they are sends nothing more', async () => {
  serve(() => json({ status: 409, title: 'Conflict', detail: 'already', existing: [ana] }, 409))
  const m = new MembersModel('c1')
  await settle()
  m.email.value = 'ana@example.org'
  await m.addOne()
  m.keepExisting()
  assert.is(m.overwrite.value, undefined)
  assert.is(posted.length, 1)
})

add('the warning lists each detail as it is and as it would be', () => {
  const rows = overwriteRows(
    { input: { email: 'ana@example.org', attributes: { team: 'Red' } }, current: ana },
    ['team', 'site', 'role'],
  )
  assert.equal(rows, [
    { label: 'Name', now: 'Ana Lopez', after: 'Ana Lopez' },
    { label: 'team', now: 'Blue', after: 'Red' },
    { label: 'site', now: 'Oslo', after: undefined },
  ])
})

add.run()

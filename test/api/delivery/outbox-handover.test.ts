import Papa from 'papaparse'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { settle } from '../../helpers/delivery'
import {
  assertProblem,
  communityWith,
  expectStatus,
  fragment,
  pulseOf,
  rows,
  surveyIn,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent }>(
  'delivery: the outbox at 25+ members: filters, paging, copy-all and CSV',
)
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
})

const outbox = async (owner: Agent, cid: string, query = '') =>
  expectStatus(await owner.get(`/api/communities/${cid}/outbox${query}`), 200).body
const placeholders = (text: string) => text.match(/\{\{\w+\}\}/g) ?? []

/** Every message of a filter, page by page through `next`. */
async function allPages(owner: Agent, cid: string, filter: string, limit: number) {
  const pages: any[][] = []
  let cursor: string | undefined
  do {
    const page = await outbox(
      owner,
      cid,
      `?${filter}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    )
    pages.push(page.messages)
    cursor = page.next
  } while (cursor)
  return pages
}

/**
 * A community of `size` members of whom the first `joined` joined before a pulse opened: their
 * invitations no longer apply, and "a pulse is open" waits for each of them.
 */
async function busyCommunity(t: TestApp, owner: Agent, size: number, joined: number) {
  const community = await communityWith(owner, { name: 'Harbour Singers', members: size })
  for (const m of community.members.slice(0, joined)) {
    const memberKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
    expectStatus(
      await new Agent(t).post('/api/join', { inviteKey: fragment(m.inviteUrl), memberKey }),
      200,
    )
  }
  const survey = await surveyIn(owner, community.id)
  const pulse = await pulseOf(owner, survey.id)
  await settle(t.tasks)
  return { community, pulse, joined: community.members.slice(0, joined) }
}

test('filters by status and kind run on the server, and the cursor pages within the filter', async ({
  t,
  owner,
}) => {
  const { community, joined } = await busyCommunity(t, owner, 30, 6)
  const cid = community.id

  const invites = await allPages(owner, cid, 'status=waiting&kind=invite', 10)
  assert.equal(
    invites.map((p) => p.length),
    [10, 10, 4],
  )
  const listed = invites.flat()
  assert.ok(listed.every((m) => m.kind === 'invite' && m.status === 'queued'))
  assert.is(new Set(listed.map((m) => m.id)).size, 24, 'no message twice across pages')
  assert.equal(
    listed.map((m) => m.recipient).sort(),
    community.members
      .slice(6)
      .map((m) => m.email)
      .sort(),
  )

  const opened = (await allPages(owner, cid, 'kind=pulse-open', 4)).flat()
  assert.equal(opened.map((m) => m.recipient).sort(), joined.map((m) => m.email).sort())
  assert.ok(opened.every((m) => m.status === 'queued'))
  const skipped = (await allPages(owner, cid, 'status=skipped', 5)).flat()
  assert.equal(
    skipped.map((m) => [m.kind, m.error]),
    joined.map(() => ['invite', 'The member has joined: the invitation is no longer needed.']),
  )
  assert.is((await outbox(owner, cid, '?status=sent')).messages.length, 0)

  // `waiting` counts the waiting emails of the kind asked, whatever the status filter.
  assert.is((await outbox(owner, cid)).waiting, 30)
  assert.is((await outbox(owner, cid, '?kind=invite&status=skipped')).waiting, 24)
  assert.is((await outbox(owner, cid, '?kind=pulse-open')).waiting, 6)

  assertProblem(await owner.get(`/api/communities/${cid}/outbox?status=pending`), 422, ['status'])
  assertProblem(await owner.get(`/api/communities/${cid}/outbox?kind=invites`), 422, ['kind'])
})

test('copy-all hands over every waiting email as one text with each address and its real links, marks them copied and forgets the keys', async ({
  t,
  owner,
}) => {
  const community = await communityWith(owner, { name: 'Harbour Singers', members: 25 })
  await settle(t.tasks)
  const cid = community.id
  const res = await owner.post(`/api/communities/${cid}/outbox/handover`, { format: 'text' })
  assert.is(res.status, 200)
  assert.is(res.headers.get('content-type'), 'text/plain; charset=utf-8')
  assert.is(res.headers.get('x-message-count'), '25')
  assert.equal(placeholders(res.text), [])

  const blocks = res.text.split(`${'-'.repeat(40)}\n`)
  assert.is(blocks.length, 25)
  const byAddress = new Map<string, string>()
  for (const block of blocks) {
    const [to, subject, blank] = block.split('\n')
    assert.match(to, /^To: \S+@example\.org$/)
    assert.is(subject, 'Subject: Your invitation to the anonymous pulses of Harbour Singers')
    assert.is(blank, '')
    byAddress.set(to.slice(4), block)
  }
  for (const member of community.members) {
    const block = byAddress.get(member.email)!
    assert.ok(block.includes(member.inviteUrl), `the block to ${member.email} holds their link`)
    assert.match(block, /https:\/\/pulse\.example\/api\/unsubscribe\/\S+/)
  }

  // Handed over: copied, keys forgotten, nothing left waiting; the links still join.
  assert.is(await rows(t, 'sealed_invites'), 0)
  assert.is((await outbox(owner, cid, '?status=waiting')).messages.length, 0)
  const copied = (await allPages(owner, cid, 'status=copied', 200)).flat()
  assert.is(copied.length, 25)
  assert.ok(copied.every((m) => m.cannotCopy?.startsWith('It was copied before')))
  expectStatus(
    await new Agent(t).post('/api/join', {
      inviteKey: fragment(community.members[0].inviteUrl),
      memberKey: 'h'.repeat(43),
    }),
    200,
  )
  const again = await owner.post(`/api/communities/${cid}/outbox/handover`, { format: 'text' })
  assert.equal([again.status, again.headers.get('x-message-count'), again.text], [200, '0', ''])
})

test('the CSV for a mail merge holds one row per waiting email, of the kind asked, never one that no longer applies', async ({
  t,
  owner,
}) => {
  const { community, pulse, joined } = await busyCommunity(t, owner, 8, 5)
  const cid = community.id
  const res = await owner.post(`/api/communities/${cid}/outbox/handover`, {
    format: 'csv',
    kind: 'pulse-open',
  })
  assert.is(res.status, 200)
  assert.is(res.headers.get('content-type'), 'text/csv; charset=utf-8')
  assert.is(
    res.headers.get('content-disposition'),
    'attachment; filename="messages-pulse-open-2026-03-02.csv"',
  )
  assert.is(res.headers.get('x-message-count'), '5')
  const parsed = Papa.parse<string[]>(res.text.trim(), { newline: '\r\n' })
  assert.equal(parsed.errors, [])
  const [header, ...records] = parsed.data
  assert.equal(header, ['email', 'subject', 'message', 'link', 'kind'])
  const memberPage = `https://pulse.example/m/pulses/${pulse.id}`
  assert.equal(records.map((r) => r[0]).sort(), joined.map((m) => m.email).sort())
  for (const [, subject, message, link, kind] of records) {
    assert.match(subject, /^Harbour Singers: "Weekly check-in" is open until /)
    assert.equal([link, kind], [memberPage, 'pulse-open'])
    assert.ok(message.includes(memberPage))
    assert.match(message, /https:\/\/pulse\.example\/api\/unsubscribe\/\S+/)
    assert.equal(placeholders(message), [])
  }
  // The invitations were not asked for: they still wait, and only the three unjoined members'.
  const rest = await owner.post(`/api/communities/${cid}/outbox/handover`, { format: 'csv' })
  const left = Papa.parse<string[]>(rest.text.trim(), { newline: '\r\n' }).data.slice(1)
  const unjoined = community.members.slice(5)
  assert.equal(
    left.map((r) => [r[0], r[3], r[4]]).sort(),
    unjoined.map((m) => [m.email, m.inviteUrl, 'invite']).sort(),
  )

  assertProblem(await owner.post(`/api/communities/${cid}/outbox/handover`, {}), 422, ['format'])
  assertProblem(
    await owner.post(`/api/communities/${cid}/outbox/handover`, { format: 'pdf', kind: 'x' }),
    422,
    ['format', 'kind'],
  )
})

test.run()

// Threads on released comments (docs/api.md, "Threads"): who reads them, organizers' replies and
// hiding, and what members of a shared pulse see: the same answer for every one of them.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, expectStatus, rows, teammate } from '../../helpers/fixtures'
import { Agent } from '../../helpers/http'
import { query } from '../../helpers/protocol'
import { threadFixture, threadOf, type ThreadFixture } from '../../helpers/threads'

const test = suite<{ t: TestApp; f: ThreadFixture }>('threads-http: read, reply, hide')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.f = await threadFixture(ctx.t)
})

const threads = (f: ThreadFixture) => `/api/pulses/${f.pulse.id}/threads`
const memberThreads = (f: ThreadFixture) => `/api/me/results/${f.pulse.id}/threads`
const asMember = (t: TestApp, f: ThreadFixture, i: number) =>
  new Agent(t).get(memberThreads(f), { bearer: f.members[i].memberKey })

/** The comment id of the i-th respondent's comment, found as their device finds it. */
async function commentId(t: TestApp, f: ThreadFixture, i: number): Promise<string> {
  const shown = expectStatus(await asMember(t, f, i), 200).body.threads
  return (await threadOf(shown, f.written[i].secret))!.id
}

test('every member of a shared pulse gets the same threads, with reply hashes and no cohort; organizers get them without hashes', async ({
  t,
  f,
}) => {
  const a = expectStatus(await asMember(t, f, 0), 200)
  const b = expectStatus(await asMember(t, f, 5), 200)
  assert.equal(a.body, b.body)
  assert.is(a.body.released, true)
  assert.is(a.body.threads.length, 10)
  assert.equal(a.body.threads.map((th: any) => th.text).sort(), f.written.map((w) => w.text).sort())
  assert.ok(a.body.threads.every((th: any) => /^[A-Za-z0-9_-]{43}$/.test(th.replyHash)))
  assert.not.ok(JSON.stringify(a.body).includes('cohort'))
  for (const [i, w] of f.written.entries())
    assert.is((await threadOf(a.body.threads, w.secret))?.text, `comment ${i}`)

  const viewer = await teammate(f.owner, f.community.id, 'viewer')
  const seen = expectStatus(await viewer.get(threads(f)), 200).body
  assert.is(seen.threads.length, 10)
  assert.ok(seen.threads.every((th: any) => !('replyHash' in th) && th.posts.length === 0))
})

test("an organizer's reply shows in every member's view, its names and emails redacted", async ({
  t,
  f,
}) => {
  const id = await commentId(t, f, 3)
  const organizer = await teammate(f.owner, f.community.id, 'organizer')
  const res = await organizer.post(`${threads(f)}/${id}/replies`, {
    text: '  Thank you. Ask owner@example.org about it.  ',
  })
  assert.is(res.status, 201)
  assert.equal(res.body, {
    id,
    questionId: f.textId,
    text: 'comment 3',
    posts: [{ position: 1, by: 'organizers', text: 'Thank you. Ask [email] about it.' }],
  })
  expectStatus(
    await organizer.post(`${threads(f)}/${id}/replies`, { text: 'One more thing.' }),
    201,
  )
  const mine = await threadOf((await asMember(t, f, 3)).body.threads, f.written[3].secret)
  assert.equal(
    mine?.posts.map((p: any) => [p.position, p.by, p.text]),
    [
      [1, 'organizers', 'Thank you. Ask [email] about it.'],
      [2, 'organizers', 'One more thing.'],
    ],
  )
  // Another member sees the same thread, without knowing whose it is.
  const theirs = (await asMember(t, f, 0)).body.threads.find((th: any) => th.id === id)
  assert.equal(theirs, mine)
})

test('a viewer reads but may not reply or hide (403), and nothing is written', async ({ t, f }) => {
  const id = await commentId(t, f, 0)
  const viewer = await teammate(f.owner, f.community.id, 'viewer')
  assertProblem(await viewer.post(`${threads(f)}/${id}/replies`, { text: 'Hello' }), 403)
  assertProblem(await viewer.post(`${threads(f)}/${id}/hide`, { reason: 'Rude' }), 403)
  assert.is(await rows(t, 'thread_posts'), 0)
  assert.equal(
    await query(t, 'select count(*) as n from comments where hidden_reason is not null'),
    [{ n: 0 }],
  )
})

test('members see only pulses shared with their community: any other is 404', async ({ t, f }) => {
  const key = f.members[0].memberKey
  expectStatus(await f.owner.delete(`/api/pulses/${f.pulse.id}/share`), 200)
  assertProblem(await new Agent(t).get(memberThreads(f), { bearer: key }), 404)
  const other = await threadFixture(t, { owner: f.owner })
  assertProblem(await new Agent(t).get(memberThreads(other), { bearer: key }), 404)
  assertProblem(await new Agent(t).get(memberThreads(other)), 401)
  // An organizer's session is no member key.
  assertProblem(await f.owner.get(memberThreads(other)), 401)
})

test('bad input is 422 naming the field, and nothing is written', async ({ t, f }) => {
  const id = await commentId(t, f, 1)
  const reply = (body: unknown) => f.owner.post(`${threads(f)}/${id}/replies`, body)
  const hide = (body: unknown) => f.owner.post(`${threads(f)}/${id}/hide`, body)
  assertProblem(await reply({ text: '   ' }), 422, ['text'])
  assertProblem(await reply({ text: 'x'.repeat(2001) }), 422, ['text'])
  assertProblem(await reply({}), 422, ['text'])
  assertProblem(await hide({ reason: '' }), 422, ['reason'])
  assertProblem(await hide({ reason: 'Rude', position: 0 }), 422, ['position'])
  assertProblem(await hide({ reason: 'x'.repeat(201) }), 422, ['reason'])
  assert.is(await rows(t, 'thread_posts'), 0)
  assert.equal(
    await query(t, 'select count(*) as n from comments where hidden_reason is not null'),
    [{ n: 0 }],
  )
})

test('threads exist only on released comments: a pulse below k_text has none and takes no reply', async ({
  t,
  f,
}) => {
  const few = await threadFixture(t, { owner: f.owner, n: 6 })
  const res = expectStatus(await few.owner.get(threads(few)), 200)
  assert.equal(res.body, { released: false, threads: [] })
  const members = expectStatus(
    await new Agent(t).get(memberThreads(few), { bearer: few.members[0].memberKey }),
    200,
  )
  assert.equal(members.body, { released: false, threads: [] })
  assertProblem(await few.owner.post(`${threads(few)}/anything/replies`, { text: 'Hi' }), 404)
  assertProblem(await f.owner.post(`${threads(f)}/no-such-comment/replies`, { text: 'Hi' }), 404)
  assert.is(await rows(t, 'thread_posts'), 0)
})

test('a hidden comment shows the reason in its place, takes no replies, and its text leaves the database', async ({
  t,
  f,
}) => {
  const id = await commentId(t, f, 2)
  expectStatus(await f.owner.post(`${threads(f)}/${id}/replies`, { text: 'We hear you.' }), 201)
  const res = await f.owner.post(`${threads(f)}/${id}/hide`, { reason: 'Names a person.' })
  assert.is(res.status, 200)
  assert.equal(res.body, {
    id,
    questionId: f.textId,
    hidden: { reason: 'Names a person.' },
    posts: [{ position: 1, by: 'organizers', text: 'We hear you.' }],
  })
  const mine = await threadOf((await asMember(t, f, 2)).body.threads, f.written[2].secret)
  assert.equal(mine?.hidden, { reason: 'Names a person.' })
  assert.not.ok('text' in mine!)
  assert.equal(await query(t, "select count(*) as n from comments where text = 'comment 2'"), [
    { n: 0 },
  ])
  assertProblem(await f.owner.post(`${threads(f)}/${id}/replies`, { text: 'More' }), 409)
  // Where comments are plain strings, the reason stands in the hidden one's place.
  const listed = await f.owner.get(`/api/pulses/${f.pulse.id}/comments?questionId=${f.textId}`)
  assert.is(listed.body.comments.length, 10)
  assert.ok(listed.body.comments.includes('[hidden by the organizers: Names a person.]'))
  assert.not.ok(listed.body.comments.includes('comment 2'))
  // Hiding again replaces the reason.
  const again = await f.owner.post(`${threads(f)}/${id}/hide`, { reason: 'Off topic.' })
  assert.equal(again.body.hidden, { reason: 'Off topic.' })
})

test('a hidden reply shows its reason in its place; an unknown post is 404', async ({ t, f }) => {
  const id = await commentId(t, f, 4)
  expectStatus(
    await f.owner.post(`${threads(f)}/${id}/replies`, { text: 'Oops, wrong thread.' }),
    201,
  )
  const res = await f.owner.post(`${threads(f)}/${id}/hide`, {
    reason: 'Sent by mistake.',
    position: 1,
  })
  assert.is(res.status, 200)
  assert.equal(res.body.text, 'comment 4')
  assert.equal(res.body.posts, [
    { position: 1, by: 'organizers', hidden: { reason: 'Sent by mistake.' } },
  ])
  assertProblem(await f.owner.post(`${threads(f)}/${id}/hide`, { reason: 'x', position: 2 }), 404)
  const [post] = await query(t, 'select text, hidden_reason from thread_posts')
  assert.equal(post, { text: null, hidden_reason: 'Sent by mistake.' })
})

test.run()

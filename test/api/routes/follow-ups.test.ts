// POST /api/follow-ups (docs/api.md, "Threads"): a comment's author answers back with the reply
// secret their device kept and no credential; the follow-up waits, without a time, for the next
// batch release. Without the right secret nothing is accepted.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { releaseFollowUps } from '../../../api/threads/batch'
import { replySecret } from '../../../web/member/protocol'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, expectStatus, rows } from '../../helpers/fixtures'
import { Agent } from '../../helpers/http'
import { query } from '../../helpers/protocol'
import { threadFixture, threadOf, type ThreadFixture } from '../../helpers/threads'

const test = suite<{ t: TestApp; f: ThreadFixture }>('threads-http: follow-ups')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.f = await threadFixture(ctx.t)
})

const followUp = (t: TestApp, body: unknown, headers?: Record<string, string>) =>
  new Agent(t).post('/api/follow-ups', body, { headers })

/** The i-th respondent's thread as a member sees it. */
async function mine(t: TestApp, f: ThreadFixture, i: number) {
  const res = await new Agent(t).get(`/api/me/results/${f.pulse.id}/threads`, {
    bearer: f.members[0].memberKey,
  })
  return (await threadOf(expectStatus(res, 200).body.threads, f.written[i].secret))!
}

test('the author answers back with the secret alone: it waits, then the batch release shows it, redacted', async ({
  t,
  f,
}) => {
  const { secret } = f.written[6]
  const res = await followUp(t, { secret, text: ' Thanks. Write to owner@example.org please. ' })
  assert.is(res.status, 202)
  assert.equal(res.body, { waiting: true })
  // Waiting: not in the thread, and only the redacted text is stored, with no time or member.
  assert.equal((await mine(t, f, 6)).posts, [])
  assert.equal(await query(t, 'select text from pending_follow_ups'), [
    { text: 'Thanks. Write to [email] please.' },
  ])
  assert.is(await releaseFollowUps(t.deps), 1)
  assert.equal((await mine(t, f, 6)).posts, [
    { position: 1, by: 'author', text: 'Thanks. Write to [email] please.' },
  ])
  assert.is(await rows(t, 'pending_follow_ups'), 0)
})

test('a follow-up without the right secret is refused (403) and nothing is written', async ({
  t,
  f,
}) => {
  const text = 'I wrote that.'
  const hash = (await mine(t, f, 1)).replyHash
  assertProblem(await followUp(t, { secret: replySecret(), text }), 403)
  // The hash every member sees is not the secret.
  assertProblem(await followUp(t, { secret: hash, text }), 403)
  // A member's key, or an organizer's session, is no secret: they are ignored.
  assertProblem(
    await followUp(
      t,
      { secret: replySecret(), text },
      { authorization: `Bearer ${f.members[1].memberKey}` },
    ),
    403,
  )
  assertProblem(await f.owner.post('/api/follow-ups', { secret: replySecret(), text }), 403)
  assert.is(await rows(t, 'pending_follow_ups'), 0)
})

test('bad input is 422 naming the field, and nothing is written', async ({ t, f }) => {
  const { secret } = f.written[0]
  assertProblem(await followUp(t, { secret: 'short', text: 'Hi' }), 422, ['secret'])
  assertProblem(await followUp(t, { secret, text: '  ' }), 422, ['text'])
  assertProblem(await followUp(t, { secret, text: 'x'.repeat(2001) }), 422, ['text'])
  assertProblem(await followUp(t, { text: 'Hi' }), 422, ['secret'])
  assert.is(await rows(t, 'pending_follow_ups'), 0)
})

test('one follow-up per comment waits at a time (409); after the release the author may write again', async ({
  t,
  f,
}) => {
  const { secret } = f.written[2]
  expectStatus(await followUp(t, { secret, text: 'First.' }), 202)
  assertProblem(await followUp(t, { secret, text: 'Second.' }), 409)
  await releaseFollowUps(t.deps)
  expectStatus(
    await f.owner.post(`/api/pulses/${f.pulse.id}/threads/${(await mine(t, f, 2)).id}/replies`, {
      text: 'Noted.',
    }),
    201,
  )
  expectStatus(await followUp(t, { secret, text: 'Second.' }), 202)
  await releaseFollowUps(t.deps)
  assert.equal(
    (await mine(t, f, 2)).posts.map((p: any) => [p.position, p.by, p.text]),
    [
      [1, 'author', 'First.'],
      [2, 'organizers', 'Noted.'],
      [3, 'author', 'Second.'],
    ],
  )
})

test('a hidden comment takes no follow-up (409); one waiting when it was hidden is dropped', async ({
  t,
  f,
}) => {
  const { secret } = f.written[3]
  const id = (await mine(t, f, 3)).id
  expectStatus(await followUp(t, { secret, text: 'Waiting.' }), 202)
  expectStatus(
    await f.owner.post(`/api/pulses/${f.pulse.id}/threads/${id}/hide`, { reason: 'Rude.' }),
    200,
  )
  assert.is(await rows(t, 'pending_follow_ups'), 0)
  assertProblem(await followUp(t, { secret, text: 'Again.' }), 409)
  assert.is(await releaseFollowUps(t.deps), 0)
  assert.equal((await mine(t, f, 3)).posts, [])
})

test('follow-ups only on shared, released comments: unshared 409, below k_text 403', async ({
  t,
  f,
}) => {
  expectStatus(await f.owner.delete(`/api/pulses/${f.pulse.id}/share`), 200)
  assertProblem(await followUp(t, { secret: f.written[0].secret, text: 'Hello?' }), 409)
  const few = await threadFixture(t, { owner: f.owner, n: 6 })
  assertProblem(await followUp(t, { secret: few.written[0].secret, text: 'Hello?' }), 403)
  assert.is(await rows(t, 'pending_follow_ups'), 0)
})

test.run()

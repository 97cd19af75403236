// The daily batch release of follow-ups (api/threads/batch.ts), run by the scheduler: once per UTC
// day, everything waiting goes into its thread at once, and nothing waiting is left behind.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runScheduler } from '../../../api/pulses/scheduler'
import { releaseFollowUps } from '../../../api/threads/batch'
import { testApp, type TestApp } from '../../helpers/app'
import { expectStatus, rows } from '../../helpers/fixtures'
import { Agent } from '../../helpers/http'
import { query } from '../../helpers/protocol'
import { threadFixture, threadOf, type ThreadFixture } from '../../helpers/threads'

const test = suite<{ t: TestApp; f: ThreadFixture }>('threads: the daily batch release')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.f = await threadFixture(ctx.t)
})

const HOUR = 3600 * 1000
const followUp = async (t: TestApp, secret: string, text: string) =>
  expectStatus(await new Agent(t).post('/api/follow-ups', { secret, text }), 202)

/** Each respondent's thread posts as `[by, text]`, in the respondents' order. */
async function postsOf(t: TestApp, f: ThreadFixture) {
  const res = await new Agent(t).get(`/api/me/results/${f.pulse.id}/threads`, {
    bearer: f.members[0].memberKey,
  })
  const shown = expectStatus(res, 200).body.threads
  return Promise.all(
    f.written.map(async (w) =>
      (await threadOf(shown, w.secret))!.posts.map((p: any) => [p.position, p.by, p.text]),
    ),
  )
}

test('the first tick records its day only; the first tick of the next UTC day releases all that waits, once', async ({
  t,
  f,
}) => {
  // T0 is 09:00 UTC.
  await runScheduler(t.deps)
  assert.equal(await query(t, 'select id, day from follow_up_batches'), [
    { id: 'daily', day: '2026-03-02' },
  ])
  await followUp(t, f.written[0].secret, 'First answer.')
  await followUp(t, f.written[1].secret, 'Second answer.')
  t.clock.now += 14 * HOUR // 23:00, the same day
  await runScheduler(t.deps)
  assert.is(await rows(t, 'pending_follow_ups'), 2, 'nothing moves within the day')
  t.clock.now += 2 * HOUR // 01:00 the next day
  await runScheduler(t.deps)
  assert.is(await rows(t, 'pending_follow_ups'), 0)
  const posts = await postsOf(t, f)
  assert.equal(posts[0], [[1, 'author', 'First answer.']])
  assert.equal(posts[1], [[1, 'author', 'Second answer.']])
  assert.equal(await query(t, 'select day from follow_up_batches'), [{ day: '2026-03-03' }])
  // A follow-up sent after that day's release waits for the next day's.
  await followUp(t, f.written[2].secret, 'Third answer.')
  t.clock.now += 20 * HOUR
  await runScheduler(t.deps)
  assert.is(await rows(t, 'pending_follow_ups'), 1)
  t.clock.now += 4 * HOUR
  await runScheduler(t.deps)
  assert.equal((await postsOf(t, f))[2], [[1, 'author', 'Third answer.']])
})

test('a release puts each follow-up after its thread’s posts and deletes exactly the rows it moved', async ({
  t,
  f,
}) => {
  const threads = `/api/pulses/${f.pulse.id}/threads`
  const ids = (await query(t, 'select id from comments order by id')).map((r) => String(r.id))
  for (const id of ids)
    expectStatus(await f.owner.post(`${threads}/${id}/replies`, { text: 'Why?' }), 201)
  for (const [i, w] of f.written.entries()) await followUp(t, w.secret, `Because ${i}.`)
  assert.is(await releaseFollowUps(t.deps), 10)
  const posts = await postsOf(t, f)
  for (const [i, p] of posts.entries())
    assert.equal(p, [
      [1, 'organizers', 'Why?'],
      [2, 'author', `Because ${i}.`],
    ])
  assert.is(await rows(t, 'pending_follow_ups'), 0)
  assert.is(await releaseFollowUps(t.deps), 0, 'nothing is released twice')
  assert.is(await rows(t, 'thread_posts'), 20)
})

test.run()

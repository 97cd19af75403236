// "Nothing that orders follow-ups or ties one to a member", at the level of the database files
// (DESIGN.md 7), as anyone holding a copy of them would look: after a batch release, each
// follow-up's text is in the files exactly once (in its thread), nothing of the waiting rows is
// left in the main file, its free pages or the WAL, and an original with an address never reached
// the disk. The same for a comment an organizer hid.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { databaseFiles, openDatabase } from '../../../api/runtime/node-db'
import { releaseFollowUps } from '../../../api/threads/batch'
import { testApp, type TestApp } from '../../helpers/app'
import { expectStatus } from '../../helpers/fixtures'
import { Agent } from '../../helpers/http'
import { query } from '../../helpers/protocol'
import { threadFixture, threadOf } from '../../helpers/threads'

const test = suite<{ dir: string; file: string; t: TestApp }>(
  'threads: nothing left behind in the files',
)
test.before.each(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'trustpulse-threads-'))
  ctx.file = join(ctx.dir, 'threads.db')
  const url = `file:${ctx.file}`
  const db = await openDatabase(url)
  ctx.t = await testApp({ db, files: databaseFiles(db, url) })
})
test.after.each(async (ctx) => {
  await ctx.t.deps.files?.close()
  rmSync(ctx.dir, { recursive: true, force: true })
})

const marker = Math.random().toString(36).slice(2, 10)
const unique = (what: string, i: number) => `zq${marker}-${what}-${String(i).padStart(2, '0')}`

/** How often `needle` occurs in the main file and in the WAL, as UTF-8 bytes. */
function occurrences(file: string, needle: string): { main: number[]; wal: number } {
  const bytes = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0))
  const find = (hay: Buffer) => {
    const at: number[] = []
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) at.push(i)
    return at
  }
  return { main: find(bytes(file)), wal: find(bytes(file + '-wal')).length }
}

test('after a batch release each follow-up is on disk once, in its thread; the waiting rows and the originals are gone', async ({
  t,
  file,
}) => {
  assert.equal(await query(t, 'pragma secure_delete'), [{ secure_delete: 1 }])
  const f = await threadFixture(t, { n: 12 })
  const texts = f.written.map(
    (_, i) => `${unique('follow-up', i)} ask ${unique('mail', i)}@example.org`,
  )
  for (const [i, w] of f.written.entries())
    expectStatus(
      await new Agent(t).post('/api/follow-ups', { secret: w.secret, text: texts[i] }),
      202,
    )
  await t.deps.files!.checkpoint()
  // While they wait, the scan sees them (redacted: the address never reaches the disk).
  const waiting = texts.map((_, i) => occurrences(file, unique('follow-up', i)))
  assert.ok(
    waiting.every((o) => o.main.length >= 1),
    'waiting follow-ups are on disk',
  )
  assert.ok(texts.every((_, i) => occurrences(file, unique('mail', i)).main.length === 0))

  assert.is(await releaseFollowUps(t.deps), 12)
  assert.equal(await query(t, 'select count(*) as n from pending_follow_ups'), [{ n: 0 }])
  assert.is(readFileSync(file + '-wal').length, 0, 'the WAL is truncated')
  const after = texts.map((_, i) => occurrences(file, unique('follow-up', i)))
  assert.equal(
    after.map((o) => [o.main.length, o.wal]),
    texts.map(() => [1, 0]),
    'each follow-up once: its thread post, nothing of the waiting row',
  )
  assert.ok(texts.every((_, i) => occurrences(file, unique('mail', i)).main.length === 0))
  // Where the posts lie in the file is the release's random order, not the order they arrived
  // in (the chance that a shuffle of twelve keeps it is 1 in 12!, about 2·10⁻⁹).
  const placed = after.map((o, i) => [o.main[0], i]).sort((a, b) => a[0] - b[0])
  assert.not.equal(
    placed.map(([, i]) => i),
    texts.map((_, i) => i),
  )
  // And what they say is shown.
  const shown = (
    await new Agent(t).get(`/api/me/results/${f.pulse.id}/threads`, {
      bearer: f.members[0].memberKey,
    })
  ).body.threads
  const first = await threadOf(shown, f.written[0].secret)
  assert.equal(first?.posts, [
    { position: 1, by: 'author', text: `${unique('follow-up', 0)} ask [email]` },
  ])
})

test('a hidden comment and a hidden reply leave no trace of their text in the files', async ({
  t,
  file,
}) => {
  const f = await threadFixture(t, {
    texts: Array.from({ length: 10 }, (_, i) => unique('comment', i)),
  })
  const [comment] = await query(t, 'select id from comments where text = ?', [unique('comment', 4)])
  const threads = `/api/pulses/${f.pulse.id}/threads/${comment.id}`
  expectStatus(await f.owner.post(`${threads}/replies`, { text: unique('reply', 0) }), 201)
  await t.deps.files!.checkpoint()
  assert.is(occurrences(file, unique('comment', 4)).main.length, 1)
  assert.is(occurrences(file, unique('reply', 0)).main.length, 1)
  expectStatus(
    await f.owner.post(`${threads}/hide`, { reason: 'Names a person.', position: 1 }),
    200,
  )
  expectStatus(await f.owner.post(`${threads}/hide`, { reason: 'Names a person.' }), 200)
  assert.equal(occurrences(file, unique('comment', 4)), { main: [], wal: 0 })
  assert.equal(occurrences(file, unique('reply', 0)), { main: [], wal: 0 })
  assert.is(occurrences(file, unique('comment', 5)).main.length, 1, 'the scan sees the others')
})

test.run()

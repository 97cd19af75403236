// Where a community's transparency log is stored and how it grows (api/log/store.ts): entries
// are a chain from seq 1, written in one batch with the change they record (or not at all),
// concurrent appends never fork it, pending member counts are sealed before anything else, and a
// read pages through it up to its head.
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { countChanges } from '../../../api/log/members'
import { LOG_PAGE, readLog, withLog, type Statement } from '../../../api/log/store'
import { checkChain, type LogData } from '../../../api/privacy/log-chain'
import { testApp, type TestApp } from '../../helpers/app'
import { communityWith, DAY } from '../../helpers/fixtures'
import { setupOwner } from '../../helpers/http'
import { query } from '../../helpers/protocol'

const test = suite<{ t: TestApp; cid: string }>('transparency log: storage')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.cid = (await communityWith(await setupOwner(ctx.t))).id
})

const settings = (minGroupSize: number): LogData => ({
  kind: 'settings',
  data: {
    minGroupSize,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
    epsilon: 1,
    attributes: [],
  },
})

const append = (t: TestApp, cid: string, entry: LogData, change: Statement[] = []) =>
  withLog(t.deps, cid, { event: { entry } }, (log) => [...change, ...log])

const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `m${i}`, attributes: {} }))

test('entries are a chain from seq 1 that checkChain accepts, and the head is the last', async ({
  t,
  cid,
}) => {
  for (const k of [5, 6, 7]) await append(t, cid, settings(k))
  const log = await readLog(t.deps, cid, 0)
  assert.equal(
    log.entries.map((e) => [e.seq, e.kind, (e.data as { minGroupSize: number }).minGroupSize]),
    [
      [1, 'settings', 5],
      [2, 'settings', 6],
      [3, 'settings', 7],
    ],
  )
  assert.is(log.entries[0].prev, '')
  assert.equal(log.head, { seq: 3, hash: log.entries[2].hash })
  assert.equal(await checkChain(log.entries, null), { ok: true, head: log.head })
  assert.is(log.entries[0].day, '2026-03-02')
  assert.not.ok('next' in log)
})

test('an entry is written in one batch with its change: a change that fails writes no entry', async ({
  t,
  cid,
}) => {
  const failing = t.deps.db.run(sql`insert into communities (id) values (null)`)
  try {
    await append(t, cid, settings(5), [failing])
    assert.unreachable('the change failed')
  } catch (error) {
    assert.instance(error, Error)
  }
  assert.equal((await readLog(t.deps, cid, 0)).entries, [])
})

test('an entry whose `when` does not hold is not written, and takes no place in the chain', async ({
  t,
  cid,
}) => {
  await withLog(t.deps, cid, { event: { entry: settings(5), when: sql`0` } }, (log) => log)
  await append(t, cid, settings(6))
  const log = await readLog(t.deps, cid, 0)
  assert.equal(
    log.entries.map((e) => e.seq),
    [1],
  )
  assert.ok((await checkChain(log.entries, null)).ok)
})

test('concurrent appends never fork the chain: each is retried on the new head until it has its place', async ({
  t,
  cid,
}) => {
  await Promise.all(Array.from({ length: 30 }, (_, i) => append(t, cid, settings(3 + i))))
  const rows = await query(t, 'select seq, prev, hash from community_log order by seq, hash')
  assert.equal(
    rows.map((r) => Number(r.seq)),
    Array.from({ length: 30 }, (_, i) => i + 1),
    'one entry at each place, none lost',
  )
  const log = await readLog(t.deps, cid, 0)
  assert.equal(await checkChain(log.entries, null), { ok: true, head: log.head })
  const written = log.entries.map((e) => (e.data as { minGroupSize: number }).minGroupSize)
  assert.equal(
    written.sort((a, b) => a - b),
    Array.from({ length: 30 }, (_, i) => 3 + i),
  )
})

test('counts of a past day are sealed into members entries before the next entry; today’s wait', async ({
  t,
  cid,
}) => {
  const count = async (kind: 'added' | 'joined', n: number) => {
    const statements = await countChanges(t.deps, cid, kind, members(n))
    await t.deps.db.batch(statements as [Statement])
  }
  await count('added', 3)
  await count('joined', 2)
  t.clock.now += DAY
  await count('added', 1)
  await append(t, cid, settings(6))
  const log = await readLog(t.deps, cid, 0)
  assert.equal(
    log.entries.map(({ seq, day, kind, data }) => ({ seq, day, kind, data })),
    [
      {
        seq: 1,
        day: '2026-03-02',
        kind: 'members',
        data: { cohort: {}, added: 3, joined: 2, reinvited: 0, removed: 0 },
      },
      { seq: 2, day: '2026-03-03', ...settings(6) },
    ],
  )
  const pending = await query(t, 'select day, added from community_log_pending')
  assert.equal(pending, [{ day: '2026-03-03', added: 1 }])
  // A read seals what is over too, and nothing twice.
  t.clock.now += DAY
  const read = await readLog(t.deps, cid, 2)
  assert.equal(
    read.entries.map((e) => [e.seq, e.day, e.kind, e.data]),
    [[3, '2026-03-03', 'members', { cohort: {}, added: 1, joined: 0, reinvited: 0, removed: 0 }]],
  )
  assert.equal(await query(t, 'select * from community_log_pending'), [])
  assert.ok((await checkChain(read.entries, log.head)).ok)
})

test('sealToday seals today’s counts too, so the entry follows every change before it', async ({
  t,
  cid,
}) => {
  await t.deps.db.batch((await countChanges(t.deps, cid, 'removed', members(2))) as [Statement])
  await withLog(t.deps, cid, { sealToday: true, event: { entry: settings(4) } }, (log) => log)
  const log = await readLog(t.deps, cid, 0)
  assert.equal(
    log.entries.map((e) => [e.seq, e.kind]),
    [
      [1, 'members'],
      [2, 'settings'],
    ],
  )
  assert.is((log.entries[0].data as { removed: number }).removed, 2)
})

test('a change counted while a seal is being written stays pending: only what was sealed is taken', async ({
  t,
  cid,
}) => {
  await t.deps.db.batch((await countChanges(t.deps, cid, 'added', members(2))) as [Statement])
  const meanwhile = await countChanges(t.deps, cid, 'added', members(5))
  await withLog(t.deps, cid, { sealToday: true, event: { entry: settings(4) } }, (log) => [
    ...meanwhile,
    ...log,
  ])
  const log = await readLog(t.deps, cid, 0)
  assert.is((log.entries[0].data as { added: number }).added, 2)
  assert.equal(await query(t, 'select added from community_log_pending'), [{ added: 5 }])
})

test('a read serves at most 500 entries after `after`, ascending, with `next` while more follow', async ({
  t,
  cid,
}) => {
  const rows = Array.from({ length: LOG_PAGE + 20 }, (_, i) => settings(3 + i))
  for (const entry of rows) await append(t, cid, entry)
  const first = await readLog(t.deps, cid, 0)
  assert.is(first.entries.length, LOG_PAGE)
  assert.is(first.next, LOG_PAGE)
  assert.equal(first.head?.seq, LOG_PAGE + 20)
  const second = await readLog(t.deps, cid, first.next!)
  assert.equal(
    second.entries.map((e) => e.seq),
    Array.from({ length: 20 }, (_, i) => LOG_PAGE + 1 + i),
  )
  assert.not.ok('next' in second)
  assert.equal(await checkChain([...first.entries, ...second.entries], null), {
    ok: true,
    head: second.head,
  })
  assert.equal((await readLog(t.deps, cid, LOG_PAGE + 20)).entries, [])
})

test.run()

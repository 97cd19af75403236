// How the transparency log counts member changes (api/log/members.ts): per day and per cohort
// label of the community's previous pulse, each member under the deepest label they match, and
// only where the change it counts happens.
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { countChanges, labelOf, previousLabels } from '../../../api/log/members'
import { withLog, type Statement } from '../../../api/log/store'
import type { PulseOpened } from '../../../api/privacy/log-chain'
import { testApp, type TestApp } from '../../helpers/app'
import { communityWith } from '../../helpers/fixtures'
import { setupOwner } from '../../helpers/http'
import { query } from '../../helpers/protocol'

const test = suite<{ t: TestApp; cid: string }>('transparency log: member counts')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.cid = (await communityWith(await setupOwner(ctx.t))).id
})

const opened = (pulseId: string, labels: Record<string, string>[]): PulseOpened => ({
  pulseId,
  fingerprint: 'AAAA AAAA AAAA AAAA',
  minGroupSize: 3,
  minCommentGroupSize: 5,
  privacyMode: 'threshold',
  epsilon: 1,
  cohorts: labels.map((cohort) => ({ cohort, eligible: 3, joined: 3 })),
})

const logOpened = (t: TestApp, cid: string, data: PulseOpened) =>
  withLog(t.deps, cid, { event: { entry: { kind: 'pulse-opened', data } } }, (log) => log)

const pending = (t: TestApp) =>
  query(t, 'select cohort, added, removed from community_log_pending order by cohort')

test('the deepest label a member matches, else the label of everyone', () => {
  const labels: Record<string, string>[] = [
    {},
    { team: 'a' },
    { team: 'a', site: 'x' },
    { team: 'b' },
  ]
  assert.equal(labelOf(labels, { team: 'a', site: 'x' }), { team: 'a', site: 'x' })
  assert.equal(labelOf(labels, { team: 'a', site: 'y' }), { team: 'a' })
  assert.equal(labelOf(labels, { site: 'x' }), {})
  assert.equal(labelOf([{ team: 'a' }], { team: 'c' }), {})
  assert.equal(labelOf([], { team: 'a' }), {})
})

test('before any pulse every change counts under {}; after one, under the labels of the last', async ({
  t,
  cid,
}) => {
  const people = [
    { id: 'm1', attributes: { team: 'a' } },
    { id: 'm2', attributes: { team: 'a' } },
    { id: 'm3', attributes: { team: 'b' } },
  ]
  await t.deps.db.batch((await countChanges(t.deps, cid, 'added', people)) as [Statement])
  assert.equal(await pending(t), [{ cohort: '{}', added: 3, removed: 0 }])
  await logOpened(t, cid, opened('p1', [{ team: 'b' }, {}]))
  await logOpened(t, cid, opened('p2', [{ team: 'a' }, {}]))
  assert.equal(await previousLabels(t.deps.db, cid), [{ team: 'a' }, {}])
  await t.deps.db.batch((await countChanges(t.deps, cid, 'removed', people)) as [Statement])
  // The pulse opening sealed nothing here (no sealToday): the first counts are still pending.
  assert.equal(await pending(t), [
    { cohort: '{"team":"a"}', added: 0, removed: 2 },
    { cohort: '{}', added: 3, removed: 1 },
  ])
})

test('a guarded count counts only the members whose guard holds when it runs', async ({
  t,
  cid,
}) => {
  const people = ['m1', 'm2', 'm3'].map((id) => ({ id, attributes: {} }))
  const statements = await countChanges(
    t.deps,
    cid,
    'added',
    people,
    (id) => sql`${id} in ('m1', 'm3')`,
  )
  await t.deps.db.batch(statements as [Statement])
  assert.equal(await pending(t), [{ cohort: '{}', added: 2, removed: 0 }])
  const none = await countChanges(t.deps, cid, 'added', people, () => sql`0`)
  await t.deps.db.batch(none as [Statement])
  assert.equal(await pending(t), [{ cohort: '{}', added: 2, removed: 0 }])
  assert.equal(await countChanges(t.deps, cid, 'added', []), [])
})

test.run()

// A database written by the older gate (union audit, per-cohort histograms kept forever) comes out
// of the upgrade at start with only views of the current gate (DESIGN.md 5): every closed pulse
// released again from what the old close stored, then those per-cohort counts deleted.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { upgradeDatabase } from '../../../api/db/upgrade'
import { testApp, type TestApp } from '../../helpers/app'
import type { QuestionSpec } from '../../helpers/protocol'
import { query } from '../../helpers/protocol'
import {
  answerAll,
  close,
  pulseRows,
  reportOf,
  reportPulse,
  withAttribute,
  type Values,
} from '../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: upgrade from the older gate')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const questions: QuestionSpec[] = [
  { kind: 'likert5', prompt: 'I can speak up here.' },
  { kind: 'text', prompt: 'Anything else?' },
]

/**
 * A closed pulse put back into the state an older close left: teams a (6 answered), b (2), c (5);
 * the old view released b on its own (what the union audit allowed), per-cohort histograms and
 * respondent counts kept, no gate version. Comments: 13 respondents ≥ k_text 10, kept.
 */
async function olderRelease(t: TestApp, privacyMode: 'threshold' | 'noise' = 'threshold') {
  const members = [
    ...withAttribute(6, 'team', 'a'),
    ...withAttribute(5, 'team', 'b'),
    ...withAttribute(5, 'team', 'c'),
  ]
  const {
    owner,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, {
    attributes: ['team'],
    members,
    questions,
    minCommentGroupSize: 10,
    privacyMode,
    epsilon: 1,
  })
  const of = (team: string) => joined.filter((m) => m.attributes.team === team)
  const row = (v: number): Values => [v, `said ${v}`]
  await answerAll(t, pulse.id, survey, of('a'), [5, 5, 4, 4, 3, 5].map(row))
  await answerAll(t, pulse.id, survey, of('b'), [1, 2].map(row))
  await answerAll(t, pulse.id, survey, of('c'), [3, 3, 4, 2, 4].map(row))
  await close(owner, pulse.id)
  const keys = await query(t, 'select id, cohort from pulse_keys where pulse_id = ?', [pulse.id])
  const keyOf = (team: string) =>
    keys.find((k) => JSON.parse(String(k.cohort)).team === team)!.id as string
  const likert = survey.questions[0].id
  const histograms: [string, number, Record<string, number>][] = [
    [keyOf('a'), 6, { '3': 1, '4': 2, '5': 3 }],
    [keyOf('b'), 2, { '1': 1, '2': 1 }],
    [keyOf('c'), 5, { '2': 1, '3': 2, '4': 2 }],
  ]
  for (const [keyId, n, counts] of histograms) {
    await query(
      t,
      'insert into cohort_histograms (pulse_id, key_id, question_id, n, counts) values (?, ?, ?, ?, ?)',
      [pulse.id, keyId, likert, n, JSON.stringify(counts)],
    )
    await query(t, 'update pulse_keys set respondents = ? where id = ?', [n, keyId])
  }
  const oldGroup = (cohort: object, respondents: number) => ({
    cohort,
    suppressed: false,
    respondents,
    questions: [],
    dimensions: [],
  })
  await query(t, 'delete from released_views where pulse_id = ?', [pulse.id])
  await query(t, 'insert into released_views (pulse_id, cut, groups) values (?, ?, ?), (?, ?, ?)', [
    pulse.id,
    '',
    JSON.stringify([oldGroup({}, 13)]),
    pulse.id,
    'team',
    JSON.stringify([
      oldGroup({ team: 'a' }, 6),
      oldGroup({ team: 'b' }, 2),
      oldGroup({ team: 'c' }, 5),
    ]),
  ])
  await query(
    t,
    'update pulses set gate_version = null, responded = 13, comments_released = 0 where id = ?',
    [pulse.id],
  )
  return { owner, survey, pulse, keyOf }
}

const perCohortRows = async (t: TestApp, pulseId: string) =>
  (await pulseRows(t, 'cohort_histograms', pulseId)) +
  Number(
    (
      await query(
        t,
        'select count(*) as n from pulse_keys where pulse_id = ? and respondents is not null',
        [pulseId],
      )
    )[0].n,
  )

test('re-releases a pulse of the older gate from its stored histograms, then deletes them', async ({
  t,
}) => {
  const { owner, survey, pulse, keyOf } = await olderRelease(t)
  assert.is(await perCohortRows(t, pulse.id), 6)
  await upgradeDatabase(t.deps)
  assert.is(await perCohortRows(t, pulse.id), 0)
  const [row] = await query(
    t,
    'select gate_version, responded, comments_released from pulses where id = ?',
    [pulse.id],
  )
  assert.equal(
    [Number(row.gate_version), Number(row.responded), Number(row.comments_released)],
    [2, 13, 1],
  )
  const byTeam = await reportOf(owner, pulse.id, 'team')
  // b (2) is merged now; every joined count is 5 or 6, so its partner is c (5) and {b, c} keeps no team.
  assert.equal(
    byTeam.groups.map((g: any) => [g.cohort, g.keyIds, g.respondents]),
    [
      [{ team: 'a' }, [keyOf('a')], 6],
      [{}, [keyOf('b'), keyOf('c')].sort(), 7],
    ],
  )
  assert.equal(byTeam.groups[1].questions[0].distribution, {
    '1': 1,
    '2': 2,
    '3': 2,
    '4': 2,
    '5': 0,
  })
  const comments = await owner.get(
    `/api/pulses/${pulse.id}/comments?questionId=${survey.questions[1].id}`,
  )
  assert.is(comments.body.released, true)
  // Idempotent: a second start changes nothing.
  await upgradeDatabase(t.deps)
  assert.equal(await reportOf(owner, pulse.id, 'team'), byTeam)
})

test('a noise-mode pulse gets fresh noise once, and keeps it at every later start', async ({
  t,
}) => {
  const { owner, pulse } = await olderRelease(t, 'noise')
  await upgradeDatabase(t.deps)
  const once = await reportOf(owner, pulse.id)
  await upgradeDatabase(t.deps)
  assert.equal(await reportOf(owner, pulse.id), once)
  assert.is(await perCohortRows(t, pulse.id), 0)
  const views = await query(t, 'select groups from released_views where pulse_id = ?', [pulse.id])
  for (const v of views)
    for (const g of JSON.parse(String(v.groups)))
      if (!g.suppressed) assert.ok(Array.isArray(g.keyIds), 'a view of the current gate')
})

test('a pulse open during the upgrade keeps its cohorts; without joined, the partner rule reads eligible', async ({
  t,
}) => {
  const members = [
    ...withAttribute(6, 'team', 'a'),
    ...withAttribute(5, 'team', 'b'),
    ...withAttribute(7, 'team', 'c'),
  ]
  const {
    owner,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, { attributes: ['team'], members, questions })
  await query(t, 'update pulses set joined = null where id = ?', [pulse.id])
  await query(t, 'update pulse_keys set joined = null where pulse_id = ?', [pulse.id])
  await upgradeDatabase(t.deps)
  const keysBefore = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body
  assert.ok(keysBefore.every((k: any) => k.joined === null))
  assert.is((await owner.get(`/api/pulses/${pulse.id}`)).body.joined, null)
  const of = (team: string) => joined.filter((m) => m.attributes.team === team)
  await answerAll(
    t,
    pulse.id,
    survey,
    of('a'),
    [5, 4, 3, 5, 4, 4].map((v) => [v, undefined]),
  )
  await answerAll(
    t,
    pulse.id,
    survey,
    of('b'),
    [1].map((v) => [v, undefined]),
  )
  await answerAll(
    t,
    pulse.id,
    survey,
    of('c'),
    [3, 3, 4, 4, 2].map((v) => [v, undefined]),
  )
  await close(owner, pulse.id)
  const id = (team: string) => keysBefore.find((k: any) => k.cohort.team === team).keyId
  // b (1) merges with the sibling of fewest eligible: a (6) before c (7).
  const byTeam = await reportOf(owner, pulse.id, 'team')
  assert.equal(
    byTeam.groups.map((g: any) => [g.cohort, g.keyIds]),
    [
      [{ team: 'c' }, [id('c')]],
      [{}, [id('a'), id('b')].sort()],
    ],
  )
})

test.run()

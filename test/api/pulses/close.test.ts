// Closing a pulse (DESIGN.md 5 and 7): the released views are stored once, the raw rows and the
// private keys go, comments stay only when they may ever be shown; races and an interrupted
// close end in the same single release; a closed pulse takes nothing more.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { closePulse } from '../../../api/pulses/lifecycle'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, DAY, expectStatus } from '../../helpers/fixtures'
import { obtainToken, query, requestToken, rowCounts, submitWith } from '../../helpers/protocol'
import {
  answerAll,
  answersOf,
  close,
  entry,
  near,
  openNext,
  pulseRows,
  reportOf,
  reportPulse,
  withAttribute,
  type Values,
} from '../../helpers/reports'
import { prepareToken } from '../../../web/member/token-client'

const test = suite<{ t: TestApp }>('reports-http: close')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const row = (i: number): Values => [
  1 + (i % 5),
  i % 11,
  i % 2 === 0,
  'Tue',
  ['chat', 'mail'],
  1 + (i % 3),
  `comment ${i}`,
]
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i))
const twoTeams = [...withAttribute(5, 'team', 'a'), ...withAttribute(5, 'team', 'b')]

/**
 * What a close stores for a pulse: released views and comments. `perCohort` counts what must never
 * stay after close: per-cohort histograms and per-cohort respondent counts (DESIGN.md 5 and 7).
 */
async function stored(t: TestApp, pulseId: string) {
  const counted = await query(
    t,
    'select count(*) as n from pulse_keys where pulse_id = ? and respondents is not null',
    [pulseId],
  )
  return {
    views: await pulseRows(t, 'released_views', pulseId),
    perCohort: (await pulseRows(t, 'cohort_histograms', pulseId)) + Number(counted[0].n),
    comments: await pulseRows(t, 'comments', pulseId),
  }
}

const noRawRows = { responses: 0, answers: 0, spent_tokens: 0, token_issuances: 0 }
const raw = async (t: TestApp) => {
  const { comments: _, ...counts } = await rowCounts(t)
  return counts
}
const privateKeys = async (t: TestApp, pulseId: string) =>
  Number(
    (
      await query(
        t,
        'select count(*) as n from pulse_keys where pulse_id = ? and private_key is not null',
        [pulseId],
      )
    )[0].n,
  )

test('close stores views, deletes raw rows, private keys and per-cohort counts, keeps comments at k_text', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await reportPulse(t, {
    attributes: ['team'],
    members: twoTeams,
    minCommentGroupSize: 10,
  })
  await answerAll(t, pulse.id, survey, members, rows(10))
  assert.equal(await rowCounts(t), {
    responses: 10,
    answers: 60,
    comments: 10,
    spent_tokens: 10,
    token_issuances: 10,
  })
  assert.is(await privateKeys(t, pulse.id), 2)
  assert.equal(await stored(t, pulse.id), { views: 0, perCohort: 0, comments: 10 })

  const closed = await close(owner, pulse.id)
  assert.is(closed.status, 'closed')
  assert.is(closed.responded, 10)
  assert.equal(await raw(t), noRawRows)
  assert.is(await privateKeys(t, pulse.id), 0)
  // One view per cut ('' and team); nothing per cohort.
  assert.equal(await stored(t, pulse.id), { views: 2, perCohort: 0, comments: 10 })
  const cuts = await query(t, 'select cut from released_views where pulse_id = ? order by cut', [
    pulse.id,
  ])
  assert.equal(
    cuts.map((r) => r.cut),
    ['', 'team'],
  )
  // Comments are redacted copies under new ids; their text is what members wrote.
  const texts = (await query(t, 'select text from comments where pulse_id = ?', [pulse.id]))
    .map((r) => r.text)
    .sort()
  assert.equal(
    texts,
    rows(10)
      .map((r) => r[6])
      .sort(),
  )

  const report = await reportOf(owner, pulse.id, 'team')
  assert.equal(
    report.groups.map((g: any) => [g.cohort, g.respondents]),
    [
      [{ team: 'a' }, 5],
      [{ team: 'b' }, 5],
    ],
  )
})

test('comments are deleted at close when respondents stay below minCommentGroupSize', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await reportPulse(t, {
    members: 10,
    minCommentGroupSize: 10,
  })
  await answerAll(t, pulse.id, survey, members, rows(9))
  assert.is((await rowCounts(t)).comments, 9)
  await close(owner, pulse.id)
  assert.equal(await stored(t, pulse.id), { views: 1, perCohort: 0, comments: 0 })
  assert.equal(await rowCounts(t), { ...noRawRows, comments: 0 })
  // The scores are still released (9 ≥ k).
  assert.is((await reportOf(owner, pulse.id)).groups[0].respondents, 9)
})

test('closing twice, and two closes at once, store the views exactly once', async ({ t }) => {
  const { owner, survey, pulse, members } = await reportPulse(t, {
    attributes: ['team'],
    members: twoTeams,
  })
  await answerAll(t, pulse.id, survey, members, rows(10))
  const [first, second] = await Promise.all([
    owner.post(`/api/pulses/${pulse.id}/close`),
    owner.post(`/api/pulses/${pulse.id}/close`),
  ])
  assert.is(first.status, 200)
  assert.is(second.status, 200)
  assert.equal(first.body, second.body)
  const once = await stored(t, pulse.id)
  assert.equal(once, { views: 2, perCohort: 0, comments: 10 })
  const report = await reportOf(owner, pulse.id, 'team')
  // A third close answers the same pulse and changes nothing.
  assert.equal(await close(owner, pulse.id), first.body)
  assert.equal(await stored(t, pulse.id), once)
  assert.equal(await reportOf(owner, pulse.id, 'team'), report)
  assert.equal((await reportOf(owner, pulse.id)).groups[0].respondents, 10)
})

test('closePulse racing the scheduler (noise mode): one release, identical numbers on every read', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await reportPulse(t, {
    members: 10,
    privacyMode: 'noise',
    epsilon: 1,
  })
  await answerAll(t, pulse.id, survey, members, rows(10))
  t.clock.now += 8 * DAY
  const [closedHere, tick] = await Promise.all([closePulse(t.deps, pulse.id), runScheduler(t.deps)])
  // Exactly one of them changed the status.
  assert.is(Number(closedHere) + tick.closed, 1)
  assert.equal(await stored(t, pulse.id), { views: 1, perCohort: 0, comments: 10 })
  const report = await reportOf(owner, pulse.id)
  await runScheduler(t.deps)
  await close(owner, pulse.id)
  assert.equal(await reportOf(owner, pulse.id), report)
  assert.equal(await stored(t, pulse.id), { views: 1, perCohort: 0, comments: 10 })
})

/** A close that stopped after its status change: the raw answers are still there. */
async function interrupted(t: TestApp) {
  const opened = await reportPulse(t, { attributes: ['team'], members: twoTeams })
  await answerAll(t, opened.pulse.id, opened.survey, opened.members, rows(10))
  await query(t, "update pulses set status = 'closed', released = 0 where id = ?", [
    opened.pulse.id,
  ])
  assert.is((await rowCounts(t)).responses, 10)
  return opened
}

test('an interrupted close is completed by the first report read, exactly once', async ({ t }) => {
  const { owner, pulse } = await interrupted(t)
  const reads = await Promise.all([reportOf(owner, pulse.id), reportOf(owner, pulse.id)])
  assert.equal(reads[0], reads[1])
  const [report] = reads
  assert.is(report.released, true)
  assert.equal(report.participation, { eligible: 10, responded: 10, rate: 1 })
  assert.is(report.groups[0].respondents, 10)
  assert.equal(await raw(t), noRawRows)
  assert.equal(await stored(t, pulse.id), { views: 2, perCohort: 0, comments: 10 })
  await runScheduler(t.deps)
  assert.equal(await stored(t, pulse.id), { views: 2, perCohort: 0, comments: 10 })
  assert.equal(await reportOf(owner, pulse.id), report)
})

test('an interrupted close is completed by the scheduler, exactly once', async ({ t }) => {
  const { owner, pulse } = await interrupted(t)
  const ticks = await Promise.all([runScheduler(t.deps), runScheduler(t.deps)])
  assert.equal(
    ticks.map((tick) => tick.closed),
    [0, 0],
  )
  assert.equal(await raw(t), noRawRows)
  assert.equal(await stored(t, pulse.id), { views: 2, perCohort: 0, comments: 10 })
  const report = await reportOf(owner, pulse.id, 'team')
  assert.equal(
    report.groups.map((g: any) => g.respondents),
    [5, 5],
  )
  assert.equal(
    (await query(t, 'select responded from pulses where id = ?', [pulse.id]))[0].responded,
    10,
  )
})

/** An interrupted close of a first pulse, then a second pulse (all answering 5) closed normally. */
async function interruptedThenNext(t: TestApp) {
  const { owner, survey, pulse, members } = await interrupted(t)
  t.clock.now += 8 * DAY
  const next = await openNext(owner, survey.id)
  await answerAll(
    t,
    next.id,
    survey,
    members,
    rows(10).map((r) => [5, ...r.slice(1)]),
  )
  await close(owner, next.id)
  return { owner, survey, pulse, next }
}

test('a trend read completes an interrupted close of an earlier pulse and lists it', async ({
  t,
}) => {
  const { owner, survey, pulse, next } = await interruptedThenNext(t)
  const trend = expectStatus(await owner.get(`/api/surveys/${survey.id}/trend`), 200).body
  assert.equal(
    trend.pulses.map((p: any) => p.id),
    [pulse.id, next.id],
  )
  assert.equal(
    trend.groups[0].series.map((p: any) => p.respondents),
    [10, 10],
  )
  assert.equal(await raw(t), noRawRows)
  assert.equal(await stored(t, pulse.id), { views: 2, perCohort: 0, comments: 10 })
})

test('the report of a later pulse compares with an interrupted earlier one, finished first', async ({
  t,
}) => {
  const { owner, survey, pulse, next } = await interruptedThenNext(t)
  const [group] = (await reportOf(owner, next.id)).groups
  // likert 1..5 twice (mean 3) before, all 5 now.
  near(entry(group, survey, 0).change.mean.delta, 5 - 3)
  assert.equal(await stored(t, pulse.id), { views: 2, perCohort: 0, comments: 10 })
})

test('a closed pulse takes no response (410) and issues no token (410)', async ({ t }) => {
  const { owner, survey, pulse, members } = await reportPulse(t, { members: 6 })
  await answerAll(t, pulse.id, survey, members.slice(0, 5), rows(5))
  const late = await obtainToken(t, pulse.id, members[5].memberKey!)
  await close(owner, pulse.id)
  const before = await stored(t, pulse.id)
  assertProblem(await submitWith(t, pulse.id, late, answersOf(survey, row(5))), 410)
  const { blindedMsg } = await prepareToken(late.publicKey)
  assertProblem(await requestToken(t, pulse.id, members[0].memberKey!, blindedMsg), 410)
  assertProblem(
    await requestToken(t, pulse.id, members[5].memberKey!, late.prepared.blindedMsg),
    410,
  )
  assert.equal(await rowCounts(t), { ...noRawRows, comments: 5 })
  assert.equal(await stored(t, pulse.id), before)
  assert.is((await reportOf(owner, pulse.id)).participation.responded, 5)
})

test.run()

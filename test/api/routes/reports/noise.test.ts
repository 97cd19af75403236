// Noise mode (DESIGN.md 4 and 6): the noise is sampled once at close and stored, every number
// derives from the noisy histograms, thresholds read the noisy counts, and ε is frozen per pulse.
// The noise is real (crypto randomness), so the checks hold for every draw.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import { expectStatus } from '../../../helpers/fixtures'
import {
  answerAll,
  close,
  near,
  openNext,
  reportOf,
  reportPulse,
  withAttribute,
  type Values,
} from '../../../helpers/reports'
import type { QuestionSpec } from '../../../helpers/protocol'

const test = suite<{ t: TestApp }>('reports-http: noise')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const questions: QuestionSpec[] = [
  { kind: 'likert5', prompt: 'I can speak up here.', dimension: 'voice' },
  { kind: 'scale10', prompt: 'Would you recommend this group?' },
  { kind: 'yesno', prompt: 'Will you stay?' },
  { kind: 'multi', prompt: 'Which channels?', options: ['chat', 'mail', 'calls'] },
]
const row = (i: number): Values => [
  1 + (i % 5),
  (3 * i) % 11,
  i % 3 !== 0,
  i % 2 ? ['chat'] : ['mail', 'calls'],
]
const members = [...withAttribute(10, 'team', 'a'), ...withAttribute(10, 'team', 'b')]

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0

/**
 * Checks one released group: integer counts ≥ 0, every shown question with a noisy n ≥ k, n and
 * every statistic derived from the distribution; a question below k shows nothing.
 */
function checkGroup(group: any, survey: any, k: number) {
  assert.ok(isCount(group.respondents), `respondents ${group.respondents}`)
  assert.ok(
    group.respondents >= k,
    `a group is shown only with ≥ k noisy respondents, got ${group.respondents}`,
  )
  for (const [i, q] of survey.questions.entries()) {
    const e = group.questions.find((x: any) => x.questionId === q.id)
    if (e.suppressed) {
      assert.equal(e, { questionId: q.id, suppressed: true })
      continue
    }
    assert.ok(e.n >= k, `a question is shown only with ≥ k noisy answers, got ${e.n}`)
    for (const count of Object.values(e.distribution)) assert.ok(isCount(count), `count ${count}`)
    assert.ok(isCount(e.n))
    const total = Object.values(e.distribution as Record<string, number>).reduce((a, b) => a + b, 0)
    if (q.kind !== 'multi')
      assert.is(e.n, total, `n of question ${i} is the sum of its distribution`)
    if ((q.kind === 'likert5' || q.kind === 'scale10') && e.n > 0) {
      const sum = Object.entries(e.distribution as Record<string, number>).reduce(
        (s, [v, c]) => s + Number(v) * c,
        0,
      )
      near(e.mean, sum / e.n, `mean of question ${i}`)
      if (e.n > 1) assert.ok(e.ci95[0] <= e.mean && e.mean <= e.ci95[1])
    }
    if (q.kind === 'likert5' && e.n > 0)
      near(e.favorable, (e.distribution['4'] + e.distribution['5']) / e.n)
    if (q.kind === 'yesno' && e.n > 0) near(e.yes, e.distribution.true / e.n)
    if (e.n === 0) assert.is(e.mean, undefined)
  }
}

test('noise is stored at close: identical reads, integer counts, n and mean from the noisy histogram', async ({
  t,
}) => {
  const {
    owner,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, {
    attributes: ['team'],
    members,
    privacyMode: 'noise',
    epsilon: 1,
    questions,
  })
  assert.is(pulse.privacyMode, 'noise')
  assert.is(pulse.epsilon, 1)
  const rows = Array.from({ length: 20 }, (_, i) => row(i))
  await answerAll(t, pulse.id, survey, joined, rows)
  await close(owner, pulse.id)

  const overall = await reportOf(owner, pulse.id)
  const byTeam = await reportOf(owner, pulse.id, 'team')
  // Never resampled: every read, and every later close call, returns the same numbers.
  for (let i = 0; i < 3; i++) {
    assert.equal(await reportOf(owner, pulse.id), overall)
    assert.equal(await reportOf(owner, pulse.id, 'team'), byTeam)
  }
  await close(owner, pulse.id)
  assert.equal(await reportOf(owner, pulse.id), overall)
  // Participation is the overall group's noisy count, or null where that group is suppressed.
  const [everyone] = overall.groups
  const responded = everyone.suppressed ? null : everyone.respondents
  assert.equal(overall.participation, {
    eligible: 20,
    responded,
    rate: responded === null ? null : responded / 20,
  })
  assert.is(overall.pulse.responded, responded)

  const released = [...overall.groups, ...byTeam.groups].filter((g: any) => !g.suppressed)
  for (const group of released) checkGroup(group, survey, 5)
  for (const group of [...overall.groups, ...byTeam.groups].filter((g: any) => g.suppressed)) {
    assert.equal(Object.keys(group).sort(), ['cohort', 'suppressed'])
  }
  // The overall group's exact likert5 histogram is 4 of each value; with 5 noisy bins (and 11 of
  // scale10), all draws being 0 has a probability far below 10⁻⁹.
  const [all] = overall.groups
  if (!all.suppressed && !all.questions[0].suppressed && !all.questions[1].suppressed) {
    const exact = { likert: { 1: 4, 2: 4, 3: 4, 4: 4, 5: 4 } }
    const noisyLikert = all.questions[0].distribution
    const scale = all.questions[1].distribution
    const exactScale: Record<string, number> = {}
    for (const r of rows) exactScale[String(r[1])] = (exactScale[String(r[1])] ?? 0) + 1
    const unchanged =
      JSON.stringify(noisyLikert) === JSON.stringify(exact.likert) &&
      Object.entries(scale).every(([v, c]) => (exactScale[v] ?? 0) === c)
    assert.not.ok(unchanged, 'the released histograms carry noise')
  }
})

test('the pulse copies ε at open: a later PATCH of the community changes only pulses opened later', async ({
  t,
}) => {
  const {
    owner,
    community,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, { members: 5, privacyMode: 'noise', epsilon: 1, questions })
  const patched = expectStatus(
    await owner.patch(`/api/communities/${community.id}`, { epsilon: 2, privacyMode: 'threshold' }),
    200,
  )
  assert.is(patched.body.epsilon, 2)
  const now = expectStatus(await owner.get(`/api/pulses/${pulse.id}`), 200).body
  assert.is(now.epsilon, 1)
  assert.is(now.privacyMode, 'noise')
  await answerAll(t, pulse.id, survey, joined, [row(0), row(1), row(2), row(3), row(4)])
  const closed = await close(owner, pulse.id)
  assert.is(closed.epsilon, 1)
  assert.is(closed.privacyMode, 'noise')
  const report = await reportOf(owner, pulse.id)
  assert.is(report.pulse.epsilon, 1)
  assert.is(report.pulse.privacyMode, 'noise')
  for (const group of report.groups.filter((g: any) => !g.suppressed)) checkGroup(group, survey, 5)

  const later = await openNext(owner, survey.id)
  assert.is(later.epsilon, 2)
  assert.is(later.privacyMode, 'threshold')
})

test('thresholds read the noisy respondents: over many groups, none is shown below k', async ({
  t,
}) => {
  // Ten cohorts of 5, each answered by exactly 5: about half of the noisy counts fall below k.
  const spec = Array.from({ length: 10 }, (_, i) => withAttribute(5, 'team', `t${i}`)).flat()
  const {
    owner,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, {
    attributes: ['team'],
    members: spec,
    privacyMode: 'noise',
    epsilon: 1,
    questions: questions.slice(0, 1),
  })
  await answerAll(
    t,
    pulse.id,
    survey,
    joined,
    joined.map((_, i) => [1 + (i % 5)]),
  )
  await close(owner, pulse.id)
  const report = await reportOf(owner, pulse.id, 'team')
  assert.is(report.groups.length, 10)
  for (const group of report.groups.filter((g: any) => !g.suppressed)) checkGroup(group, survey, 5)
})

test.run()

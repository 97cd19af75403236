// GET /api/pulses/:pid/report through the API with members answering through the real client:
// every number checked against values computed by hand (API.md, "Reports"; DESIGN.md 4–5).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import { assertProblem, outsider, teammate } from '../../../helpers/fixtures'
import { Agent } from '../../../helpers/http'
import {
  answerAll,
  close,
  entry,
  near,
  reportOf,
  reportPulse,
  withAttribute,
  type Values,
} from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: report')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

// likert5 (voice), scale10, yesno, choice, multi, optional likert5 (voice), text
const sixRows: Values[] = [
  [5, 10, true, 'Mon', ['chat'], 4, 'fine'],
  [4, 9, true, 'Mon', ['chat', 'mail'], 5, undefined],
  [4, 9, true, 'Tue', ['mail'], 3, 'good'],
  [3, 7, false, 'Mon', ['chat', 'calls'], 4, undefined],
  [2, 6, true, 'Tue', ['chat'], 2, undefined],
  [5, 0, false, 'Mon', ['mail', 'chat'], undefined, undefined],
]

const ci = (mean: number, variance: number, n: number) => [
  mean - (1.96 * Math.sqrt(variance)) / Math.sqrt(n),
  mean + (1.96 * Math.sqrt(variance)) / Math.sqrt(n),
]
const keys = (o: object) => Object.keys(o).sort()

test('a closed pulse: participation, one group {} and every number by hand', async ({ t }) => {
  const { owner, survey, pulse, members } = await reportPulse(t, { members: 6 })
  await answerAll(t, pulse.id, survey, members, sixRows)
  await close(owner, pulse.id)
  const report = await reportOf(owner, pulse.id)
  assert.equal(keys(report), ['groups', 'participation', 'pulse', 'released'])
  assert.is(report.pulse.id, pulse.id)
  assert.is(report.pulse.status, 'closed')
  assert.is(report.pulse.responded, 6)
  assert.equal(report.participation, { eligible: 6, responded: 6, rate: 1 })
  assert.is(report.released, true)
  assert.is(report.groups.length, 1)
  const [group] = report.groups
  assert.equal(keys(group), [
    'cohort',
    'dimensions',
    'keyIds',
    'questions',
    'respondents',
    'suppressed',
  ])
  assert.equal(group.cohort, {})
  const keyList = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body
  assert.equal(
    group.keyIds,
    keyList.map((k: any) => k.keyId),
  )
  assert.is(group.suppressed, false)
  assert.is(group.respondents, 6)
  // Every non-text question, in survey order, none with a change (no earlier pulse).
  assert.equal(
    group.questions.map((q: any) => q.questionId),
    survey.questions.slice(0, 6).map((q: any) => q.id),
  )

  // likert5 5,4,4,3,2,5: sum 23, Σx² 95, SS = 95 − 23²/6 = 41/6, variance 41/30.
  const likert = entry(group, survey, 0)
  assert.equal(keys(likert), [
    'ci95',
    'distribution',
    'favorable',
    'mean',
    'n',
    'neutral',
    'questionId',
    'suppressed',
    'unfavorable',
  ])
  assert.is(likert.suppressed, false)
  assert.is(likert.n, 6)
  assert.equal(likert.distribution, { 1: 0, 2: 1, 3: 1, 4: 2, 5: 2 })
  near(likert.mean, 23 / 6, 'likert mean')
  const [lo, hi] = ci(23 / 6, 41 / 30, 6)
  near(likert.ci95[0], lo, 'likert ci lo')
  near(likert.ci95[1], hi, 'likert ci hi')
  near(likert.favorable, 4 / 6)
  near(likert.neutral, 1 / 6)
  near(likert.unfavorable, 1 / 6)

  // scale10 10,9,9,7,6,0: sum 41, Σx² 347, SS = 401/6; promoters 3, detractors 2.
  const scale = entry(group, survey, 1)
  assert.equal(keys(scale), [
    'ci95',
    'distribution',
    'mean',
    'n',
    'nps',
    'questionId',
    'suppressed',
  ])
  assert.is(scale.n, 6)
  assert.equal(scale.distribution, {
    0: 1,
    1: 0,
    2: 0,
    3: 0,
    4: 0,
    5: 0,
    6: 1,
    7: 1,
    8: 0,
    9: 2,
    10: 1,
  })
  near(scale.mean, 41 / 6, 'scale mean')
  const [slo, shi] = ci(41 / 6, 401 / 30, 6)
  near(scale.ci95[0], slo)
  near(scale.ci95[1], shi)
  near(scale.nps, 100 / 6, 'nps')

  const yes = entry(group, survey, 2)
  assert.equal(keys(yes), ['distribution', 'n', 'questionId', 'suppressed', 'yes'])
  assert.equal(yes.distribution, { true: 4, false: 2 })
  assert.is(yes.n, 6)
  near(yes.yes, 4 / 6)

  const choice = entry(group, survey, 3)
  assert.equal(choice, {
    questionId: survey.questions[3].id,
    suppressed: false,
    n: 6,
    distribution: { Mon: 4, Tue: 2, Wed: 0 },
  })
  // multi: n counts people, the distribution counts mentions.
  const multi = entry(group, survey, 4)
  assert.equal(multi, {
    questionId: survey.questions[4].id,
    suppressed: false,
    n: 6,
    distribution: { chat: 5, mail: 3, calls: 1 },
  })

  // Optional likert5 answered by 5 (≥ k): 4,5,3,4,2 — sum 18, Σx² 70, SS = 26/5, variance 13/10.
  const optional = entry(group, survey, 5)
  assert.is(optional.suppressed, false)
  assert.is(optional.n, 5)
  assert.equal(optional.distribution, { 1: 0, 2: 1, 3: 1, 4: 2, 5: 1 })
  near(optional.mean, 18 / 5)
  const [olo, ohi] = ci(18 / 5, 13 / 10, 5)
  near(optional.ci95[0], olo)
  near(optional.ci95[1], ohi)
  near(optional.favorable, 3 / 5)
  near(optional.neutral, 1 / 5)
  near(optional.unfavorable, 1 / 5)

  // voice pools all 11 answers of both likert5 questions: (23 + 18) / 11, favorable (4 + 3) / 11.
  assert.is(group.dimensions.length, 1)
  assert.is(group.dimensions[0].dimension, 'voice')
  near(group.dimensions[0].mean, 41 / 11, 'voice mean')
  near(group.dimensions[0].favorable, 7 / 11, 'voice favorable')
  assert.equal(keys(group.dimensions[0]), ['dimension', 'favorable', 'mean'])
})

test('while open: released false, no groups, responded rounded down to a multiple of k', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await reportPulse(t, { members: 6 })
  const empty = await reportOf(owner, pulse.id)
  assert.equal(empty.participation, { eligible: 6, responded: 0, rate: 0 })
  await answerAll(t, pulse.id, survey, members, sixRows)
  const report = await reportOf(owner, pulse.id)
  assert.is(report.released, false)
  assert.equal(report.groups, [])
  assert.is(report.pulse.status, 'open')
  assert.is(report.pulse.responded, 5)
  assert.equal(report.participation, { eligible: 6, responded: 5, rate: 5 / 6 })
  const cut = await owner.get(`/api/pulses/${pulse.id}/report?by=team`)
  assertProblem(cut, 422, ['by'])
})

test('by=X: 422 for an attribute the pulse lacks; a pool too small to split leaves one cohort {}', async ({
  t,
}) => {
  // a: 6, b: 5, 4 without a team: the pool of 4 is below k, so the root is not split at all.
  const members = [
    ...withAttribute(6, 'team', 'a'),
    ...withAttribute(5, 'team', 'b'),
    {},
    {},
    {},
    {},
  ]
  const { owner, pulse } = await reportPulse(t, { attributes: ['team'], members })
  const keyList = await owner.get(`/api/pulses/${pulse.id}/keys`)
  assert.equal(
    keyList.body.map((k: any) => [k.cohort, k.eligible]),
    [[{}, 15]],
  )
  assertProblem(await owner.get(`/api/pulses/${pulse.id}/report?by=role`), 422, ['by'])
  await close(owner, pulse.id)
  assertProblem(await owner.get(`/api/pulses/${pulse.id}/report?by=role`), 422, ['by'])
  // No respondents: the one group of each cut is empty, and looks suppressed; so does `responded`.
  const report = await reportOf(owner, pulse.id, 'team')
  assert.equal(report.participation, { eligible: 15, responded: null, rate: null })
  assert.is(report.pulse.responded, null)
  assert.equal(report.groups, [{ cohort: {}, suppressed: true }])
  assert.equal((await reportOf(owner, pulse.id)).groups, [{ cohort: {}, suppressed: true }])
})

const row = (likert: number, optional?: number): Values => [
  likert,
  8,
  true,
  'Wed',
  ['calls'],
  optional,
  undefined,
]

test('by=team: small teams merge into {}, never shown apart; empty looks suppressed; an optional question suppressed alone', async ({
  t,
}) => {
  // Imported out of order; everyone joins. Joined per team differ (a 9, b 8, c 6, d 5, f 10, the
  // pool of e's 3 and 4 without a team 7), so every merge below is the same whatever the key ids.
  const members = [
    ...withAttribute(5, 'team', 'd'),
    ...withAttribute(3, 'team', 'e'),
    {},
    {},
    {},
    {},
    ...withAttribute(6, 'team', 'c'),
    ...withAttribute(10, 'team', 'f'),
    ...withAttribute(9, 'team', 'a'),
    ...withAttribute(8, 'team', 'b'),
  ]
  const {
    owner,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, { attributes: ['team'], members })
  const keyList = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body
  const cohorts = keyList
    .map((k: any) => `${k.cohort.team ?? '{}'}:${k.eligible}:${k.joined}`)
    .sort()
  assert.equal(cohorts, ['a:9:9', 'b:8:8', 'c:6:6', 'd:5:5', 'f:10:10', '{}:7:7'])
  const keyOf = (team?: string) => keyList.find((k: any) => k.cohort.team === team).keyId
  const of = (team: string) => joined.filter((m) => m.attributes.team === team)
  // a: 6, each with the optional; b: 5, the optional by 3; c: 3; d: 2; f and the pool: nobody.
  await answerAll(t, pulse.id, survey, of('a'), [
    row(5, 5),
    row(4, 4),
    row(4, 5),
    row(5, 4),
    row(3, 4),
    row(5, 5),
  ])
  await answerAll(t, pulse.id, survey, of('b'), [row(4, 2), row(4, 1), row(5, 2), row(3), row(2)])
  await answerAll(t, pulse.id, survey, of('c'), [row(1, 1), row(1, 1), row(2, 2)])
  await answerAll(t, pulse.id, survey, of('d'), [row(3, 3), row(3)])
  await close(owner, pulse.id)

  const report = await reportOf(owner, pulse.id, 'team')
  assert.equal(report.participation, { eligible: 45, responded: 16, rate: 16 / 45 })
  // c (3) and d (2) are below k: merged with each other (the sibling with the fewest joined), the
  // cell keeps no team, so they count in {} with the pool and never show as c or d.
  assert.equal(
    report.groups.map((g: any) => g.cohort),
    [{ team: 'a' }, { team: 'b' }, { team: 'f' }, {}],
  )
  const [a, b, f, rest] = report.groups
  assert.equal(f, { cohort: { team: 'f' }, suppressed: true })
  assert.equal(rest.keyIds, [keyOf('c'), keyOf('d'), keyOf(undefined)].sort())
  assert.is(rest.respondents, 5)
  assert.equal(entry(rest, survey, 0).distribution, { 1: 2, 2: 1, 3: 2, 4: 0, 5: 0 })

  assert.is(a.suppressed, false)
  assert.equal(a.keyIds, [keyOf('a')])
  assert.is(a.respondents, 6)
  assert.is(entry(a, survey, 5).n, 6)
  near(a.dimensions[0].mean, (26 + 27) / 12, 'a voice')
  // b stays released, but its optional question (3 answers) is merged with others' and so
  // suppressed in b and in {}, and left out of their dimensions.
  assert.is(b.suppressed, false)
  assert.is(b.respondents, 5)
  assert.equal(entry(b, survey, 5), { questionId: survey.questions[5].id, suppressed: true })
  assert.equal(entry(rest, survey, 5), { questionId: survey.questions[5].id, suppressed: true })
  assert.is(b.questions.length, 6)
  const likert = entry(b, survey, 0)
  assert.equal(likert.distribution, { 1: 0, 2: 1, 3: 1, 4: 2, 5: 1 })
  near(likert.mean, 18 / 5)
  assert.equal(b.dimensions, [
    { dimension: 'voice', mean: likert.mean, favorable: likert.favorable },
  ])

  // Everyone together: 16 respondents; the optional question answered by 6 + 3 + 3 + 1 = 13.
  const [all] = (await reportOf(owner, pulse.id)).groups
  assert.is(all.respondents, 16)
  assert.is(entry(all, survey, 0).n, 16)
  assert.is(entry(all, survey, 5).n, 13)
})

test('an optional question answered by fewer than k is suppressed while its group is released', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await reportPulse(t, { members: 6 })
  await answerAll(t, pulse.id, survey, members, [
    row(5, 5),
    row(4, 4),
    row(4),
    row(5),
    row(3, 1),
    row(5, 2),
  ])
  await close(owner, pulse.id)
  const [group] = (await reportOf(owner, pulse.id)).groups
  assert.is(group.suppressed, false)
  assert.is(group.respondents, 6)
  assert.equal(entry(group, survey, 5), { questionId: survey.questions[5].id, suppressed: true })
  // The dimension holds only the released likert5: 5,4,4,5,3,5.
  assert.equal(group.dimensions, [{ dimension: 'voice', mean: 26 / 6, favorable: 5 / 6 }])
})

test('a viewer reads reports; no session is 401; another community is 404', async ({ t }) => {
  const { owner, community, survey, pulse, members } = await reportPulse(t, { members: 5 })
  await answerAll(t, pulse.id, survey, members, [row(5), row(4), row(3), row(2), row(1)])
  await close(owner, pulse.id)
  const viewer = await teammate(owner, community.id, 'viewer')
  const seen = await viewer.get(`/api/pulses/${pulse.id}/report`)
  assert.is(seen.status, 200)
  assert.equal(seen.body, await reportOf(owner, pulse.id))
  assert.is((await viewer.get(`/api/surveys/${survey.id}/trend`)).status, 200)
  assertProblem(await new Agent(t).get(`/api/pulses/${pulse.id}/report`), 401)
  const stranger = await outsider(owner)
  assertProblem(await stranger.get(`/api/pulses/${pulse.id}/report`), 404)
  assertProblem(await stranger.get(`/api/pulses/${pulse.id}/report?by=team`), 404)
})

test.run()

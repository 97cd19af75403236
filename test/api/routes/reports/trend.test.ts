// GET /api/surveys/:sid/trend and trend.csv over pulses of one survey closed one after another,
// and the `change` flags of a report against the previous closed pulse (API.md "Reports",
// docs/api.md "Reports").
import Papa from 'papaparse'
import { trendCsv } from '../../../../api/reports/trend'
import { runScheduler } from '../../../../api/pulses/scheduler'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import { assertProblem, DAY, expectStatus, inDays } from '../../../helpers/fixtures'
import type { Agent } from '../../../helpers/http'
import { joinMember, type QuestionSpec } from '../../../helpers/protocol'
import {
  answerAll,
  close,
  entry,
  importInto,
  near,
  openNext,
  reportOf,
  reportPulse,
  type Values,
} from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: trend')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const questions: QuestionSpec[] = [
  { kind: 'likert5', prompt: 'I can speak up here.', dimension: 'voice' },
  { kind: 'scale10', prompt: 'Would you recommend this group?' },
  { kind: 'yesno', prompt: 'Will you stay?' },
  { kind: 'text', prompt: 'Anything else?' },
]
const rowsOf = (likert: number[], scale: number[], yes: number): Values[] =>
  likert.map((l, i) => [l, scale[i], i < yes, undefined])
// likert mean 1.7, favorable 0; scale mean 3.8, nps −100; yes 0.2.
const first = rowsOf([1, 2, 2, 1, 3, 2, 1, 2, 2, 1], [0, 3, 5, 6, 2, 6, 4, 1, 6, 5], 2)
// likert mean 4.3, favorable 0.9; scale mean 9.1, nps 80; yes 0.9.
const second = rowsOf([4, 5, 5, 4, 4, 5, 3, 4, 5, 4], [9, 10, 9, 10, 9, 8, 7, 9, 10, 10], 9)
// likert mean 4.2, favorable 0.9; scale mean 8.7, nps 60; yes 0.9.
const third = rowsOf([4, 5, 4, 4, 4, 5, 3, 4, 5, 4], [9, 10, 9, 10, 9, 8, 7, 9, 10, 6], 9)

/**
 * Three pulses of one survey. P1 (no attributes) closes early on day 1 (its closesAt becomes the
 * time it closed). Then the community gains the attribute team (a: 5, b: 5 who answer, c: 5 who do
 * not). On day 9 P2 is created, scheduled to open on day 11; on day 10 P3 opens until day 11,
 * where P2's window begins (two open or scheduled pulses of a survey never overlap, API.md). P3
 * closes on day 11 and the scheduler opens P2, which closes early on day 12: in closesAt order P1,
 * P3, P2, though P2 was created before P3.
 */
async function threePulses(t: TestApp) {
  const {
    owner,
    community,
    survey,
    pulse: opened,
    members,
  } = await reportPulse(t, { members: 10, questions })
  await answerAll(t, opened.id, survey, members, first)
  t.clock.now += DAY
  const p1 = await close(owner, opened.id)
  assertProblem(await owner.get(`/api/surveys/${survey.id}/trend?by=team`), 422, ['by'])
  assertProblem(await owner.get(`/api/surveys/${survey.id}/trend.csv?by=team`), 422, ['by'])

  expectStatus(await owner.patch(`/api/communities/${community.id}`, { attributes: ['team'] }), 200)
  const teams = members.map((m, i) => ({ email: m.email, attributes: { team: i < 5 ? 'a' : 'b' } }))
  const imported = await importInto(owner, community.id, [
    ...teams,
    ...Array.from({ length: 5 }, () => ({ attributes: { team: 'c' } })),
  ])
  // Team c joins (cohorts count joined members) but never answers.
  for (const m of imported.filter((m) => m.attributes.team === 'c')) await joinMember(t, m)
  t.clock.now += 8 * DAY
  const opened2 = expectStatus(
    await owner.post(`/api/surveys/${survey.id}/pulses`, {
      opensAt: inDays(t, 2),
      closesAt: inDays(t, 20),
    }),
    201,
  ).body
  assert.is(opened2.status, 'scheduled')
  t.clock.now += DAY
  const opened3 = await openNext(owner, survey.id, 1)
  await answerAll(t, opened3.id, survey, members, second)
  t.clock.now += DAY
  const p3 = await close(owner, opened3.id)
  await runScheduler(t.deps)
  assert.is(expectStatus(await owner.get(`/api/pulses/${opened2.id}`), 200).body.status, 'open')
  await answerAll(t, opened2.id, survey, members, third)
  t.clock.now += DAY
  const p2 = await close(owner, opened2.id)
  return { owner, survey, p1, p2, p3 }
}

/** A report group as a trend point: without cohort, and without the report's `change` flags. */
const pointOf = (pulseId: string, group: any) => {
  if (group.suppressed) return { pulseId, suppressed: true }
  const { cohort: _, ...numbers } = group
  return { pulseId, ...numbers, questions: numbers.questions.map(({ change: __, ...q }: any) => q) }
}

test('trend: closed pulses in closesAt order, one point per pulse in each series; by=X', async ({
  t,
}) => {
  const { owner, survey, p1, p2, p3 } = await threePulses(t)
  const trend = expectStatus(await owner.get(`/api/surveys/${survey.id}/trend`), 200).body
  assert.equal(
    trend.pulses,
    [p1, p3, p2].map((p) => ({ id: p.id, closesAt: p.closesAt })),
  )
  assert.equal(
    trend.pulses.map((p: any) => p.closesAt),
    ['2026-03-03T09:00:00.000Z', '2026-03-13T09:00:00.000Z', '2026-03-14T09:00:00.000Z'],
  )
  assert.is(trend.groups.length, 1)
  const [everyone] = trend.groups
  assert.equal(everyone.cohort, {})
  assert.is(everyone.suppressed, false)
  const reports = [
    await reportOf(owner, p1.id),
    await reportOf(owner, p3.id),
    await reportOf(owner, p2.id),
  ]
  assert.equal(
    everyone.series,
    reports.map((r) => pointOf(r.pulse.id, r.groups[0])),
  )
  assert.equal(
    everyone.series.map((s: any) => s.respondents),
    [10, 10, 10],
  )

  // by=team: P1 has no such cut, so its points are suppressed; c never answered.
  const byTeam = expectStatus(await owner.get(`/api/surveys/${survey.id}/trend?by=team`), 200).body
  assert.equal(byTeam.pulses, trend.pulses)
  assert.equal(
    byTeam.groups.map((g: any) => [g.cohort, g.suppressed]),
    [
      [{ team: 'a' }, false],
      [{ team: 'b' }, false],
      [{ team: 'c' }, true],
    ],
  )
  const teamReports = [await reportOf(owner, p3.id, 'team'), await reportOf(owner, p2.id, 'team')]
  for (const [i, group] of byTeam.groups.entries()) {
    assert.is(group.series.length, 3)
    assert.equal(group.series[0], { pulseId: p1.id, suppressed: true })
    assert.equal(
      group.series.slice(1),
      teamReports.map((r) => pointOf(r.pulse.id, r.groups[i])),
    )
  }
  assert.equal(
    byTeam.groups[2].series.map((s: any) => Object.keys(s).sort()),
    [0, 1, 2].map(() => ['pulseId', 'suppressed']),
  )
  assertProblem(await owner.get(`/api/surveys/${survey.id}/trend?by=role`), 422, ['by'])
})

test('change flags: deltas against the previous closed pulse, significant only beyond the error', async ({
  t,
}) => {
  const { owner, survey, p1, p2, p3 } = await threePulses(t)
  const [g1] = (await reportOf(owner, p1.id)).groups
  assert.ok(
    g1.questions.every((q: any) => !('change' in q)),
    'the first pulse has nothing to compare with',
  )

  // P3 against P1: the community gained an attribute in between, so everyone counts cohorts with
  // other labels ({} then; a, b and c now) and nothing is compared (DESIGN.md 5).
  const [g3] = (await reportOf(owner, p3.id)).groups
  assert.ok(
    g3.questions.every((q: any) => !('change' in q)),
    'groups over other cohorts are not compared',
  )

  // P2 against P3: the previous by closesAt, though P2 was created before P3.
  const [g2] = (await reportOf(owner, p2.id)).groups
  const l2 = entry(g2, survey, 0).change
  near(l2.mean.delta, -0.1)
  assert.is(l2.mean.significant, false) // 1.96 · √(4.1/90 + 0.4/10) ≈ 0.57
  assert.equal(l2.favorable, { delta: 0, significant: false })
  near(entry(g2, survey, 1).change.nps.delta, -20)
  assert.is(entry(g2, survey, 1).change.nps.significant, false)
  assert.equal(entry(g2, survey, 2).change, { yes: { delta: 0, significant: false } })
  // by=team compares the same team; P3 is the first pulse with that cut.
  const [a3] = (await reportOf(owner, p3.id, 'team')).groups
  assert.ok(a3.questions.every((q: any) => !('change' in q)))
  const [a2] = (await reportOf(owner, p2.id, 'team')).groups
  near(entry(a2, survey, 0).change.mean.delta, 21 / 5 - 22 / 5)
})

const header =
  'cohort,pulse_id,closes_at,question_id,respondents,n,mean,favorable,nps,yes,question,dimension'
const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data
const num = (x: number | undefined) => (x === undefined ? '' : String(x))
/** API.md: a text cell starting with = + - @ or a tab gets a leading ' (ids are base64url: '-' happens). */
const textCell = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)

/** The CSV rows the JSON trend implies: group × pulse × non-text question. */
function expectedRows(
  trend: any,
  questions: { id: string; prompt: string; dimension?: string }[],
  label: (cohort: Record<string, string>) => string,
) {
  return trend.groups.flatMap((g: any) =>
    g.series.flatMap((point: any, i: number) =>
      questions.map(({ id: qid, prompt, dimension }) => {
        const q = point.suppressed
          ? undefined
          : point.questions.find((x: any) => x.questionId === qid)
        const s = q && !q.suppressed ? q : {}
        return [label(g.cohort), trend.pulses[i].id, trend.pulses[i].closesAt, qid]
          .map(textCell)
          .concat([
            num(point.respondents),
            num(s.n),
            num(s.mean),
            num(s.favorable),
            num(s.nps),
            num(s.yes),
          ])
          .concat([textCell(prompt), textCell(dimension ?? '')])
      }),
    ),
  )
}

async function csvOf(owner: Agent, surveyId: string, by?: string) {
  const res = expectStatus(
    await owner.get(
      `/api/surveys/${surveyId}/trend.csv${by ? `?by=${encodeURIComponent(by)}` : ''}`,
    ),
    200,
  )
  assert.match(res.headers.get('content-type')!, /^text\/csv/)
  assert.match(res.headers.get('content-disposition')!, /^attachment/)
  assert.ok(
    res.text.startsWith(header + '\r\n') || res.text.startsWith(header + '\n'),
    'exact header',
  )
  return { text: res.text, rows: parse(res.text) }
}

test('trend.csv: the exact header, one row per group × pulse × question, the JSON numbers', async ({
  t,
}) => {
  const { owner, survey } = await threePulses(t)
  const scored = survey.questions.slice(0, 3)
  for (const by of [undefined, 'team']) {
    const trend = expectStatus(
      await owner.get(`/api/surveys/${survey.id}/trend${by ? `?by=${by}` : ''}`),
      200,
    ).body
    const { rows } = await csvOf(owner, survey.id, by)
    assert.equal(rows[0], header.split(','))
    // `attribute=value`; a cut's {} group is `attribute=`; everyone is `all`.
    const label = (c: Record<string, string>) =>
      Object.keys(c).length
        ? Object.entries(c)
            .map(([k, v]) => `${k}=${v}`)
            .join(';')
        : by
          ? `${by}=`
          : 'all'
    const expected = expectedRows(trend, scored, label)
    assert.is(rows.length - 1, trend.groups.length * 3 * 3)
    for (const [i, cells] of rows.slice(1).entries()) {
      assert.equal(cells, expected[i], `row ${i + 2}`)
      for (const cell of cells.slice(4, 10))
        if (cell !== '') assert.ok(Number.isFinite(Number(cell)), `a number: ${cell}`)
    }
    assert.equal(
      rows.slice(1, 4).map((r) => [r[10], r[11]]),
      [
        ['I can speak up here.', 'voice'],
        ['Would you recommend this group?', ''],
        ['Will you stay?', ''],
      ],
    )
  }
  const { rows } = await csvOf(owner, survey.id, 'team')
  // c is suppressed everywhere, and P1 has no team cut: those rows hold no numbers at all.
  assert.ok(
    rows.filter((r) => r[0] === 'team=c').every((r) => r.slice(4, 10).every((x) => x === '')),
  )
  assert.is(rows.filter((r) => r[0] === 'team=a' && r[4] === '5').length, 6)
})

test("trend.csv: cells a spreadsheet would run are prefixed with '; negative numbers stay numbers", async ({
  t,
}) => {
  const attributes = ['team', '=dept', '+site', '@role', '-level']
  const values = {
    team: '=HYPERLINK("x")',
    '=dept': '+1',
    '+site': '@SUM(A1)',
    '@role': '-2',
    '-level': 'low, "quoted"',
  }
  const members = Array.from({ length: 5 }, () => ({ attributes: values }))
  const {
    owner,
    survey,
    pulse,
    members: joined,
  } = await reportPulse(t, { attributes, members, questions })
  // One cohort keeps all five attributes. Scale: 0, 3, 9, 6, 5 → nps (1 − 4) · 100 / 5 = −60.
  await answerAll(t, pulse.id, survey, joined, rowsOf([1, 2, 3, 4, 5], [0, 3, 9, 6, 5], 2))
  await close(owner, pulse.id)
  const cells: Record<string, string> = {
    // The cohort cell starts with the attribute name: no spreadsheet runs it, it is left as written.
    team: 'team==HYPERLINK("x")',
    '=dept': "'=dept=+1",
    '+site': "'+site=@SUM(A1)",
    '@role': "'@role=-2",
    '-level': `'-level=low, "quoted"`,
  }
  for (const by of attributes) {
    const { text, rows } = await csvOf(owner, survey.id, by)
    assert.is(rows.length, 1 + 3)
    for (const r of rows.slice(1)) assert.is(r[0], cells[by], `cohort cell for ${by}`)
    const scale = rows.find((r) => r[3] === textCell(survey.questions[1].id))!
    assert.is(scale[8], '-60')
    assert.ok(text.includes(',-60,'), 'the nps is written as a plain negative number')
  }
  assert.ok((await csvOf(owner, survey.id)).rows.slice(1).every((r) => r[0] === 'all'))
  // Ids are random base64url: one starting with '-' is a text cell like any other.
  const point = {
    pulseId: '-p',
    suppressed: false,
    respondents: 5,
    questions: [{ questionId: '-q', suppressed: false, n: 5, distribution: {}, nps: -20 }],
    dimensions: [],
  }
  const csv = trendCsv(
    {
      pulses: [{ id: '-p', closesAt: '2026-03-03T09:00:00.000Z' }],
      groups: [{ cohort: {}, suppressed: false, series: [point] }],
    } as any,
    [{ id: '-q', prompt: '=1+1', dimension: '@voice' }],
  )
  assert.equal(parse(csv)[1], [
    'all',
    "'-p",
    '2026-03-03T09:00:00.000Z',
    "'-q",
    '5',
    '5',
    '',
    '',
    '-20',
    '',
    "'=1+1",
    "'@voice",
  ])
})

test.run()

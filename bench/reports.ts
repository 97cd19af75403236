// trend_ms_1k, trend_ms_10k: server time of `GET /api/surveys/:sid/trend?by=team` for a survey with
// 52 closed pulses of a community of 1,000 and of 10,000 members, against the same-run time of
// one indexed GROUP BY over the raw answers those pulses would have had. The closed pulses are
// generated directly as the rows a close stores (keys with respondents, per-cohort histograms,
// released views computed by api/pulses/release.ts's own functions); the raw answers exist only in a
// bench table, for the baseline. See bench/README.md, "Reports and close".
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { newId } from '../api/privacy/ids'
import { chunks } from '../api/db'
import type { Question } from '../api/surveys/question'
import type { Histogram } from '../api/reports/histograms'
import type { ReportGroup } from '../api/reports/released-view'
import { buildTrend } from '../api/reports/trend'
import { iso } from '../api/http/fields'
import { pulses, releasedViews } from '../schema'
import { fail, type Benchmark, type Result } from './harness'
import {
  ATTRIBUTES,
  benchApp,
  benchCohorts,
  DAY,
  drawCounts,
  groupMean,
  insertMembers,
  median,
  ms,
  ownerCommunitySurvey,
  quantile,
  releasedViewsOf,
  seededRandom,
  syntheticMembers,
  cpuMs,
  timed,
  valueWeights,
  type BenchApp,
} from './report-data'

const PULSES = 52
const WARM_UP = 5
/**
 * Timed trend requests: ROUNDS × PER_ROUND, each round followed by one run of the baseline, so
 * both see the same machine (its load drifts within seconds). At 10k one baseline run takes
 * seconds, so it runs ROUNDS times, not once per request.
 */
const ROUNDS = 5
const PER_ROUND = 10
const SIZES = [1_000, 10_000]

/**
 * The baseline: per pulse, team, question and value, how many gave it (the histograms a trend by
 * team is made of), rows returned to JavaScript as a report computed from raw answers would need
 * them. One pass over bench_answers' primary key, which is in group order.
 */
const GROUP_BY = sql`select pulse_id, team, question_id, value, count(*) as n
  from bench_answers group by pulse_id, team, question_id, value`
/** The same GROUP BY with only two numbers returned: SQLite's share of the baseline. */
const GROUP_BY_IN_SQL = sql`select count(*) as groups, sum(n) as answers from (${GROUP_BY})`

interface Generated {
  surveyId: string
  cookie: string
  rawRows: number
  /** Of the generation's time, how much went into the writes. */
  writeMs: number
  cohorts: number
  teamGroups: number
}

/**
 * Members, then 52 weekly closed pulses: per pulse a response rate of 82–98%, each cohort's
 * respondents drawn from its eligible members, and every respondent's 11 scored answers drawn
 * from the group's distribution; stored as keys, histograms and released views, and expanded
 * into bench_answers rows for the baseline.
 */
async function generate(bench: BenchApp, n: number): Promise<Generated> {
  const { db, app } = bench
  const owned = await ownerCommunitySurvey(app)
  const members = syntheticMembers(n, n, (i) => `member${i}@example.org`)
  await insertMembers(db, owned.communityId, members)
  const cohorts = benchCohorts(members)
  const questions = owned.survey.questions
  const scored = questions.filter((q) => q.kind !== 'text')
  const random = seededRandom(n + 1)
  const teamSeed = (cohort: Record<string, string>) =>
    cohort.team ? Number(cohort.team.slice(5)) : 99

  // Clustered on the GROUP BY's columns (the table is its own index, like the product's answers
  // table); `i` numbers the equal rows. Each pulse's rows arrive in key order.
  await db.run(sql`create table bench_answers (pulse_id text not null, team text not null,
    question_id text not null, value text not null, i integer not null,
    primary key (pulse_id, team, question_id, value, i)) without rowid`)
  // 1..max as rowids: each histogram count becomes that many rows by one range join.
  await db.run(sql`create table bench_seq (i integer primary key)`)
  const maxCount = Math.max(...cohorts.map((c) => c.memberIds.length))
  await db.run(
    sql`insert into bench_seq (i) select value from json_each(${JSON.stringify([...Array(maxCount).keys()].map((i) => i + 1))})`,
  )

  const start = Date.UTC(2025, 0, 6, 9)
  let rawRows = 0
  let writeMs = 0
  let teamGroups = 0
  for (let p = 0; p < PULSES; p++) {
    const pulseId = newId()
    const rate = 0.82 + 0.16 * random()
    const keys = cohorts.map((c) => {
      let respondents = 0
      for (let i = 0; i < c.memberIds.length; i++) if (random() < rate) respondents++
      return {
        id: newId(),
        cohort: c.cohort,
        eligible: c.memberIds.length,
        joined: c.joined,
        respondents,
      }
    })
    const perCohort = new Map<string, Map<string, Histogram>>()
    const raw: [string, string, string, number][] = []
    for (const key of keys) {
      if (key.respondents === 0) continue // like a close: no answers, no histograms
      const byQuestion = new Map<string, Histogram>()
      scored.forEach((q, qi) => {
        const [values, weights] = valueWeights(q, groupMean(q, teamSeed(key.cohort), qi, p))
        const counts = drawCounts(random, values, weights, key.respondents)
        byQuestion.set(q.id, { n: key.respondents, counts })
        for (const [value, count] of Object.entries(counts))
          raw.push([key.cohort.team ?? '', q.id, value, count])
      })
      perCohort.set(key.id, byQuestion)
    }
    const views = releasedViewsOf(keys, perCohort, questions, { attributes: ATTRIBUTES, k: 5 })
    teamGroups = Math.max(teamGroups, views.find((v) => v.cut === 'team')!.groups.length)
    const responded = keys.reduce((a, k) => a + k.respondents, 0)
    const closesAt = start + p * 7 * DAY
    rawRows += raw.reduce((a, r) => a + r[3], 0)
    raw.sort((a, b) =>
      a[0] < b[0]
        ? -1
        : a[0] > b[0]
          ? 1
          : a[1] < b[1]
            ? -1
            : a[1] > b[1]
              ? 1
              : a[2] < b[2]
                ? -1
                : a[2] > b[2]
                  ? 1
                  : 0,
    )
    const written = performance.now()
    await db.batch([
      db.insert(pulses).values({
        id: pulseId,
        surveyId: owned.survey.id,
        communityId: owned.communityId,
        status: 'closed',
        opensAt: closesAt - 7 * DAY,
        closesAt,
        eligible: n,
        responded,
        minGroupSize: 5,
        minCommentGroupSize: 10,
        privacyMode: 'threshold',
        epsilon: 1,
        attributes: ATTRIBUTES,
        released: true,
        gateVersion: 2,
      }),
      db.run(sql`insert into pulse_keys (id, pulse_id, cohort, eligible, joined, public_key, private_key)
        select json_extract(value, '$.id'), ${pulseId}, json(json_extract(value, '$.cohort')),
               json_extract(value, '$.eligible'), json_extract(value, '$.joined'), 'bench-public-key', null
        from json_each(${JSON.stringify(keys)})`),
      db
        .insert(releasedViews)
        .values(views.map((v) => ({ pulseId, cut: v.cut, groups: v.groups }))),
      // Equal (team, question, value) tuples from several cohorts get distinct `i` by an offset.
      // The JSON is parsed once per tuple (materialized), not once per row made from it.
      db.run(sql`with t as materialized (
          select key, json_extract(value, '$[0]') as team, json_extract(value, '$[1]') as q,
                 json_extract(value, '$[2]') as v, json_extract(value, '$[3]') as c
          from json_each(${JSON.stringify(raw)}))
        insert into bench_answers (pulse_id, team, question_id, value, i)
        select ${pulseId}, t.team, t.q, t.v, t.key * ${maxCount} + s.i
        from t cross join bench_seq s where s.i <= t.c`),
    ])
    writeMs += performance.now() - written
  }
  return {
    surveyId: owned.survey.id,
    cookie: owned.cookie,
    rawRows,
    writeMs,
    cohorts: cohorts.length,
    teamGroups,
  }
}

/** The route's own steps, timed apart (same queries as api/routes/reports.ts's trendOf). */
async function breakdown(bench: BenchApp, surveyId: string) {
  const { db } = bench
  const steps = {
    pulses: [] as number[],
    views: [] as number[],
    build: [] as number[],
    json: [] as number[],
  }
  for (let i = 0; i < 5; i++) {
    const [a, closed] = await timed(() =>
      db
        .select()
        .from(pulses)
        .where(
          and(
            eq(pulses.surveyId, surveyId),
            eq(pulses.status, 'closed'),
            eq(pulses.released, true),
          ),
        )
        .orderBy(asc(pulses.closesAt), asc(pulses.id)),
    )
    const [b, views] = await timed(() =>
      db
        .select()
        .from(releasedViews)
        .where(
          and(
            inArray(
              releasedViews.pulseId,
              closed.map((p) => p.id),
            ),
            eq(releasedViews.cut, 'team'),
          ),
        ),
    )
    const byPulse = new Map(views.map((v) => [v.pulseId, v.groups as ReportGroup[]]))
    const [c, trend] = await timed(() =>
      buildTrend(
        closed.map((p) => ({ id: p.id, closesAt: iso(p.closesAt), groups: byPulse.get(p.id) })),
      ),
    )
    const [d] = await timed(() => JSON.stringify(trend))
    steps.pulses.push(a)
    steps.views.push(b)
    steps.build.push(c)
    steps.json.push(d)
  }
  return Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, median(v)])) as Record<
    keyof typeof steps,
    number
  >
}

async function trendAt(n: number): Promise<{ trend: number; groupBy: number; cpu: number }> {
  const label = `${n / 1000}k`
  const bench = await benchApp(`reports-${label}`)
  try {
    const { db, app } = bench
    const [genMs, gen] = await timed(() => generate(bench, n))
    await db.run(sql`pragma wal_checkpoint(truncate)`)
    const { size } = await import('node:fs').then((fs) => fs.statSync(bench.file))
    console.log(
      `  ${label}: ${n} members, ${gen.cohorts} cohorts, ${PULSES} closed pulses, up to ${gen.teamGroups} groups by team; ` +
        `${gen.rawRows.toLocaleString('en')} raw answers (bench_answers) generated and stored in ${(genMs / 1000).toFixed(1)} s ` +
        `(${(gen.writeMs / 1000).toFixed(1)} s of it writing), ` +
        `database ${(size / 2 ** 20).toFixed(0)} MiB`,
    )

    // Checks: the baseline counts every answer generated.
    const plan = await db.all<{ detail: string }>(sql`explain query plan ${GROUP_BY}`)
    const planText = plan.map((r) => r.detail).join('; ')
    if (!/SCAN bench_answers/.test(planText) || /TEMP B-TREE/.test(planText)) {
      fail(
        `trend ${label}`,
        `the baseline GROUP BY does not stream bench_answers' key: ${planText}`,
      )
    }
    const [raw] = await db.all<{ n: number }>(sql`select count(*) as n from bench_answers`)
    if (Number(raw.n) !== gen.rawRows) {
      fail(`trend ${label}`, `bench_answers holds ${raw.n}, generated ${gen.rawRows}`)
    }

    const path = `/api/surveys/${gen.surveyId}/trend?by=team`
    let bytes = 0
    const trendCpu: number[] = []
    const trendOnce = async () => {
      const cpu = cpuMs()
      const t = performance.now()
      const res = await app.request(path, { headers: { cookie: gen.cookie } })
      const body = await res.arrayBuffer()
      const elapsed = performance.now() - t
      trendCpu.push(cpuMs() - cpu)
      if (res.status !== 200) {
        fail(
          `trend ${label}`,
          `status ${res.status}: ${new TextDecoder().decode(body).slice(0, 300)}`,
        )
      }
      bytes = body.byteLength
      return { elapsed, body }
    }
    const groupByCpu: number[] = []
    const groupByOnce = async () => {
      const cpu = cpuMs()
      const t = performance.now()
      const rows = await db.all(GROUP_BY)
      const elapsed = performance.now() - t
      groupByCpu.push(cpuMs() - cpu)
      return { elapsed, rows: rows.length }
    }

    const first = await trendOnce()
    const parsed = JSON.parse(new TextDecoder().decode(first.body))
    if (parsed.pulses?.length !== PULSES || !(parsed.groups?.length > 0)) {
      fail(
        `trend ${label}`,
        `expected ${PULSES} pulses and some groups, got ${parsed.pulses?.length} and ${parsed.groups?.length}`,
      )
    }
    for (let i = 1; i < WARM_UP; i++) await trendOnce()
    const baselineRows = (await groupByOnce()).rows
    const [inSqlMs] = await timed(() => db.all(GROUP_BY_IN_SQL))
    trendCpu.length = 0
    groupByCpu.length = 0

    const trendTimes: number[] = []
    const groupByTimes: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_ROUND; i++) trendTimes.push((await trendOnce()).elapsed)
      groupByTimes.push((await groupByOnce()).elapsed)
    }
    const trend = median(trendTimes)
    const groupBy = median(groupByTimes)
    console.log(
      `  ${label}: trend?by=team ${trendTimes.length} requests: median ${ms(trend)} ms, p95 ${ms(quantile(trendTimes, 0.95))} ms, ` +
        `min ${ms(Math.min(...trendTimes))} ms, CPU ${ms(median(trendCpu))} ms; ` +
        `${parsed.groups.length} groups × ${PULSES} points, ${(bytes / 1024).toFixed(0)} KiB JSON`,
    )
    console.log(
      `  ${label}: baseline GROUP BY (${baselineRows.toLocaleString('en')} rows out) ${groupByTimes.length} runs: ` +
        `median ${ms(groupBy)} ms, p95 ${ms(quantile(groupByTimes, 0.95))} ms, CPU ${ms(median(groupByCpu))} ms; ` +
        `the same GROUP BY returning only its totals ${ms(inSqlMs)} ms (once)`,
    )
    const steps = await breakdown(bench, gen.surveyId)
    console.log(
      `  ${label}: inside the trend (medians of 5): closed pulses ${ms(steps.pulses)} ms, released views (read + JSON parse) ` +
        `${ms(steps.views)} ms, buildTrend ${ms(steps.build)} ms, JSON.stringify ${ms(steps.json)} ms`,
    )
    return { trend, groupBy, cpu: median(trendCpu) }
  } finally {
    bench.dispose()
  }
}

export const reports: Benchmark = {
  name: 'reports',
  async run() {
    const results: Result[] = []
    const byN = new Map<number, { trend: number; cpu: number }>()
    for (const n of SIZES) {
      const { trend, groupBy, cpu } = await trendAt(n)
      byN.set(n, { trend, cpu })
      results.push({ name: `trend_ms_${n / 1000}k`, value: trend, unit: 'ms', baseline: groupBy })
    }
    const [small, large] = [byN.get(1_000)!, byN.get(10_000)!]
    const growth = large.trend / small.trend
    const cpuGrowth = large.cpu / small.cpu
    console.log(
      `  trend 10k / 1k: ${growth.toFixed(2)} in time, ${cpuGrowth.toFixed(2)} in CPU, for 10× the answers: ` +
        `${Math.max(growth, cpuGrowth) < 1.5 ? 'flat' : 'NOT flat'} (flat = both under 1.5)`,
    )
    return results
  },
}

// close_10k_ms, close_10k_noise_ms: `closePulse` (api/pulses/lifecycle.ts) end to end, including
// releasePulse, for an open pulse of 12,000 eligible members with 10,000 responses stored as raw
// rows (responses with their answers, comments, issuance rows, spent tokens, written directly: close
// verifies no signature), in threshold and in noise mode. After every close the raw rows must be
// gone and the views stored. See bench/README.md, "Reports and close".
import { statSync } from 'node:fs'
import { eq, sql } from 'drizzle-orm'
import { newId, randomToken } from '../api/privacy/ids'
import { chunks, type Db } from '../api/db'
import { closePulse } from '../api/pulses/lifecycle'
import type { Question } from '../api/surveys/question'
import { cohortHistograms as foldHistograms, type AnswerCount } from '../api/reports/histograms'
import { knownNames, redact } from '../api/reports/redact'
import { pulses } from '../schema'
import { fail, type Benchmark, type Result } from './harness'
import {
  ATTRIBUTES,
  benchApp,
  benchCohorts,
  cpuMs,
  DAY,
  drawCounts,
  groupMean,
  insertMembers,
  median,
  ms,
  ownerCommunitySurvey,
  releasedViewsOf,
  seededRandom,
  syntheticMembers,
  timed,
  valueWeights,
  type BenchApp,
  type BenchMember,
  type Owned,
} from './report-data'

const ELIGIBLE = 12_000
const RESPONSES = 10_000
/** One response in ten leaves a comment, as in the anonymous-protocol benchmark. */
const COMMENT_EVERY = 10
const REPEATS = 3
const MODES = ['threshold', 'noise'] as const
type Mode = (typeof MODES)[number]

const comments = [
  'I would speak up more if retros were shorter.',
  'Thanks to everyone who helped during the release crunch.',
  'Sometimes decisions are made before we get to say anything.',
  'More time for questions in the all-hands, please.',
  'I do not always know who to ask when I am stuck; ask member42@example.org?',
]

/**
 * An open pulse with every raw row a week of collection leaves: keys (fake public keys, sealed
 * private keys are random text), the eligible members' snapshot, issuance rows, and RESPONSES
 * responses from members drawn at random, each with 11 scored answers (valid JSON values) under
 * its cohort's key, every tenth with a comment, and a spent token each.
 */
async function openPulseWithResponses(
  bench: BenchApp,
  owned: Owned,
  members: BenchMember[],
  mode: Mode,
  seed: number,
): Promise<string> {
  const { db } = bench
  const random = seededRandom(seed)
  const questions = owned.survey.questions
  const scored = questions.filter((q) => q.kind !== 'text')
  const text = questions.find((q) => q.kind === 'text')!
  const pulseId = newId()
  const now = Date.now()
  const cohorts = benchCohorts(members)
  const keys = cohorts.map((c) => ({
    id: newId(),
    cohort: c.cohort,
    eligible: c.memberIds.length,
    joined: c.joined,
    publicKey: randomToken(294),
    privateKey: randomToken(1250),
    memberIds: c.memberIds,
  }))
  const keyOf = new Map(keys.flatMap((k) => k.memberIds.map((id) => [id, k] as const)))
  const order = members.map((m) => m.id)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const respondents = order.slice(0, RESPONSES)
  const responses: [string, string, string][] = []
  const commentRows: [string, string, string][] = []
  respondents.forEach((memberId, i) => {
    const key = keyOf.get(memberId)!
    const answers: Record<string, string> = {}
    scored.forEach((q, qi) => {
      const [values, weights] = valueWeights(
        q,
        groupMean(q, Number(key.cohort.team?.slice(5) ?? 99), qi, seed),
      )
      answers[q.id] = Object.keys(drawCounts(random, values, weights, 1))[0]
    })
    responses.push([newId(), key.id, JSON.stringify(answers)])
    if (i % COMMENT_EVERY === 0) commentRows.push([newId(), text.id, comments[i % comments.length]])
  })
  const json = <T>(rows: T[], size: number) =>
    chunks(rows, size).map((part) => JSON.stringify(part))
  await db.batch([
    db.insert(pulses).values({
      id: pulseId,
      surveyId: owned.survey.id,
      communityId: owned.communityId,
      status: 'open',
      opensAt: now - 7 * DAY,
      closesAt: now + DAY,
      eligible: members.length,
      joined: members.length,
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode: mode,
      epsilon: 1,
      attributes: ATTRIBUTES,
    }),
    db.run(sql`insert into pulse_keys (id, pulse_id, cohort, eligible, joined, public_key, private_key)
      select json_extract(value, '$.id'), ${pulseId}, json(json_extract(value, '$.cohort')),
             json_extract(value, '$.eligible'), json_extract(value, '$.joined'),
             json_extract(value, '$.publicKey'), json_extract(value, '$.privateKey')
      from json_each(${JSON.stringify(keys.map(({ memberIds, ...k }) => k))})`),
    ...json(
      keys.flatMap((k) => k.memberIds.map((m) => [m, k.id])),
      5000,
    ).map((part) =>
      db.run(sql`insert into pulse_members (pulse_id, member_id, key_id)
        select ${pulseId}, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${part})`),
    ),
    // Issuance rows: a few members fetched a token and did not answer.
    ...json(
      Array.from({ length: RESPONSES + 500 }, () => [randomToken(32), randomToken(32)]),
      5000,
    ).map((part) =>
      db.run(sql`insert into token_issuances (pulse_id, member_mac, blinded_hash)
        select ${pulseId}, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${part})`),
    ),
    ...json(
      responses.map(() => randomToken(32)),
      5000,
    ).map((part) =>
      db.run(
        sql`insert into spent_tokens (pulse_id, token_hash) select ${pulseId}, value from json_each(${part})`,
      ),
    ),
    ...json(responses, 5000).map((part) =>
      db.run(sql`insert into responses (pulse_id, id, key_id, answers)
        select ${pulseId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
        from json_each(${part})`),
    ),
    ...json(commentRows, 5000).map((part) =>
      db.run(sql`insert into comments (pulse_id, id, question_id, text)
        select ${pulseId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
        from json_each(${part})`),
    ),
  ] as unknown as Parameters<Db['batch']>[0])
  // What a week of collection leaves: the rows in the database file, not in the WAL.
  await db.run(sql`pragma wal_checkpoint(truncate)`)
  return pulseId
}

const count = async (db: Db, table: string, pulseId: string) =>
  Number(
    (
      await db.all<{ n: number }>(
        sql`select count(*) as n from ${sql.identifier(table)} where pulse_id = ${pulseId}`,
      )
    )[0].n,
  )

/** After a close: raw rows gone, views and histograms stored, the pulse released with its count. */
async function checkClosed(db: Db, pulseId: string, phase: string, mode: Mode): Promise<void> {
  for (const table of ['responses', 'spent_tokens', 'token_issuances']) {
    const left = await count(db, table, pulseId)
    if (left !== 0) fail(phase, `${left} rows left in ${table} after close`)
  }
  const views = await db.all<{ cut: string }>(
    sql`select cut from released_views where pulse_id = ${pulseId} order by cut`,
  )
  if (views.map((v) => v.cut).join(',') !== ',site,team') {
    fail(phase, `released views for cuts [${views.map((v) => v.cut)}], expected ['', site, team]`)
  }
  // Nothing per cohort outlives the close (DESIGN.md 5 and 7).
  if ((await count(db, 'cohort_histograms', pulseId)) !== 0) fail(phase, 'cohort histograms kept')
  const [counted] = await db.all<{ n: number }>(
    sql`select count(*) as n from pulse_keys where pulse_id = ${pulseId} and respondents is not null`,
  )
  if (Number(counted.n) !== 0) fail(phase, 'per-cohort respondent counts kept')
  const kept = await count(db, 'comments', pulseId)
  if (kept !== Math.ceil(RESPONSES / COMMENT_EVERY))
    fail(phase, `${kept} comments kept after close`)
  const [row] = await db.select().from(pulses).where(eq(pulses.id, pulseId))
  // Threshold mode releases the exact count; noise mode a noisy one.
  const responded = mode === 'threshold' ? row.responded === RESPONSES : (row.responded ?? 0) > 0
  if (row.status !== 'closed' || !row.released || !responded) {
    fail(
      phase,
      `pulse after close: status ${row.status}, released ${row.released}, responded ${row.responded}`,
    )
  }
}

/** The sizes of a database's main file and WAL, in bytes. */
function fileSizes(file: string) {
  const size = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0
  return { main: size(file), wal: size(`${file}-wal`) }
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

/**
 * releasePulse's reads and computations, timed apart on the pulse before it is closed (the
 * same queries and calls; nothing written). What close spends beyond their sum is its writes.
 */
async function releaseSteps(bench: BenchApp, owned: Owned, pulseId: string, mode: Mode) {
  const { db } = bench
  const questions: Question[] = owned.survey.questions
  const scored = questions.filter((q) => q.kind !== 'text')
  const [read, rows] = await timed(async () => {
    const keys = await db.all<{ id: string; cohort: string; joined: number }>(
      sql`select id, cohort, joined from pulse_keys where pulse_id = ${pulseId}`,
    )
    const counted = await db.all<{ keyId: string; n: number }>(
      sql`select key_id as keyId, count(*) as n from responses where pulse_id = ${pulseId} group by key_id`,
    )
    const answerCounts = await db.all<AnswerCount>(sql`
      select r.key_id as keyId, a.key as questionId, a.value as value, count(*) as count
      from responses r, json_each(r.answers) a
      where r.pulse_id = ${pulseId} group by 1, 2, 3`)
    return { keys, counted, answerCounts }
  })
  const [fold, perCohort] = await timed(() =>
    foldHistograms(
      rows.answerCounts.map((r) => ({ ...r, count: Number(r.count) })),
      scored,
    ),
  )
  const respondents = new Map(rows.counted.map((r) => [r.keyId, Number(r.n)]))
  const keys = rows.keys.map((k) => ({
    id: k.id,
    cohort: JSON.parse(k.cohort),
    joined: Number(k.joined),
    respondents: respondents.get(k.id) ?? 0,
  }))
  const [release] = await timed(() =>
    releasedViewsOf(keys, perCohort, questions, {
      attributes: ATTRIBUTES,
      k: 5,
      epsilon: mode === 'noise' ? 1 : undefined,
    }),
  )
  const [redaction] = await timed(async () => {
    const stored = await db.all<{ text: string }>(
      sql`select text from comments where pulse_id = ${pulseId}`,
    )
    const emails = await db.all<{ email: string }>(
      sql`select email from members where community_id = ${owned.communityId}`,
    )
    const names = knownNames(
      emails.map((e) => e.email),
      ['Bench Owner'],
    )
    return stored.map((c) => redact(c.text, names))
  })
  return { read, fold, release, redaction }
}

/**
 * The cost of redacting one comment against the names of 12,000 members whose emails are
 * first.last@…: knownNames, then redact() of one comment, as releasePulse's redactedComments
 * does for every comment (no database).
 */
function redactionProbe(): { names: number; ms: number } {
  const random = seededRandom(7)
  const syllables = [
    'an',
    'bel',
    'cor',
    'da',
    'el',
    'fin',
    'gar',
    'hal',
    'ir',
    'jo',
    'ka',
    'lin',
    'mar',
    'nor',
    'ol',
    'per',
    'ros',
    'sa',
    'tor',
    'ul',
    'ven',
    'wil',
    'yor',
    'zel',
  ]
  const word = (parts: number) =>
    Array.from({ length: parts }, () => syllables[Math.floor(random() * syllables.length)]).join('')
  const firsts = Array.from({ length: 300 }, () => word(2))
  const lasts = Array.from({ length: 600 }, () => word(3))
  const seen = new Set<string>()
  const emails: string[] = []
  while (emails.length < ELIGIBLE) {
    const base = `${firsts[Math.floor(random() * firsts.length)]}.${lasts[Math.floor(random() * lasts.length)]}`
    let local = base
    for (let i = 2; seen.has(local); i++) local = `${base}${i}`
    seen.add(local)
    emails.push(`${local}@example.org`)
  }
  const t = performance.now()
  const names = knownNames(emails, ['Bench Owner'])
  redact(`Thanks to ${emails[3].split('@')[0].replace('.', ' ')} for listening.`, names)
  return { names: names.length, ms: performance.now() - t }
}

export const close: Benchmark = {
  name: 'close',
  async run() {
    const bench = await benchApp('close')
    try {
      const { db, deps } = bench
      const owned = await ownerCommunitySurvey(bench.app)
      // Emails whose local part has no name-like word: the comments' redaction then checks a
      // handful of names (see the probe below for name-like emails).
      const members = syntheticMembers(ELIGIBLE, 12, (i) => `member${i}@example.org`)
      await insertMembers(db, owned.communityId, members)
      console.log(
        `  ${ELIGIBLE} eligible members in ${benchCohorts(members).length} cohorts (team, site; k = 5); per pulse ` +
          `${RESPONSES} responses, ${RESPONSES * 11} answers, ${RESPONSES / COMMENT_EVERY} comments, ${RESPONSES + 500} issuance rows, ${RESPONSES} spent tokens`,
      )
      const times: Record<Mode, number[]> = { threshold: [], noise: [] }
      let prepared = 0
      for (let rep = 0; rep < REPEATS; rep++) {
        for (const mode of MODES) {
          const [prepMs, pulseId] = await timed(() =>
            openPulseWithResponses(
              bench,
              owned,
              members,
              mode,
              100 + rep * 2 + (mode === 'noise' ? 1 : 0),
            ),
          )
          prepared += prepMs
          if (rep === 0) {
            const steps = await releaseSteps(bench, owned, pulseId, mode)
            console.log(
              `  ${mode}: inside release (measured apart, before the close): reads ${ms(steps.read)} ms ` +
                `(keys, respondents, answers GROUP BY), histograms ${ms(steps.fold)} ms, released view ` +
                `(releaseView: cells, gate${mode === 'noise' ? ', noise' : ''}, statistics) ${ms(steps.release)} ms, ` +
                `comment redaction ${ms(steps.redaction)} ms`,
            )
          }
          const before = fileSizes(bench.file)
          const cpu = cpuMs()
          const [closeMs, closed] = await timed(() => closePulse(deps, pulseId))
          const closeCpu = cpuMs() - cpu
          const after = fileSizes(bench.file)
          if (rep === 0) {
            console.log(
              `  ${mode}: database file ${mib(before.main)} MiB + WAL ${mib(before.wal)} MiB before the close, ` +
                `${mib(after.main)} MiB + WAL ${mib(after.wal)} MiB after (checkpointed and truncated)`,
            )
          }
          if (!closed) fail(`close ${mode}`, 'closePulse did not close the pulse')
          await checkClosed(db, pulseId, `close ${mode}`, mode)
          times[mode].push(closeMs)
          console.log(`  ${mode} close ${rep + 1}: ${ms(closeMs)} ms (CPU ${ms(closeCpu)} ms)`)
        }
      }
      console.log(
        `  (${(prepared / 1000).toFixed(1)} s writing the ${REPEATS * MODES.length} pulses' raw rows, untimed)`,
      )
      const probe = redactionProbe()
      console.log(
        `  redaction with first.last@ emails: knownNames over ${ELIGIBLE} emails (${probe.names} names) + redact() of one comment ` +
          `took ${ms(probe.ms)} ms (one RegExp per name per comment)`,
      )
      const results: Result[] = [
        { name: 'close_10k_ms', value: median(times.threshold), unit: 'ms' },
        { name: 'close_10k_noise_ms', value: median(times.noise), unit: 'ms' },
        { name: 'redact_comment_12k_names_ms', value: probe.ms, unit: 'ms' },
      ]
      return results
    } finally {
      bench.dispose()
    }
  },
}

// Shared by bench/reports.ts and bench/close.ts: the app in process over a temporary libSQL file
// database (WAL, as api/node.ts opens it), an owner, community and survey made through the API,
// synthetic members with realistic attributes, and the released view of a pulse computed by the
// same functions api/pulses/release.ts calls. Stored rows are written directly (no protocol); see
// bench/README.md, "Reports and close".
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { createApp } from '../api/app'
import { chunks, type Db } from '../api/db'
import type { AppDeps } from '../api/deps'
import { nodeRawRsa } from '../api/runtime/node-raw-rsa'
import { databaseFiles, openDatabase } from '../api/runtime/node-db'
import { createCommentPool } from '../api/pulses/comment-pool'
import { createBlindSigner } from '../api/privacy/blind-signing'
import { formCohorts, type Cohort } from '../api/privacy/cohorts'
import type { Question } from '../api/surveys/question'
import type { Histogram } from '../api/reports/histograms'
import { releaseView } from '../api/reports/released-view'
import { mulberry32 } from '../test/helpers/random'

export const ATTRIBUTES = ['team', 'site']
export const DAY = 86_400_000

// ---------------------------------------------------------------------------------------------
// Temporary database and the app over it.

const tempDirs = new Set<string>()
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

export interface BenchApp {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  db: Db
  file: string
  /** Closes the database connection and deletes the temporary directory. */
  dispose(): void
}

/** The app as api/node.ts builds it, in process, over a fresh libSQL file in WAL mode. */
export async function benchApp(label: string): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), `trustpulse-${label}-`))
  tempDirs.add(dir)
  const file = join(dir, 'bench.db')
  const db = await openDatabase(`file:${file}`)
  const deps: AppDeps = {
    db,
    // As api/node.ts: the WAL checkpointed after each close, comments held in the pool.
    files: databaseFiles(db, `file:${file}`),
    commentPool: createCommentPool(db),
    now: Date.now,
    secret: new Uint8Array(32).fill(7),
    signer: createBlindSigner({ rawRsa: nodeRawRsa }),
    rateLimit: async () => true,
    background: (task) => void task.catch(() => {}),
    log: () => {},
  }
  return {
    app: createApp(deps),
    deps,
    db,
    file,
    dispose() {
      ;(db as unknown as { $client: { close(): void } }).$client.close()
      rmSync(dir, { recursive: true, force: true })
      tempDirs.delete(dir)
    },
  }
}

/** One API call in process; throws unless the status is `expected`. */
export async function request(
  app: BenchApp['app'],
  expected: number,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ body: any; headers: Headers }> {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status !== expected) {
    throw new Error(
      `${method} ${path}: expected ${expected}, got ${res.status}: ${text.slice(0, 300)}`,
    )
  }
  return { body: text ? JSON.parse(text) : undefined, headers: res.headers }
}

export interface Owned {
  cookie: string
  communityId: string
  survey: { id: string; questions: Question[] }
}

/**
 * Through the API: the first organizer (setup; its session cookie), a community with attributes
 * team and site (k = 5, k_text = 10, `privacyMode`), and a survey from the trust-pulse template.
 */
export async function ownerCommunitySurvey(
  app: BenchApp['app'],
  privacyMode: 'threshold' | 'noise' = 'threshold',
): Promise<Owned> {
  const setup = await request(app, 201, 'POST', '/api/setup', {
    email: 'owner@example.org',
    password: 'a long bench password',
    name: 'Bench Owner',
  })
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const community = await request(
    app,
    201,
    'POST',
    '/api/communities',
    {
      name: 'Bench community',
      attributes: ATTRIBUTES,
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode,
    },
    cookie,
  )
  const survey = await request(
    app,
    201,
    'POST',
    `/api/communities/${community.body.id}/surveys`,
    { template: 'trust-pulse' },
    cookie,
  )
  return { cookie, communityId: community.body.id, survey: survey.body }
}

// ---------------------------------------------------------------------------------------------
// Synthetic members.

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so runs build the same data. */
export const seededRandom = mulberry32

/** An index drawn with probability proportional to `weights`. */
export function pick(random: () => number, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0)
  let x = random() * total
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]
    if (x < 0) return i
  }
  return weights.length - 1
}

export interface BenchMember {
  id: string
  email: string
  attributes: Record<string, string>
}

const TEAMS = 30
const SITES = ['Berlin', 'Lisbon', 'Nairobi', 'Remote']
const teamWeights = Array.from({ length: TEAMS }, (_, i) => 1 / (i + 1) ** 0.8)

/**
 * `n` members with team and site, as an organization exports them: 30 teams of Zipf-like sizes
 * (the largest ~18% of members, the smallest ~1%), each with a home site (70% of its members)
 * and the others elsewhere; 1% have no team and 3% no site. The same 30 teams at every `n`, so
 * larger communities have more answers per group rather than more groups. Emails come from
 * `email(i)`.
 */
export function syntheticMembers(
  n: number,
  seed: number,
  email: (i: number) => string,
): BenchMember[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, (_, i) => {
    const attributes: Record<string, string> = {}
    const team = pick(random, teamWeights)
    if (random() >= 0.01) attributes.team = `team-${String(team + 1).padStart(2, '0')}`
    if (random() >= 0.03) {
      const home = team % SITES.length
      attributes.site =
        SITES[
          random() < 0.7
            ? home
            : pick(
                random,
                SITES.map((_, s) => (s === home ? 0 : 1)),
              )
        ]
    }
    return { id: `m${String(i).padStart(6, '0')}-${seed}`, email: email(i), attributes }
  })
}

/** Inserts members of a community (no invite or key: nobody needs to sign in). */
export async function insertMembers(
  db: Db,
  communityId: string,
  members: BenchMember[],
): Promise<void> {
  await db.batch(
    chunks(members, 2000).map((part) =>
      db.run(sql`insert into members (id, community_id, email, attributes)
        select json_extract(value, '$.id'), ${communityId}, json_extract(value, '$.email'),
               json(json_extract(value, '$.attributes'))
        from json_each(${JSON.stringify(part)})`),
    ) as [any, ...any[]],
  )
}

/** The cohorts a pulse opening now would form (API.md's rule, k = 5), every member joined. */
export const benchCohorts = (members: BenchMember[]): Cohort[] =>
  formCohorts(
    members.map((m) => ({ ...m, joined: true })),
    ATTRIBUTES,
    5,
  )

// ---------------------------------------------------------------------------------------------
// Answers.

/**
 * A value distribution for a question in a group, around `mean` (likert5 1–5, scale10 0–10):
 * a discretized normal, so groups differ and drift a little from pulse to pulse.
 */
export function valueWeights(question: Question, mean: number): [string[], number[]] {
  const values = question.kind === 'scale10' ? [...Array(11).keys()] : [1, 2, 3, 4, 5]
  const sd = question.kind === 'scale10' ? 2.2 : 1.0
  return [values.map(String), values.map((v) => Math.exp(-((v - mean) ** 2) / (2 * sd * sd)))]
}

/** A group's mean for a question in a pulse: a base per group and question plus a slow drift. */
export function groupMean(
  question: Question,
  groupSeed: number,
  questionIndex: number,
  pulseIndex: number,
): number {
  const base = seededRandom(groupSeed * 131 + questionIndex)()
  const drift = 0.3 * Math.sin((pulseIndex + groupSeed) / 6)
  return question.kind === 'scale10' ? 5.5 + 3 * base + 2 * drift : 2.8 + 1.5 * base + drift
}

/** Draws `count` answers from `weights` and returns how often each value came up. */
export function drawCounts(
  random: () => number,
  values: string[],
  weights: number[],
  count: number,
): Record<string, number> {
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  let acc = 0
  for (const w of weights) cumulative.push((acc += w / total))
  const counts: Record<string, number> = {}
  for (let i = 0; i < count; i++) {
    const x = random()
    let v = 0
    while (v < cumulative.length - 1 && x >= cumulative[v]) v++
    counts[values[v]] = (counts[values[v]] ?? 0) + 1
  }
  return counts
}

// ---------------------------------------------------------------------------------------------
// The released view, by the pipeline api/pulses/release.ts calls.

export interface KeyCounts {
  id: string
  cohort: Record<string, string>
  joined: number
  respondents: number
}

/**
 * The released views of a closed pulse (one per cut: '' and each attribute), from its keys'
 * respondents and per-cohort histograms, by `releaseView`, the one function a close calls.
 */
export function releasedViewsOf(
  keys: KeyCounts[],
  perCohort: Map<string, Map<string, Histogram>>,
  questions: Question[],
  settings: { attributes: string[]; k: number; epsilon?: number },
): { cut: string; groups: unknown[] }[] {
  const view = releaseView({
    keys,
    attributes: settings.attributes,
    k: settings.k,
    questions: questions.filter((q) => q.kind !== 'text'),
    counts: new Map(
      keys.map((k) => [
        k.id,
        { respondents: k.respondents, histograms: perCohort.get(k.id) ?? new Map() },
      ]),
    ),
    epsilon: settings.epsilon,
  })
  return Object.entries(view.cuts).map(([cut, groups]) => ({ cut, groups }))
}

// ---------------------------------------------------------------------------------------------
// Timing.

export const median = (xs: number[]) => quantile(xs, 0.5)

/** The q-quantile (nearest rank) of the samples. */
export function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

/** CPU time (user + system, all threads) this process has used, in ms. */
export const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Wall time of `fn` in ms, and its value. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now()
  const value = await fn()
  return [performance.now() - t, value]
}

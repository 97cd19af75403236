// `npm run demo`: fills the database that `npm start` serves with a demo community and a year of
// weekly trust pulses, every one opened, answered and closed through the real protocol: the app
// is built by createApp and called in-process with `app.request`, on a clock this script moves
// forward week by week; members join with their invite keys and obtain blind-signed tokens with
// the real member client (web/member/token-client.ts), then answer without credentials.
//
//   npm run demo [-- [--force] [--weeks N] [--threads N]]
//
// Same settings as api/node.ts: DATABASE_URL (default file:data/trustpulse.db),
// DATABASE_AUTH_TOKEN, DATA_DIR (default data; holds secret.key), SECRET_KEY, PUBLIC_URL,
// HOST and PORT (only for the address printed at the end).
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Client } from '@libsql/client'
import { count, eq } from 'drizzle-orm'
import { organizers } from '../schema'
import {
  finalizeToken,
  importPublicKey,
  memberKey as drawMemberKey,
  prepareToken,
  receiptFor,
  responseBody,
  type PreparedToken,
  type SignedToken,
} from '../web/member/token-client'
import { createApp } from './app'
import { hashPassword } from './auth/passwords'
import { newId, randomToken } from './crypto'
import type { Db } from './db'
import { openDatabase } from './node-db'
import { nodeRawRsa } from './node-raw-rsa'
import { serverSecret } from './node-support'
import { createBlindSigner } from './privacy/blind-signing'
import {
  DEMO_ATTRIBUTES,
  DEMO_COMMUNITY,
  DEMO_MEMBERS,
  DEMO_NEWCOMERS,
  demoAnswers,
  demoComment,
  disposition,
  emailOf,
  participation,
  seededRandom,
  type DemoPerson,
  type Disposition,
} from './demo-data'
import type { Question } from './questions'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR
const WEEK = 7 * DAY
/** Monday 09:00 UTC to Sunday 18:00 UTC. */
const PULSE_LENGTH = 6 * DAY + 9 * HOUR
/** Sessions last 14 days (api/auth/sessions.ts); the organizer signs in again before that. */
const SESSION_REFRESH = 10 * DAY

export const DEMO_EMAIL = 'demo@trustpulse.example'
export const DEMO_NAME = 'Dana Whitfield'

/** A failure with a message meant for the person running the demo. */
export class DemoError extends Error {
  override name = 'DemoError'
}

/** What fillDemo needs of the app: its in-process `request`. */
export type DemoApp = Pick<ReturnType<typeof createApp>, 'request'>

export interface DemoProgress {
  /** Pulses closed so far, of `weeks`. */
  pulses: number
  weeks: number
  responses: number
}

export interface DemoOptions {
  /** The clock the app's `deps.now` reads; fillDemo moves it forward. */
  clock: { now: number }
  /** An organizer who can create communities; fillDemo signs in as them. */
  login: { email: string; password: string }
  /** Weekly pulses to run (default 52). */
  weeks?: number
  /** When the first pulse opens (ms). Default: the Monday 09:00 UTC so that the last pulse closed before `clock.now`. */
  start?: number
  /** The most recent pulses whose results are shared with members (default 4). */
  share?: number
  /** Members answering at the same time (default 3). */
  concurrency?: number
  /** Where the members' browsers blind and finalize tokens (default: this thread). */
  memberCrypto?: MemberCrypto
  /** Seed of the story (who answers, what, and what they write). */
  seed?: number
  onProgress?: (progress: DemoProgress) => void
}

export interface DemoResult {
  communityId: string
  surveyId: string
  pulseIds: string[]
  sharedPulseIds: string[]
  members: number
  responses: number
  comments: number
  /** The clock when the last pulse closed. */
  finishedAt: number
}

interface Reply {
  status: number
  body: any
}

/** One caller of the API, keeping a session cookie the way a browser does. */
class Caller {
  cookie?: string
  constructor(private readonly app: DemoApp) {}

  async call(
    method: string,
    path: string,
    options: { body?: unknown; bearer?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {}
    if (this.cookie) headers.cookie = this.cookie
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const res = await this.app.request(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie?.startsWith('session=')) {
      const value = setCookie.split(';')[0]
      this.cookie = value === 'session=' ? undefined : value
    }
    const text = await res.text()
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text
    }
    return { status: res.status, body }
  }

  /** The answer's body, or a DemoError naming the step and the server's problem detail. */
  async expect(
    status: number,
    what: string,
    method: string,
    path: string,
    options?: { body?: unknown; bearer?: string },
  ) {
    const reply = await this.call(method, path, options)
    if (reply.status !== status) {
      const detail = reply.body?.detail ?? reply.body?.title ?? JSON.stringify(reply.body)
      const errors = reply.body?.errors ? ` ${JSON.stringify(reply.body.errors)}` : ''
      throw new DemoError(
        `${what} failed: ${method} ${path} answered ${reply.status} (expected ${status}): ${detail}${errors}`,
      )
    }
    return reply.body
  }
}

interface DemoMember {
  person: DemoPerson
  mood: Disposition
  inviteKey: string
  /** Drawn by the member's "browser" when it first joins. */
  memberKey?: string
}

const iso = (ms: number) => new Date(ms).toISOString()
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

/** The latest Monday 09:00 UTC at or before `ms`. */
export function mondayMorning(ms: number): number {
  const d = new Date(ms)
  const monday = Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate() - ((d.getUTCDay() + 6) % 7),
    9,
  )
  return monday <= ms ? monday : monday - WEEK
}

/** The invite key: exactly the fragment of an invite URL (API.md). */
function inviteKeyOf(inviteUrl: string): string {
  const hash = new URL(inviteUrl).hash
  if (hash.length < 2)
    throw new DemoError(`The import answered an invite link without a key: ${inviteUrl}`)
  return hash.slice(1)
}

/**
 * Creates the demo community, its members and a trust-pulse survey, then runs `weeks` weekly
 * pulses in sequence: each opens at its week's start, most members answer during the week
 * (joining with their invite key the first time, then obtaining a blind-signed token and
 * submitting without credentials), and it closes at the week's end. The last `share` pulses are
 * shared with members. Everything goes through `app.request`; only the clock is moved directly.
 */
export async function fillDemo(app: DemoApp, options: DemoOptions): Promise<DemoResult> {
  const { clock } = options
  const weeks = options.weeks ?? 52
  const random = seededRandom(options.seed ?? 20_240_901)
  const start = options.start ?? mondayMorning(clock.now) - weeks * WEEK
  const organizer = new Caller(app)
  let signedInAt = -Infinity
  let organizerName = ''
  const signIn = async () => {
    const body = await organizer.expect(
      200,
      'Signing in as the demo organizer',
      'POST',
      '/api/session',
      { body: options.login },
    )
    organizerName = body.organizer.name
    signedInAt = clock.now
  }
  const fresh = async () => {
    if (clock.now - signedInAt > SESSION_REFRESH) await signIn()
  }

  // A few days before the first pulse: the community, its members and the survey.
  clock.now = start - 3 * DAY
  await signIn()
  const community = await organizer.expect(
    201,
    'Creating the community',
    'POST',
    '/api/communities',
    {
      body: { name: DEMO_COMMUNITY, attributes: DEMO_ATTRIBUTES },
    },
  )
  const members: DemoMember[] = []
  const importMembers = async (people: DemoPerson[]) => {
    const body = {
      members: people.map((p) => ({
        email: emailOf(p),
        attributes: { team: p.team, tenure: p.tenure },
      })),
    }
    const imported = await organizer.expect(
      201,
      'Importing members',
      'POST',
      `/api/communities/${community.id}/members`,
      { body },
    )
    const byEmail = new Map<string, { inviteUrl?: string }>(
      imported.members.map((m: any) => [m.email, m]),
    )
    for (const person of people) {
      const inviteUrl = byEmail.get(emailOf(person))?.inviteUrl
      if (!inviteUrl)
        throw new DemoError(`The import of ${emailOf(person)} answered no invite link.`)
      members.push({ person, mood: disposition(random), inviteKey: inviteKeyOf(inviteUrl) })
    }
  }
  await importMembers(DEMO_MEMBERS)
  const survey = await organizer.expect(
    201,
    'Creating the survey',
    'POST',
    `/api/communities/${community.id}/surveys`,
    {
      body: { template: 'trust-pulse' },
    },
  )
  const questions: Question[] = survey.questions
  const textQuestion = questions.find((q) => q.kind === 'text')
  const memberCrypto = options.memberCrypto ?? inThreadCrypto()

  const newcomersWeek = Math.floor(weeks * 0.42)
  const pulseIds: string[] = []
  const sharedPulseIds: string[] = []
  let responses = 0
  let comments = 0

  for (let week = 0; week < weeks; week++) {
    const opensAt = start + week * WEEK
    const closesAt = opensAt + PULSE_LENGTH
    if (week === newcomersWeek && week > 0) {
      clock.now = opensAt - 2 * DAY
      await fresh()
      await importMembers(DEMO_NEWCOMERS)
    }

    clock.now = opensAt
    await fresh()
    const pulse = await organizer.expect(
      201,
      `Opening the pulse of week ${week + 1}`,
      'POST',
      `/api/surveys/${survey.id}/pulses`,
      {
        body: { closesAt: iso(closesAt) },
      },
    )
    if (pulse.status !== 'open') {
      throw new DemoError(
        `The pulse of week ${week + 1} did not open at once (${pulse.status}${pulse.reason ? `: ${pulse.reason}` : ''}).`,
      )
    }
    pulseIds.push(pulse.id)

    // Who answers this week: 70–95 % of the members, the keener ones more often.
    const wanted = Math.round(participation(random, week, weeks) * members.length)
    const pool = [...members]
    const answering: DemoMember[] = []
    while (answering.length < wanted && pool.length > 0) {
      const total = pool.reduce((sum, m) => sum + m.mood.propensity, 0)
      let x = random.next() * total
      let i = 0
      while (i < pool.length - 1 && (x -= pool[i].mood.propensity) > 0) i++
      answering.push(pool.splice(i, 1)[0])
    }
    const times = answering
      .map(() => opensAt + HOUR + random.next() * (PULSE_LENGTH - 2 * HOUR))
      .sort((a, b) => a - b)
    const writers = new Set(answering.filter(() => random.next() < 3.5 / answering.length))

    // The answers are drawn in order (the story stays reproducible); a few members answer at
    // once, so one member's blinding overlaps the server's work for another.
    const answerSets = answering.map((member) => {
      const answers: { questionId: string; value: unknown }[] = demoAnswers(
        questions,
        member.person,
        member.mood,
        week,
        weeks,
        random,
      )
      if (textQuestion && writers.has(member)) {
        const others = members.filter((m) => m !== member).map((m) => m.person)
        answers.push({
          questionId: textQuestion.id,
          value: demoComment(random, week, weeks, others, organizerName || DEMO_NAME),
        })
        comments++
      }
      return answers
    })
    let next = 0
    const answerNext = async (): Promise<void> => {
      const i = next++
      if (i >= answering.length) return
      clock.now = Math.max(clock.now, times[i])
      await answerAsMember(app, memberCrypto, answering[i], pulse.id, answerSets[i])
      responses++
      return answerNext()
    }
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 3) }, answerNext))

    clock.now = closesAt
    await fresh()
    const closed = await organizer.expect(
      200,
      `Closing the pulse of week ${week + 1}`,
      'POST',
      `/api/pulses/${pulse.id}/close`,
    )
    if (closed.status !== 'closed' || closed.responded !== answering.length) {
      throw new DemoError(
        `The pulse of week ${week + 1} closed as ${closed.status} with ${closed.responded} responses, ${answering.length} were sent.`,
      )
    }
    if (week >= weeks - (options.share ?? 4)) {
      await organizer.expect(
        200,
        `Sharing the results of week ${week + 1}`,
        'POST',
        `/api/pulses/${pulse.id}/share`,
      )
      sharedPulseIds.push(pulse.id)
    }
    options.onProgress?.({ pulses: week + 1, weeks, responses })
  }
  // What a member sees of the shared results, read as their page reads it.
  const reader = members.find((m) => m.memberKey)
  if (reader && sharedPulseIds.length > 0) {
    const results = await new Caller(app).expect(
      200,
      'Reading the shared results as a member',
      'GET',
      '/api/me/results',
      { bearer: reader.memberKey },
    )
    if (results.length !== sharedPulseIds.length)
      throw new DemoError(
        `A member sees ${results.length} shared results, ${sharedPulseIds.length} were shared.`,
      )
  }
  await organizer.call('DELETE', '/api/session')
  return {
    communityId: community.id,
    surveyId: survey.id,
    pulseIds,
    sharedPulseIds,
    members: members.length,
    responses,
    comments,
    finishedAt: clock.now,
  }
}

/**
 * One member answering, as the member page does it: join with the invite key the first time
 * (a fresh member key drawn by the "browser"), look up the pulse's cohort key, prepare and blind
 * a token, have it signed, finalize it, and submit the answers with the token and no credentials.
 */
async function answerAsMember(
  app: DemoApp,
  memberCrypto: MemberCrypto,
  member: DemoMember,
  pulseId: string,
  answers: { questionId: string; value: unknown }[],
) {
  const browser = new Caller(app)
  const who = emailOf(member.person)
  if (!member.memberKey) {
    const key = drawMemberKey()
    await browser.expect(200, `Joining as ${who}`, 'POST', '/api/join', {
      body: { inviteKey: member.inviteKey, memberKey: key },
    })
    member.memberKey = key
  }
  const bearer = member.memberKey
  const open = await browser.expect(200, `Listing ${who}'s open pulses`, 'GET', '/api/me/pulses', {
    bearer,
  })
  const entry = open.find((p: any) => p.pulse.id === pulseId)
  if (!entry) throw new DemoError(`The open pulse is not among ${who}'s pulses.`)
  const { keyId, publicKey } = entry.key as { keyId: string; publicKey: string }
  const prepared = await memberCrypto.prepare(publicKey)
  const issued = await browser.expect(
    200,
    `Obtaining ${who}'s token`,
    'POST',
    `/api/pulses/${pulseId}/tokens`,
    {
      body: { blindedMsg: prepared.blindedMsg },
      bearer,
    },
  )
  if (issued.keyId !== keyId)
    throw new DemoError(`${who}'s token was signed under another key than the one listed.`)
  const signed = await memberCrypto.finalize(prepared, publicKey, issued.blindSig)
  // The submission carries no credentials: a new caller, no bearer, no cookie.
  const { receipt } = await new Caller(app).expect(
    201,
    'Submitting a response',
    'POST',
    `/api/pulses/${pulseId}/responses`,
    {
      body: responseBody(keyId, signed, answers as never),
    },
  )
  if (receipt !== (await receiptFor(signed.token)))
    throw new DemoError('The receipt does not match the token.')
}

/** The members' side of the token protocol: the real client (web/member/token-client.ts). */
export interface MemberCrypto {
  prepare(publicKey: string): Promise<PreparedToken>
  finalize(prepared: PreparedToken, publicKey: string, blindSig: string): Promise<SignedToken>
  close(): Promise<void>
}

/** The client in this thread; each cohort key is imported once, as the member page does per pulse. */
export function inThreadCrypto(): MemberCrypto {
  const imported = new Map<string, Promise<CryptoKey>>()
  const key = (publicKey: string) => {
    if (!imported.has(publicKey)) {
      if (imported.size >= 32) imported.clear()
      imported.set(publicKey, importPublicKey(publicKey))
    }
    return imported.get(publicKey)!
  }
  return {
    prepare: async (publicKey) => prepareToken(await key(publicKey)),
    finalize: async (prepared, publicKey, blindSig) =>
      finalizeToken(prepared, await key(publicKey), blindSig),
    close: async () => {},
  }
}

type CryptoRequest =
  | { id: number; op: 'prepare'; publicKey: string }
  | { id: number; op: 'finalize'; publicKey: string; prepared: PreparedToken; blindSig: string }
type CryptoReply = { id: number; result?: unknown; error?: string }
type Unsent = CryptoRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never

// A worker loads only the member client (through tsx, which workers do not inherit in Node 20)
// and answers prepare / finalize requests, importing each cohort key once.
const workerSource = (tsxApi: string, tokenClient: string) => `
const { parentPort } = require('node:worker_threads')
const ready = import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(tokenClient)}, ${JSON.stringify(import.meta.url)}))
const keys = new Map()
parentPort.on('message', async (request) => {
  try {
    const client = await ready
    if (!keys.has(request.publicKey)) {
      if (keys.size >= 32) keys.clear()
      keys.set(request.publicKey, client.importPublicKey(request.publicKey))
    }
    const key = await keys.get(request.publicKey)
    const result = request.op === 'prepare'
      ? await client.prepareToken(key)
      : await client.finalizeToken(request.prepared, key, request.blindSig)
    parentPort.postMessage({ id: request.id, result })
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: String(error && error.message || error) })
  }
})
`

/**
 * The same client in worker threads: blinding is big-number arithmetic in JavaScript, so on a
 * machine with several cores the members' "browsers" run beside the server instead of taking
 * turns with it on one thread.
 */
export function workerCrypto(threads: number): MemberCrypto {
  const source = workerSource(
    import.meta.resolve('tsx/esm/api'),
    import.meta.resolve('../web/member/token-client.ts'),
  )
  const pending = new Map<
    number,
    { resolve: (value: any) => void; reject: (error: Error) => void }
  >()
  const load = new Map<Worker, number>()
  let failure: Error | undefined
  let nextId = 0
  const fail = (error: Error) => {
    failure ??= new DemoError(`The member client's worker thread failed: ${error.message}`)
    for (const waiting of pending.values()) waiting.reject(failure)
    pending.clear()
  }
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(source, { eval: true })
    worker.on('message', ({ id, result, error }: CryptoReply) => {
      if (load.has(worker)) load.set(worker, load.get(worker)! - 1)
      const waiting = pending.get(id)
      pending.delete(id)
      if (error === undefined) waiting?.resolve(result)
      else waiting?.reject(new DemoError(`The member client failed: ${error}`))
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (load.delete(worker) && code !== 0) fail(new Error(`it stopped with code ${code}`))
    })
    load.set(worker, 0)
  }
  const send = <T>(request: Unsent): Promise<T> =>
    new Promise((resolve, reject) => {
      if (failure || load.size === 0)
        return reject(failure ?? new DemoError('The member client was closed.'))
      // The least busy thread.
      const [worker] = [...load.entries()].sort((a, b) => a[1] - b[1])[0]
      const id = nextId++
      pending.set(id, { resolve, reject })
      load.set(worker, load.get(worker)! + 1)
      worker.postMessage({ ...request, id })
    })
  return {
    prepare: (publicKey) => send({ op: 'prepare', publicKey }),
    finalize: (prepared, publicKey, blindSig) =>
      send({ op: 'finalize', publicKey, prepared, blindSig }),
    close: async () => {
      const workers = [...load.keys()]
      load.clear()
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The command line.

const usage = `Usage: npm run demo [-- [--force] [--weeks N] [--threads N]]

Fills the database at DATABASE_URL (default file:data/trustpulse.db) with a demo organizer
(${DEMO_EMAIL}), the community "${DEMO_COMMUNITY}" and a year of weekly trust pulses,
run through the real protocol. Then start the server with \`npm start\`.

  --force     add the demo even when the database already has organizers (their communities
              are never touched; an existing ${DEMO_EMAIL} gets a new password)
  --weeks N   run N weekly pulses instead of 52
  --threads N threads for the members' token client (default: the number of cores, at most
              4; 1 runs it in the main thread)
`

/** Explains what went wrong in words a person running the demo can act on. */
export function explain(error: unknown, where: { databaseUrl: string; dataDir: string }): string {
  if (error instanceof DemoError) return error.message
  const chain: any[] = []
  for (let e: any = error; e && chain.length < 5; e = e.cause) chain.push(e)
  const codes = chain.map((e) => String(e?.code ?? ''))
  // First lines only, and never a query's text or its parameters (Drizzle puts both in messages).
  const lines = chain
    .map((e) =>
      String(e?.message ?? e)
        .split(/params:/i)[0]
        .trim(),
    )
    .filter((m) => m && !/^Failed query/i.test(m))
    .map((m) => m.split('\n')[0].slice(0, 200))
  const reason = lines.join(': ') || 'unknown error'
  const fsError = chain.find((e) =>
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'EISDIR', 'EEXIST'].includes(e?.code),
  )
  if (fsError) {
    const why =
      fsError.code === 'EEXIST' || fsError.code === 'ENOTDIR'
        ? 'a file is in the way of a directory'
        : fsError.code
    return `Cannot write ${fsError.path ?? 'the data'} (${why}). The demo writes the database (DATABASE_URL=${where.databaseUrl}) and the server secret in DATA_DIR=${where.dataDir}: check that these paths exist or can be created and that this user may write them.`
  }
  if (
    codes.some((c) => /READONLY|CANTOPEN|PERM/.test(c)) ||
    /readonly|read-only|unable to open|permission/i.test(reason)
  ) {
    return `The database at ${where.databaseUrl} is not writable (${reason}). Check DATABASE_URL and that this user may write the file and its directory.`
  }
  if (
    codes.some((c) => /AUTH|UNAUTHORIZED/.test(c)) ||
    /fetch failed|ECONNREFUSED|ENOTFOUND|401|403/.test(reason)
  ) {
    return `Cannot use the database at ${where.databaseUrl} (${reason}). Check DATABASE_URL, and DATABASE_AUTH_TOKEN for a remote database.`
  }
  if (codes.some((c) => c.includes('BUSY')) || /database is locked/i.test(reason)) {
    return `The database at ${where.databaseUrl} is locked by another process. Try again in a moment.`
  }
  return `The demo failed: ${reason}`
}

/** A progress bar on stderr: one line redrawn in place on a terminal, else a line per ~10 %. */
function progressBar() {
  const tty = Boolean(process.stderr.isTTY)
  let lastTenth = -1
  const line = ({ pulses, weeks, responses }: DemoProgress) => {
    const filled = Math.round((pulses / weeks) * 10)
    return `[${'#'.repeat(filled)}${'-'.repeat(10 - filled)}] ${pulses}/${weeks} pulses, ${responses} responses`
  }
  return {
    update(p: DemoProgress) {
      if (tty) process.stderr.write(`\r${line(p)}`)
      else {
        const tenth = Math.floor((p.pulses / p.weeks) * 10)
        if (tenth > lastTenth || p.pulses === p.weeks) process.stderr.write(`${line(p)}\n`)
        lastTenth = tenth
      }
    },
    done() {
      if (tty) process.stderr.write('\n')
    },
  }
}

/** Makes sure the demo organizer exists with `password`, and says how. */
async function ensureOrganizer(
  db: Db,
  app: DemoApp,
  force: boolean,
  password: string,
): Promise<'created' | 'added' | 'reset'> {
  const [{ n }] = await db.select({ n: count() }).from(organizers)
  if (n === 0) {
    // First run: the ordinary setup request, as the setup page sends it.
    await new Caller(app).expect(201, 'Creating the demo organizer', 'POST', '/api/setup', {
      body: { email: DEMO_EMAIL, password, name: DEMO_NAME },
    })
    return 'created'
  }
  if (!force) {
    throw new DemoError(
      `This database already has ${n} organizer${n === 1 ? '' : 's'}, so it is not a fresh one. ` +
        'Run `npm run demo -- --force` to add the demo organizer and community next to what is there ' +
        `(existing communities are never touched; ${DEMO_EMAIL}, if it exists, gets a new password), ` +
        'or point DATABASE_URL at another database.',
    )
  }
  // Setup is closed once an organizer exists: the demo organizer is written directly.
  const passwordHash = await hashPassword(password)
  const [existing] = await db
    .select({ id: organizers.id })
    .from(organizers)
    .where(eq(organizers.email, DEMO_EMAIL))
  if (existing) {
    await db.update(organizers).set({ passwordHash }).where(eq(organizers.id, existing.id))
    return 'reset'
  }
  await db
    .insert(organizers)
    .values({ id: newId(), email: DEMO_EMAIL, name: DEMO_NAME, passwordHash })
  return 'added'
}

async function main() {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage)
    return
  }
  const force = args.includes('--force')
  let weeks = 52
  let threads = Math.min(availableParallelism(), 4)
  const numberAt = (i: number, max: number) =>
    /^\d+$/.test(args[i] ?? '') && Number(args[i]) >= 1 && Number(args[i]) <= max
      ? Number(args[i])
      : undefined
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--force') continue
    if (args[i] === '--weeks' && numberAt(i + 1, 260)) weeks = numberAt(++i, 260)!
    else if (args[i] === '--threads' && numberAt(i + 1, 16)) threads = numberAt(++i, 16)!
    else throw new DemoError(`Unknown or incomplete argument "${args[i]}".\n\n${usage}`)
  }

  const env = process.env
  const databaseUrl = env.DATABASE_URL ?? 'file:data/trustpulse.db'
  const dataDir = env.DATA_DIR ?? 'data'
  const where = { databaseUrl, dataDir }
  const began = performance.now()

  let db: Db
  let secret: Uint8Array
  try {
    secret = serverSecret(dataDir, env.SECRET_KEY)
  } catch (error) {
    if (env.SECRET_KEY)
      throw new DemoError(
        'SECRET_KEY must be at least 32 bytes in hex (64 digits) or base64url (43 characters), as for `npm start`.',
      )
    throw new DemoError(explain(error, where))
  }
  try {
    db = await openDatabase(databaseUrl, env.DATABASE_AUTH_TOKEN)
    // Fail now, not half-way: take the write lock once and let it go.
    const client = (db as unknown as { $client: Client }).$client
    const probe = await client.transaction('write')
    await probe.rollback()
    // A fill is rerun rather than recovered: WAL without a sync at every commit is consistent
    // after a crash, and much faster on a slow disk. The server opens its own connection.
    if (databaseUrl.startsWith('file:')) await client.execute('PRAGMA synchronous = NORMAL')
  } catch (error) {
    throw new DemoError(explain(error, where))
  }

  const clock = { now: Date.now() }
  const logs: string[] = []
  const background: Promise<unknown>[] = []
  const host = env.HOST ?? '127.0.0.1'
  const port = Number(env.PORT ?? 8787)
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host
  const url = env.PUBLIC_URL ?? `http://${shownHost}:${port}`
  const app = createApp({
    db,
    now: () => clock.now,
    secret,
    signer: createBlindSigner({ rawRsa: nodeRawRsa }),
    publicUrl: url,
    rateLimit: async () => true,
    background: (task) => void background.push(task),
    log: (line) => void logs.push(line),
  })

  const password = `demo-${randomToken(9)}`
  let account: Awaited<ReturnType<typeof ensureOrganizer>>
  let result: DemoResult
  const bar = progressBar()
  const memberCrypto = threads > 1 ? workerCrypto(threads) : inThreadCrypto()
  try {
    account = await ensureOrganizer(db, app, force, password)
    process.stderr.write(`Filling ${databaseUrl} with ${plural(weeks, 'weekly pulse')}…\n`)
    result = await fillDemo(app, {
      clock,
      weeks,
      login: { email: DEMO_EMAIL, password },
      memberCrypto,
      concurrency: threads * 2,
      onProgress: bar.update,
    })
    await Promise.all(background)
  } catch (error) {
    bar.done()
    const reason = explain(error, where)
    throw new DemoError(logs.length ? `${reason}\nServer log:\n  ${logs.join('\n  ')}` : reason)
  } finally {
    await memberCrypto.close()
    ;(db as unknown as { $client: Client }).$client.close()
  }
  bar.done()

  const seconds = ((performance.now() - began) / 1000).toFixed(1)
  const accountNote = {
    created: '',
    added: ' (added next to the existing organizers)',
    reset: ' (existing account; its password was reset)',
  }[account]
  process.stdout.write(
    [
      ``,
      `Demo ready in ${seconds} s: "${DEMO_COMMUNITY}", ${result.members} members, ${plural(result.pulseIds.length, 'weekly pulse')},`,
      `${plural(result.responses, 'response')} (${result.comments} with a comment); results of the last ${plural(result.sharedPulseIds.length, 'pulse')} are shared with members.`,
      ``,
      `Start the server with the same settings:  npm start`,
      `Then open ${url} and sign in:`,
      `  email     ${DEMO_EMAIL}${accountNote}`,
      `  password  ${password}`,
      ``,
    ].join('\n'),
  )
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  try {
    await main()
  } catch (error) {
    process.stderr.write(
      `\n${error instanceof DemoError ? error.message : explain(error, { databaseUrl: process.env.DATABASE_URL ?? 'file:data/trustpulse.db', dataDir: process.env.DATA_DIR ?? 'data' })}\n`,
    )
    process.exitCode = 1
  }
}

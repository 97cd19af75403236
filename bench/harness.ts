// What the benchmark modules share: the server child process (started once, on first use, and
// always stopped and deleted with its temporary database), an HTTP client for untimed setup
// steps, one load function over autocannon used by every timed phase, and a memory sampler.
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export const benchDir = dirname(fileURLToPath(import.meta.url))
export const rootDir = join(benchDir, '..')

/**
 * One figure. A rate is compared with the baseline measured in the same run: `baseline` when
 * the module measured it alongside (interleaved), else the earlier figure named by `relativeTo`.
 */
export interface Result {
  name: string
  value: number
  unit: string
  baseline?: number
  relativeTo?: string
}

/** A benchmark module: bench/run.ts runs them in order. */
export interface Benchmark {
  name: string
  run(): Promise<Result[]>
}

// ---------------------------------------------------------------------------------------------
// Problems found while loading: every request must get its expected status.

export interface Failure {
  phase: string
  detail: string
}

/** Unexpected statuses, transport errors and failed checks; any of them fails the run. */
export const failures: Failure[] = []

export function fail(phase: string, detail: string): void {
  failures.push({ phase, detail })
  console.error(`  ✗ ${phase}: ${detail}`)
}

// ---------------------------------------------------------------------------------------------
// The server child process.

export interface BenchServer {
  url: string
  pid: number
  /** The temporary libSQL file the server writes (WAL mode). */
  databaseFile: string
  /** The server secret (the parent knows it, to mint tokens with the server's sealed keys). */
  secret: Uint8Array
}

let started: Promise<BenchServer> | undefined
let child: ChildProcess | undefined
let tempDir: string | undefined

/** The server, started on first call: a child process on 127.0.0.1 over a fresh temp database. */
export function benchServer(): Promise<BenchServer> {
  return (started ??= startServer())
}

async function startServer(): Promise<BenchServer> {
  tempDir = mkdtempSync(join(tmpdir(), 'trustpulse-bench-'))
  const databaseFile = join(tempDir, 'bench.db')
  const secret = new Uint8Array(randomBytes(32))
  const proc = fork(join(benchDir, 'server.ts'), [], {
    // BENCH_SERVER_NODE_ARGS adds Node flags for the server only, e.g. '--cpu-prof'.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    cwd: rootDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${databaseFile}`,
      SECRET_KEY: Buffer.from(secret).toString('hex'),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  child = proc
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the bench server did not start within 60 s')),
      60_000,
    )
    proc.once('message', (message: { port?: number }) => {
      clearTimeout(timer)
      if (message?.port) resolve(message.port)
      else reject(new Error('the bench server sent no port'))
    })
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the bench server exited with code ${code} before it listened`))
    })
  })
  proc.on('exit', (code, signal) => {
    if (!stopping)
      fail('server', `the server process exited unexpectedly (code ${code}, signal ${signal})`)
  })
  return { url: `http://127.0.0.1:${port}`, pid: proc.pid!, databaseFile, secret }
}

let stopping = false

/** Stops the child (SIGTERM, then SIGKILL) and deletes the temporary database. Idempotent. */
export async function stopServer(): Promise<void> {
  stopping = true
  const proc = child
  child = undefined
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
  }
  removeTemp()
}

function removeTemp() {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  tempDir = undefined
}

/** Last resort on exit paths that cannot wait (process 'exit'): kill at once, delete the files. */
export function stopServerNow(): void {
  stopping = true
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  child = undefined
  removeTemp()
}

// ---------------------------------------------------------------------------------------------
// Untimed setup requests.

export interface Reply {
  status: number
  body: any
  text: string
  headers: Headers
}

/** A small JSON client; `cookie` is sent when given (an organizer session). */
export async function call(
  server: BenchServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: res.status, body: parsed, text, headers: res.headers }
}

/** `call` that throws unless the status is `expected`. */
export async function expectCall(
  server: BenchServer,
  expected: number,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<any> {
  const reply = await call(server, method, path, body, headers)
  if (reply.status !== expected) {
    throw new Error(
      `${method} ${path}: expected ${expected}, got ${reply.status}: ${reply.text.slice(0, 300)}`,
    )
  }
  return reply.body
}

let session: Promise<Record<string, string>> | undefined

/** Headers carrying the session of the first organizer (set up once per run). */
export function organizerHeaders(server: BenchServer): Promise<Record<string, string>> {
  return (session ??= (async () => {
    const res = await fetch(server.url + '/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'bench@example.org',
        password: 'a long bench password',
        name: 'Bench',
      }),
    })
    if (res.status !== 201)
      throw new Error(`setup: expected 201, got ${res.status}: ${await res.text()}`)
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    return { cookie }
  })())
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function inPool<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return out
}

// ---------------------------------------------------------------------------------------------
// Load.

export interface LoadOptions {
  /** Shown in the log and in failures. */
  phase: string
  path: string
  method?: 'POST' | 'GET'
  /** Concurrent keep-alive connections. */
  connections: number
  /**
   * At most this many requests, each built by `request(i)` (i = 0 … amount − 1), e.g. one per
   * prepared member or token. Without it, requests are made for `seconds`.
   */
  amount?: number
  /** Stop after this many seconds even if `amount` is not reached (default 10). */
  seconds?: number
  /** The status every request must get. */
  expect: number
  /** The i-th request's body and extra headers (a JSON content type is always sent). */
  request: (i: number) => { body: string; headers?: Record<string, string> }
  /** Sees every answer, e.g. to keep signatures for later checks. */
  onAnswer?: (i: number, status: number, body: string) => void
}

export interface LoadResult {
  /** Answers with the expected status per second, from the start to the last answer. */
  rate: number
  seconds: number
  /** Requests built (sent or about to be). */
  sent: number
  /** Answers with the expected status. */
  ok: number
  unexpected: number
  errors: number
  timeouts: number
  /** True when the time limit, not `amount`, ended the phase. */
  capped: boolean
  p50: number
  p99: number
  /** CPU seconds (user + system) the server process used during the phase. */
  serverCpu: number
}

/**
 * Loads the server with autocannon over `connections` keep-alive connections. Every request is
 * built afresh by `request(i)` (autocannon's setupRequest), so each may carry a different member
 * or token. Any answer without the expected status, and any transport error or timeout, is
 * recorded in `failures`. The rate counts expected answers over the time from the start to the
 * last answer (autocannon itself only notices the end at its next one-second tick).
 */
export async function load(server: BenchServer, options: LoadOptions): Promise<LoadResult> {
  const { phase, expect, request, onAnswer, amount } = options
  const seconds = options.seconds ?? 10
  let next = 0
  let ok = 0
  let last = 0
  const unexpected = new Map<number, { count: number; sample: string }>()
  type Ctx = { i?: number }
  const cpuBefore = cpuSeconds(server.pid)
  const started = performance.now()
  let tracker!: autocannon.Instance
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    tracker = autocannon(
      {
        url: server.url,
        connections: options.connections,
        ...(amount !== undefined ? { amount } : { duration: seconds }),
        timeout: 30,
        requests: [
          {
            method: options.method ?? 'POST',
            path: options.path,
            setupRequest: (req, context) => {
              // Only a reconnect after a transport error (itself a failure) asks for more than `amount`.
              const i = amount ? next++ % amount : next++
              ;(context as Ctx).i = i
              const { body, headers } = request(i)
              return {
                ...req,
                body,
                headers: { ...req.headers, 'content-type': 'application/json', ...headers },
              }
            },
            onResponse: (status, body, context) => {
              last = performance.now()
              const i = (context as Ctx).i ?? -1
              if (status === expect) ok++
              else {
                const seen = unexpected.get(status)
                if (seen) seen.count++
                else unexpected.set(status, { count: 1, sample: body.slice(0, 300) })
              }
              onAnswer?.(i, status, body)
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
  let capped = false
  const cap =
    amount === undefined
      ? undefined
      : setTimeout(() => ((capped = true), tracker.stop()), seconds * 1000)
  const result = await finished
  clearTimeout(cap)
  const elapsed = ((last || performance.now()) - started) / 1000
  let unexpectedCount = 0
  for (const [status, { count, sample }] of unexpected) {
    unexpectedCount += count
    fail(phase, `${count} answers with status ${status} instead of ${expect}, e.g. ${sample}`)
  }
  if (result.errors > 0) fail(phase, `${result.errors} transport errors`)
  if (result.timeouts > 0) fail(phase, `${result.timeouts} timeouts`)
  if (amount !== undefined && !capped && ok + unexpectedCount !== amount) {
    fail(phase, `${amount} requests planned, ${ok + unexpectedCount} answered`)
  }
  return {
    rate: ok / elapsed,
    seconds: elapsed,
    sent: next,
    ok,
    unexpected: unexpectedCount,
    errors: result.errors,
    timeouts: result.timeouts,
    capped,
    p50: result.latency.p50,
    p99: result.latency.p99,
    serverCpu: cpuSeconds(server.pid) - cpuBefore,
  }
}

/** Several load results as one: counts added, time summed, p50 averaged, worst p99. */
export function combine(results: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => results.reduce((total, r) => total + f(r), 0)
  const seconds = sum((r) => r.seconds)
  const ok = sum((r) => r.ok)
  return {
    rate: ok / seconds,
    seconds,
    sent: sum((r) => r.sent),
    ok,
    unexpected: sum((r) => r.unexpected),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    capped: results.some((r) => r.capped),
    p50: sum((r) => r.p50) / results.length,
    p99: Math.max(...results.map((r) => r.p99)),
    serverCpu: sum((r) => r.serverCpu),
  }
}

/**
 * Measures a workload and the baseline in alternating slices (baseline, subject, baseline, …),
 * `rounds` of each, so both see the same machine: on a shared 2-core machine the load from
 * other processes drifts within seconds, and a baseline measured a minute earlier would make the
 * ratio mostly noise. `subject(round)` gives each slice's options (e.g. the next members);
 * `during` wraps each subject slice (e.g. to sample memory).
 */
export async function interleaved(
  server: BenchServer,
  rounds: number,
  baseline: (round: number) => LoadOptions,
  subject: (round: number) => LoadOptions,
  during: <T>(slice: () => Promise<T>) => Promise<T> = (slice) => slice(),
): Promise<{ subject: LoadResult; baseline: LoadResult }> {
  const subjects: LoadResult[] = []
  const baselines: LoadResult[] = []
  for (let round = 0; round < rounds; round++) {
    baselines.push(await load(server, baseline(round)))
    subjects.push(await during(() => load(server, subject(round))))
  }
  return { subject: combine(subjects), baseline: combine(baselines) }
}

/**
 * One log line for a load phase. Server CPU per answer is the server process's CPU time divided
 * by the answers: unlike the rate it hardly depends on other load on the machine or on fsync.
 */
export function describeLoad(phase: string, r: LoadResult): string {
  const unexpected = r.unexpected ? ` (+${r.unexpected} unexpected)` : ''
  const cpu = r.ok ? `${((r.serverCpu * 1000) / r.ok).toFixed(2)} ms` : 'n/a'
  return (
    `  ${phase}: ${r.ok} answers${unexpected} in ${r.seconds.toFixed(1)} s` +
    `${r.capped ? ' (time limit)' : ''} → ${Math.round(r.rate)}/s; ` +
    `latency p50 ${Math.round(r.p50)} ms, p99 ${Math.round(r.p99)} ms; ` +
    `server CPU ${Math.round((r.serverCpu / r.seconds) * 100)}%, ${cpu} per answer`
  )
}

// ---------------------------------------------------------------------------------------------
// Memory of the server process.

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; NaN when unreadable. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN
  }
}

/** A field of /proc/<pid>/status in MB (kB / 1024), or NaN when unreadable. */
export function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    )
    return match ? Number(match[1]) / 1024 : NaN
  } catch {
    return NaN
  }
}

/** Samples the process's resident set every `everyMs` until stopped; returns the largest seen. */
export function sampleRss(pid: number, everyMs = 50): { stop(): number } {
  let peak = procStatusMb(pid, 'VmRSS')
  const timer = setInterval(() => {
    const now = procStatusMb(pid, 'VmRSS')
    if (now > peak || Number.isNaN(peak)) peak = now
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      const now = procStatusMb(pid, 'VmRSS')
      return Math.max(peak, Number.isNaN(now) ? 0 : now)
    },
  }
}

/** Connections for every timed phase, so the ratios compare like with like. */
export const CONNECTIONS = 24

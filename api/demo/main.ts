// `npm run demo`: fills the database that `npm start` serves with a demo community, a year of
// weekly trust pulses and fortnightly meetings, every pulse opened, answered and closed through
// the real protocol, and one pulse left open to answer as a member: the app
// is built by createApp and called in-process with `app.request`, on a clock this script moves
// forward week by week; members join with their invite keys and obtain blind-signed tokens with
// the real member client (web/member/token-client.ts), then answer without credentials.
//
//   npm run demo [-- [--force] [--weeks N] [--threads N]]
//
// Same settings as api/node.ts: DATABASE_URL (default file:data/trustpulse.db),
// DATABASE_AUTH_TOKEN, SECRET_KEY or SECRET_KEY_FILE (as for npm start), PUBLIC_URL,
// HOST and PORT (only for the address printed at the end).
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Client } from '@libsql/client'
import { count, eq } from 'drizzle-orm'
import { organizers } from '../../schema'
import { createApp } from '../app'
import { hashPassword } from '../auth/passwords'
import { newId, randomToken } from '../privacy/ids'
import type { Db } from '../db'
import { mondayMorning, WEEK } from './calendar'
import { DEMO_COMMUNITY, seededRandom } from './data'
import {
  Caller,
  DEMO_EMAIL,
  DEMO_NAME,
  DemoError,
  fillDemo,
  plural,
  type DemoApp,
  type DemoProgress,
  type DemoResult,
} from './fill'
import { trackMeetings } from './meetings'
import { openPulseNow, type OpenPulse } from './open-pulse'
import { demoSummary } from './summary'
import { answerComments, type AnsweredComments } from './threads'
import { explain } from './explain'
import { inThreadCrypto, workerCrypto } from './member-crypto'
import { openDatabase } from '../runtime/node-db'
import { nodeRawRsa } from '../runtime/node-raw-rsa'
import { defaultSecretFile, serverSecret } from '../runtime/node-support'
import { createBlindSigner } from '../privacy/blind-signing'

const usage = `Usage: npm run demo [-- [--force] [--weeks N] [--threads N]]

Fills the database at DATABASE_URL (default file:data/trustpulse.db) with a demo organizer
(${DEMO_EMAIL}), the community "${DEMO_COMMUNITY}", a year of weekly trust pulses run
through the real protocol, a planning meeting every other week, and one pulse open now. Then
start the server with \`npm start\` and open the addresses it prints: the organizer's sign-in
and a member's invitation.

  --force     add the demo even when the database already has organizers (their communities
              are never touched; an existing ${DEMO_EMAIL} gets a new password)
  --weeks N   run N weekly pulses instead of 52
  --threads N threads for the members' token client (default: the number of cores, at most
              4; 1 runs it in the main thread)
`

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
  const where = { databaseUrl, secretFile: env.SECRET_KEY_FILE ?? defaultSecretFile(env) }
  const began = performance.now()

  let db: Db
  let secret: Uint8Array
  try {
    secret = serverSecret(env).secret
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
    await client.batch([], 'write')
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
  const login = { email: DEMO_EMAIL, password }
  const now = clock.now
  const start = mondayMorning(now) - weeks * WEEK
  let account: Awaited<ReturnType<typeof ensureOrganizer>>
  let result: DemoResult
  let meetings: number
  let open: OpenPulse
  let answered: AnsweredComments
  const bar = progressBar()
  const memberCrypto = threads > 1 ? workerCrypto(threads) : inThreadCrypto()
  try {
    account = await ensureOrganizer(db, app, force, password)
    process.stderr.write(`Filling ${databaseUrl} with ${plural(weeks, 'weekly pulse')}…\n`)
    result = await fillDemo(app, {
      clock,
      start,
      weeks,
      login,
      memberCrypto,
      concurrency: threads * 2,
      onProgress: bar.update,
    })
    const random = seededRandom(weeks)
    meetings = await trackMeetings(app, {
      clock,
      login,
      communityId: result.communityId,
      start,
      weeks,
      random,
    })
    // Comments on the shared results answered: replies, and writers answering back.
    answered = await answerComments(app, db, { clock, login, result })
    clock.now = now
    open = await openPulseNow(app, {
      ...result,
      clock,
      login,
      weeks,
      random,
      memberCrypto,
      organizerName: DEMO_NAME,
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
  process.stdout.write(
    demoSummary({ seconds, url, account, login, result, meetings, open, answered }),
  )
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  try {
    await main()
  } catch (error) {
    process.stderr.write(
      `\n${error instanceof DemoError ? error.message : explain(error, { databaseUrl: process.env.DATABASE_URL ?? 'file:data/trustpulse.db', secretFile: process.env.SECRET_KEY_FILE ?? defaultSecretFile(process.env) })}\n`,
    )
    process.exitCode = 1
  }
}

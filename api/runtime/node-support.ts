import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { randomToken } from '../privacy/ids'
import type { Db } from '../db'
import type { RateLimiter } from '../deps'
import { parseServerSecret } from '../privacy/server-keys'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const webRoot = join(root, 'dist/web')

function newestChange(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds the front end with Vite when there is no build, or the sources changed since it was made. */
export async function buildFrontEnd(): Promise<void> {
  const built = join(webRoot, 'index.html')
  const sources = [join(root, 'web'), join(root, 'vite.config.ts')]
  const stale =
    !existsSync(built) ||
    sources.some(
      (s) =>
        (existsSync(s) ? (statSync(s).isDirectory() ? newestChange(s) : statSync(s).mtimeMs) : 0) >
        statSync(built).mtimeMs,
    )
  if (!stale) return
  console.log('Building the front end…')
  const { build } = await import('vite')
  for (const mode of ['production', 'member']) {
    await build({ configFile: join(root, 'vite.config.ts'), mode, logLevel: 'warn' })
  }
}

export interface SecretSettings {
  SECRET_KEY?: string
  SECRET_KEY_FILE?: string
  /** Older versions kept the secret in `<DATA_DIR>/secret.key` (default data/), beside the database. */
  DATA_DIR?: string
  XDG_CONFIG_HOME?: string
}

export interface ServerSecret {
  secret: Uint8Array
  /** The file it was read from or made in; undefined when it came from SECRET_KEY. */
  file?: string
}

/** Where a generated secret lives by default: the user's config folder, never the database's. */
export function defaultSecretFile(env: SecretSettings): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'trustpulse', 'secret.key')
}

/**
 * The server secret: `SECRET_KEY` (base64url or hex, at least 32 bytes) when set; else the key in
 * `SECRET_KEY_FILE`; else the one an older version made in `<DATA_DIR>/secret.key`, if it exists;
 * else a random key generated once into `defaultSecretFile` (mode 0600, outside the database's
 * folder, so a backup of that folder does not hold both).
 */
export function serverSecret(env: SecretSettings): ServerSecret {
  if (env.SECRET_KEY?.trim()) return { secret: parseServerSecret(env.SECRET_KEY) }
  const legacy = join(env.DATA_DIR ?? 'data', 'secret.key')
  const file = resolve(
    env.SECRET_KEY_FILE ?? (existsSync(legacy) ? legacy : defaultSecretFile(env)),
  )
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    writeFileSync(file, randomToken(32) + '\n', { mode: 0o600, flag: 'wx' })
  }
  return { secret: parseServerSecret(readFileSync(file, 'utf8')), file }
}

/**
 * A warning when the secret file sits in (or under) the folder of a local database file: one
 * copy of that folder would then hold both, and with them who was issued a token for an open pulse.
 */
export function secretBesideDatabase(
  secretFile: string | undefined,
  databaseUrl: string,
): string | undefined {
  if (!secretFile || !databaseUrl.startsWith('file:')) return undefined
  const folder = dirname(
    resolve(databaseUrl.slice('file:'.length).replace(/^\/\/(localhost)?/, '')),
  )
  const inside = relative(folder, resolve(secretFile))
  if (inside.startsWith('..') || resolve(inside) === inside) return undefined
  return (
    `warning: the server secret ${secretFile} is in the database's folder ${folder}: a backup of that folder holds both. ` +
    `Move it elsewhere and set SECRET_KEY_FILE to its path (SECURITY.md, "Backups").`
  )
}

const loopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.')

/**
 * The setup token in force: `SETUP_TOKEN` when set; otherwise, when the server listens beyond
 * this machine and no organizer exists yet, a one-time random token printed at start.
 */
export async function setupTokenFor(
  db: Db,
  host: string,
  configured?: string,
): Promise<string | undefined> {
  if (configured) return configured
  if (loopback(host)) return undefined
  const row = await db.get<{ done: number }>(sql`select exists (select 1 from organizers) as done`)
  return row?.done ? undefined : randomToken(18)
}

/** Counts attempts per key in memory (never in the database), at most `attempts` per window. */
export function memoryRateLimiter(options: { attempts: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>()
  return async (key) => {
    const now = Date.now()
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k)
    const window = windows.get(key)
    if (!window || window.resetAt <= now) {
      windows.set(key, { count: 1, resetAt: now + options.windowMs })
      return true
    }
    window.count++
    return window.count <= options.attempts
  }
}

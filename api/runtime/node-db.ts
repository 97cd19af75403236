import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type Client } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { schema, type Db } from '../db'
import type { DatabaseFiles } from '../deps'
import { openFileClient } from './libsql-file'

export const migrationsFolder = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../schema/migrations',
)

/**
 * Opens a libSQL database (a file, `:memory:`, or a remote URL), turns on WAL, secure delete and
 * foreign keys for local files, and applies the committed migrations.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Db> {
  if (url.startsWith('file:')) mkdirSync(dirname(resolve(url.slice(5))), { recursive: true })
  const local = url.startsWith('file:') || url === ':memory:'
  // One connection for a local database: the pragmas below hold per connection, and every
  // statement runs synchronously anyway (there are no interactive transactions to wait on).
  const client = local ? openFileClient(localPath(url)) : createClient({ url, authToken })
  if (url.startsWith('file:')) {
    await client.execute('PRAGMA journal_mode = WAL')
    // In WAL mode NORMAL keeps the database consistent and every commit survives a crash of
    // this process; only a power loss can drop the last commits before a checkpoint.
    await client.execute('PRAGMA synchronous = NORMAL')
  }
  if (local) {
    // Deleted rows are overwritten with zeros in the pages that held them, so what a close deletes
    // is gone from the main file and the pages written after it (DESIGN.md 7).
    await client.execute('PRAGMA secure_delete = ON')
    await client.execute('PRAGMA foreign_keys = ON')
    await client.execute('PRAGMA busy_timeout = 5000')
  }
  const db = drizzle(client, { schema })
  await migrate(db, { migrationsFolder })
  return db
}

/** The path in a `file:` URL (`file:data/x.db`, `file:/abs/x.db`, `file:///abs/x.db`), or ':memory:'. */
function localPath(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:'
  const rest = url.slice('file:'.length)
  if (rest.includes('?')) throw new Error(`DATABASE_URL ${url}: a local file URL takes no options`)
  return decodeURIComponent(rest.startsWith('//') ? rest.replace(/^\/\/(localhost)?/, '') : rest)
}

/**
 * What a local database file can do beyond SQL, for a database `openDatabase` opened from a
 * `file:` URL; undefined for `:memory:` and remote databases, whose files are not ours to manage.
 */
export function databaseFiles(db: Db, url: string): DatabaseFiles | undefined {
  if (!url.startsWith('file:') || localPath(url) === ':memory:') return undefined
  const client = (db as unknown as { $client: Client }).$client
  // TRUNCATE: the WAL is emptied to zero bytes, so frames holding deleted rows leave it too.
  const checkpoint = async () => void (await client.execute('PRAGMA wal_checkpoint(TRUNCATE)'))
  return {
    checkpoint,
    async compact() {
      await client.execute('VACUUM')
      await checkpoint()
    },
    async close() {
      if (client.closed) return
      await checkpoint()
      client.close()
    },
    async version() {
      const { rows } = await client.execute('PRAGMA user_version')
      return Number(rows[0][0])
    },
    async setVersion(version: number) {
      await client.execute(`PRAGMA user_version = ${Math.trunc(version)}`)
    },
  }
}

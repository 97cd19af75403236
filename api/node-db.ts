import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { schema, type Db } from './db'
import { openFileClient } from './libsql-file'

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/migrations')

/**
 * Opens a libSQL database (a file, `:memory:`, or a remote URL), turns on WAL and foreign keys
 * for local files, and applies the committed migrations.
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

import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { schema, type Db } from './db'

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../schema/migrations')

/**
 * Opens a libSQL database (a file, `:memory:`, or a remote URL), turns on WAL and foreign keys
 * for local files, and applies the committed migrations.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Db> {
  if (url.startsWith('file:')) mkdirSync(dirname(resolve(url.slice(5))), { recursive: true })
  const client = createClient({ url, authToken })
  const local = url.startsWith('file:') || url === ':memory:'
  if (url.startsWith('file:')) await client.execute('PRAGMA journal_mode = WAL')
  if (local) {
    await client.execute('PRAGMA foreign_keys = ON')
    await client.execute('PRAGMA busy_timeout = 5000')
  }
  const db = drizzle(client, { schema })
  await migrate(db, { migrationsFolder })
  return db
}

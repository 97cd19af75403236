// A database as an older version left it: the committed migrations up to one of them, applied with
// Drizzle's migrator (as `openDatabase` applies them), so applying the whole folder later runs
// exactly the newer ones, as an upgrade does.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { schema, type Db } from '../../api/db'
import { openFileClient } from '../../api/runtime/libsql-file'

/** The committed migrations: `NNNN_name.sql` files and `meta/_journal.json`. */
export const migrationsFolder = fileURLToPath(new URL('../../schema/migrations/', import.meta.url))

/** A fresh in-memory database, with foreign keys on, and no migration applied yet. */
export async function emptyDatabase(): Promise<Db> {
  const client = openFileClient(':memory:')
  await client.execute('PRAGMA foreign_keys = ON')
  return drizzle(client, { schema })
}

/** Applies the committed migrations numbered up to `last` (e.g. '0008'), and no later one. */
export async function migrateUpTo(db: Db, last: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trustpulse-migrations-'))
  try {
    mkdirSync(join(dir, 'meta'))
    const upTo = (name: string) => name.slice(0, 4) <= last
    for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql') && upTo(f)))
      copyFileSync(join(migrationsFolder, file), join(dir, file))
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'))
    journal.entries = journal.entries.filter((e: { tag: string }) => upTo(e.tag))
    if (!journal.entries.some((e: { tag: string }) => e.tag.startsWith(last)))
      throw new Error(`no migration ${last}`)
    writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal, null, 2))
    await migrate(db, { migrationsFolder: dir })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Applies every committed migration not yet applied, as the app does at start. */
export const migrateAll = (db: Db) => migrate(db, { migrationsFolder })

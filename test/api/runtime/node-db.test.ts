import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openDatabase } from '../../../api/runtime/node-db'

const test = suite('libSQL file database')

test('every query, even concurrent ones, runs with WAL, NORMAL sync and foreign keys on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trustpulse-db-'))
  try {
    const db = await openDatabase(`file:${join(dir, 'db.sqlite')}`)
    const pragmas = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.get<{ fk: number; sync: number; mode: string }>(
          sql`select (select foreign_keys from pragma_foreign_keys) as fk,
                     (select synchronous from pragma_synchronous) as sync,
                     (select journal_mode from pragma_journal_mode) as mode`,
        ),
      ),
    )
    for (const p of pragmas) assert.equal({ ...p }, { fk: 1, sync: 1, mode: 'wal' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()

import { sql, type SQL } from 'drizzle-orm'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import * as schema from '../../schema'

/**
 * The database as the app sees it. libSQL (Node, Turso) and D1 (Workers) share Drizzle's async
 * SQLite API, including the atomic `batch`; the D1 binding is adapted to this type in worker.ts.
 */
export type Db = LibSQLDatabase<typeof schema>

export { schema }

/** SQLite allows 999 bound parameters, D1 100 per statement: bulk writes go in chunks. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Rows changed by a write, from a libSQL (`rowsAffected`) or D1 (`meta.changes`) result. */
export function rowsAffected(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number } }
  return r.rowsAffected ?? r.meta?.changes ?? 0
}

/**
 * `column in (values)` with all the values in one JSON parameter, so a long list never exceeds
 * D1's 100 bound parameters per statement.
 */
export function inJson(column: SQLiteColumn, values: string[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`
}

/**
 * One value per database, made on first use: a query built and prepared once (building a Drizzle
 * query costs more than running the small ones every member calls; `make` returns
 * `query.prepare()` with `sql.placeholder`s), or a cache of what never changes once written.
 */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>()
  return (db) => {
    let value = byDb.get(db)
    if (!value) byDb.set(db, (value = make(db)))
    return value
  }
}

/** A UNIQUE constraint failure, from libSQL (as the query error's cause) or D1 (in the message). */
export function isUniqueViolation(error: unknown): boolean {
  const messages = [error, (error as { cause?: unknown })?.cause].map((e) =>
    String((e as Error)?.message ?? ''),
  )
  return messages.some((m) => /UNIQUE constraint failed/i.test(m))
}

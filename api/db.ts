import { sql, type SQL } from 'drizzle-orm'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import * as schema from '../schema'

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
 * A query built and prepared once per database, for the routes every member calls: building a
 * Drizzle query costs more than running these small ones. `build` gets the database and returns
 * `query.prepare()` with `sql.placeholder`s for the values.
 */
export function preparedQuery<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const byDb = new WeakMap<Db, Q>()
  return (db) => {
    let query = byDb.get(db)
    if (!query) byDb.set(db, (query = build(db)))
    return query
  }
}

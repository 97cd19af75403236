import type { LibSQLDatabase } from 'drizzle-orm/libsql'
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

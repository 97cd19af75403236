// A libSQL client for a database on this machine (a file, or `:memory:`) that prepares each SQL
// text once. @libsql/client's file client prepares every statement on every call, and learns
// that a write returns no rows by catching an exception each time; on the member routes that was
// half of a request's database time. This client gives Drizzle the same results and errors as
// @libsql/client (rows as arrays with named columns, integers as numbers, LibsqlError with the
// SQLite code) through the same `libsql` engine; remote URLs still go through @libsql/client.
import { Buffer } from 'node:buffer'
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Row,
  type TransactionMode,
} from '@libsql/client'
import Database from 'libsql'
import { Lru } from '../privacy/lru'

type Statement = ReturnType<Database.Database['prepare']>
type Prepared = {
  statement: Statement
  columns?: string[]
  columnTypes?: string[]
  changesSchema?: boolean
}

/** Statements kept prepared; the app has a few hundred distinct SQL texts. */
const KEPT_STATEMENTS = 1000

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
}

/**
 * Opens `path` (a file path or ':memory:') with one connection. Every call runs synchronously
 * to its end, so statements of different callers never interleave and a batch is one
 * transaction with nothing else inside it. Interactive transactions are refused: the app writes
 * atomically with `batch` only, as D1 requires.
 */
export function openFileClient(path: string): Client {
  const db = new Database(path)
  const kept = new Lru<Prepared>(KEPT_STATEMENTS)
  let closed = false

  function prepared(sql: string): Prepared {
    let entry = kept.get(sql)
    if (entry) return entry
    const statement = db.prepare(sql)
    statement.safeIntegers(true)
    entry = { statement, changesSchema: /^\s*(create|alter|drop)\b/i.test(sql) }
    if (statement.reader) {
      statement.raw(true)
      const columns = statement.columns()
      entry.columns = columns.map((c) => c.name)
      entry.columnTypes = columns.map((c) => c.type ?? '')
    }
    kept.set(sql, entry)
    return entry
  }

  /** After a schema change (DDL, a migration): a kept `select *` would still name its old columns. */
  function forgetStatements() {
    kept.clear()
  }

  function run(stmt: InStatement | [string, InArgs?]): ResultSet {
    const { sql, args } = normalize(stmt)
    try {
      const { statement, columns, columnTypes, changesSchema } = prepared(sql)
      if (columns) {
        const rows = (statement.all(args) as unknown[][]).map((values) => rowOf(values, columns))
        return result(columns, columnTypes!, rows, 0, undefined)
      }
      const info = statement.run(args)
      if (changesSchema) forgetStatements()
      return result([], [], [], info.changes, BigInt(info.lastInsertRowid))
    } catch (error) {
      throw libsqlError(error)
    }
  }

  /** Runs `stmts` between `begin` and COMMIT; anything failing rolls all of them back. */
  function inTransaction(
    begin: string,
    stmts: Array<InStatement | [string, InArgs?]>,
  ): ResultSet[] {
    run(begin)
    try {
      const results = stmts.map((stmt, i) => {
        try {
          return run(stmt)
        } catch (error) {
          const e = error as LibsqlError
          throw new LibsqlBatchError(
            e.message,
            i,
            e.code,
            e.extendedCode,
            e.rawCode,
            (e.cause as Error) ?? e,
          )
        }
      })
      run('COMMIT')
      return results
    } finally {
      if (db.inTransaction) run('ROLLBACK')
    }
  }

  function checkOpen() {
    if (closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED')
  }

  const client = {
    protocol: 'file',
    get closed() {
      return closed
    },
    async execute(stmtOrSql: InStatement, args?: InArgs) {
      checkOpen()
      return run(typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql)
    },
    async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred') {
      checkOpen()
      return inTransaction(BEGIN[mode], stmts)
    },
    async migrate(stmts: InStatement[]) {
      checkOpen()
      run('PRAGMA foreign_keys = OFF')
      try {
        return inTransaction(BEGIN.deferred, stmts)
      } finally {
        run('PRAGMA foreign_keys = ON')
        forgetStatements()
      }
    },
    async executeMultiple(sql: string) {
      checkOpen()
      try {
        db.exec(sql)
      } catch (error) {
        throw libsqlError(error)
      } finally {
        forgetStatements()
      }
    },
    async transaction(): Promise<never> {
      throw new LibsqlError(
        'Interactive transactions are not supported on this connection; write atomically with batch().',
        'TRANSACTION_UNSUPPORTED',
      )
    },
    async sync() {
      return undefined
    },
    reconnect() {},
    close() {
      if (closed) return
      closed = true
      kept.clear()
      db.close()
    },
  }
  return client as unknown as Client
}

function normalize(stmt: InStatement | [string, InArgs?]): {
  sql: string
  args: unknown[] | Record<string, unknown>
} {
  if (typeof stmt === 'string') return { sql: stmt, args: [] }
  const [sql, args] = Array.isArray(stmt) ? [stmt[0], stmt[1] ?? []] : [stmt.sql, stmt.args ?? []]
  if (Array.isArray(args)) return { sql, args: args.map(toSql) }
  const named: Record<string, unknown> = {}
  for (const name in args) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(args[name])
  return { sql, args: named }
}

/** A bound value as libSQL takes it, with @libsql/client's rules for the JavaScript types. */
function toSql(value: InValue): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments')
    return value
  }
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof ArrayBuffer) return Buffer.from(value)
  if (value instanceof Date) return value.valueOf()
  if (value === undefined)
    throw new TypeError('undefined cannot be passed as argument to the database')
  return value
}

/** A value as @libsql/client returns it with intMode 'number'. */
function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError(
        'Received integer which cannot be safely represented as a JavaScript number',
      )
    return Number(value)
  }
  if (value instanceof Buffer)
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
  return value
}

/** A row as @libsql/client makes it: values by index, and by column name (enumerable). */
function rowOf(values: unknown[], columns: string[]): Row {
  const row: Record<string | number, unknown> = {}
  Object.defineProperty(row, 'length', { value: values.length })
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i])
    Object.defineProperty(row, i, { value })
    if (!Object.hasOwn(row, columns[i])) {
      Object.defineProperty(row, columns[i], {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      })
    }
  }
  return row as unknown as Row
}

function result(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((r) => Array.from(r as ArrayLike<unknown>)),
      rowsAffected,
    }),
  }
}

/** SQLite's errors as @libsql/client reports them: the base code, the extended one, the cause. */
function libsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error
  const rawCode = (error as { rawCode?: number }).rawCode
  const code =
    rawCode === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[rawCode & 0xff] ?? 'SQLITE_UNKNOWN')
  return new LibsqlError(error.message, code, (error as { code?: string }).code, rawCode, error)
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE',
  28: 'SQLITE_WARNING',
}

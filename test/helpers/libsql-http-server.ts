// A test double of a libSQL server (sqld / Turso) over HTTP: enough of the Hrana protocol, JSON
// encoding, versions 2 and 3 (`POST /v2/pipeline`, `POST /v3/pipeline`), for @libsql/client/web
// and drizzle-orm/libsql/web, on top of the `libsql` npm package (SQLite, better-sqlite3 API).
// Not a real sqld: one connection for all streams (a stream inside an explicit transaction holds
// it until it commits, rolls back or closes), no cursors, no protobuf, no replication.
//
// What the client sends (node_modules/@libsql/hrana-client/lib-esm/http/stream.js, json_encode.js):
// `{ baton?, requests: [{ type: "execute", stmt } | { type: "batch", batch: { steps } } |
// { type: "sequence", sql } | { type: "store_sql", sql_id, sql } | { type: "close_sql", sql_id } |
// { type: "get_autocommit" } | { type: "close" }] }`, and expects `{ baton, base_url, results }`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface Statement {
  reader: boolean
  raw(toggle?: boolean): Statement
  safeIntegers(toggle?: boolean): Statement
  columns(): { name: string; type: string | null }[]
  all(params: unknown): unknown[][]
  run(params: unknown): { changes: number; lastInsertRowid: number | bigint }
}
interface Database {
  prepare(sql: string): Statement
  exec(sql: string): void
  close(): void
  readonly inTransaction: boolean
}
const Libsql = require('libsql') as new (path: string) => Database

// Hrana's JSON shapes (https://github.com/tursodatabase/libsql/blob/main/docs/HRANA_3_SPEC.md).
type Value =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string }
interface Stmt {
  sql?: string
  sql_id?: number
  args?: Value[]
  named_args?: { name: string; value: Value }[]
  want_rows?: boolean
}
type Cond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: Cond }
  | { type: 'and' | 'or'; conds: Cond[] }
  | { type: 'is_autocommit' }
interface StepResult {
  cols: { name: string; decltype: string | null }[]
  rows: Value[][]
  affected_row_count: number
  last_insert_rowid: string | null
}
interface HranaError {
  message: string
  code?: string
}

class StreamError extends Error {}

function fromValue(value: Value): unknown {
  switch (value.type) {
    case 'null':
      return null
    case 'integer':
      return BigInt(value.value)
    case 'float':
      return value.value
    case 'text':
      return value.value
    case 'blob':
      return Buffer.from(value.base64, 'base64')
    default:
      throw new StreamError(`unknown value type ${(value as { type: string }).type}`)
  }
}

function toValue(value: unknown): Value {
  if (value === null || value === undefined) return { type: 'null' }
  if (typeof value === 'bigint') return { type: 'integer', value: String(value) }
  if (typeof value === 'number') return { type: 'float', value }
  if (typeof value === 'string') return { type: 'text', value }
  if (value instanceof Uint8Array)
    return { type: 'blob', base64: Buffer.from(value).toString('base64') }
  throw new StreamError(`cannot encode a ${typeof value}`)
}

const errorOf = (error: unknown): HranaError => {
  const e = error as { message?: string; code?: string }
  return { message: e?.message ?? String(error), code: e?.code ?? 'UNKNOWN' }
}

const writes = /^\s*(insert|update|delete|replace|with\b[\s\S]*\b(insert|update|delete)\b)/i

export interface LibsqlHttpServer {
  url: string
  server: Server
  /** Every Hrana request type received, in order (for tests). */
  seen: string[]
  close(): Promise<void>
}

/**
 * Starts the double on 127.0.0.1 (`port` 0: any free port) over a database at `path`
 * (default `:memory:`). With `authToken`, requests must carry `Authorization: Bearer <token>`.
 */
export async function startLibsqlHttpServer(
  options: { path?: string; port?: number; authToken?: string } = {},
): Promise<LibsqlHttpServer> {
  const db = new Libsql(options.path ?? ':memory:')
  db.exec('PRAGMA foreign_keys = ON')
  const seen: string[] = []
  const streams = new Map<string, { sqls: Map<number, string> }>()
  // The stream whose explicit transaction holds the connection, and who waits for it.
  let owner: object | undefined
  const waiting: (() => void)[] = []

  const sqlOf = (stmt: { sql?: string; sql_id?: number }, sqls: Map<number, string>) => {
    if (stmt.sql !== undefined) return stmt.sql
    const stored = stmt.sql_id !== undefined ? sqls.get(stmt.sql_id) : undefined
    if (stored === undefined) throw new StreamError(`SQL text ${stmt.sql_id} was not stored`)
    return stored
  }

  function execute(stmt: Stmt, sqls: Map<number, string>): StepResult {
    const sql = sqlOf(stmt, sqls)
    const prepared = db.prepare(sql)
    let params: unknown = (stmt.args ?? []).map(fromValue)
    if (stmt.named_args?.length) {
      // The libsql package takes names without their prefix (:name, @name, $name).
      params = Object.fromEntries(
        stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ''), fromValue(a.value)]),
      )
    }
    if (prepared.reader) {
      prepared.raw(true).safeIntegers(true)
      const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }))
      const rows = prepared.all(params)
      // sqlite3_changes() for a write with RETURNING; a read changes nothing.
      let affected = 0
      let rowid: string | null = null
      if (writes.test(sql)) {
        const [changes, last] = db
          .prepare('select changes(), last_insert_rowid()')
          .raw(true)
          .safeIntegers(true)
          .all([])[0]
        affected = Number(changes)
        rowid = String(last)
      }
      return {
        cols,
        rows: stmt.want_rows === false ? [] : rows.map((r) => r.map(toValue)),
        affected_row_count: affected,
        last_insert_rowid: rowid,
      }
    }
    const info = prepared.run(params)
    return {
      cols: [],
      rows: [],
      affected_row_count: info.changes,
      last_insert_rowid: String(info.lastInsertRowid),
    }
  }

  function holds(
    results: (StepResult | null)[],
    errors: (HranaError | null)[],
    cond: Cond,
  ): boolean {
    switch (cond.type) {
      case 'ok':
        return results[cond.step] != null
      case 'error':
        return errors[cond.step] != null
      case 'not':
        return !holds(results, errors, cond.cond)
      case 'and':
        return cond.conds.every((c) => holds(results, errors, c))
      case 'or':
        return cond.conds.some((c) => holds(results, errors, c))
      case 'is_autocommit':
        return !db.inTransaction
      default:
        throw new StreamError(`unknown condition ${(cond as { type: string }).type}`)
    }
  }

  function batch(steps: { condition?: Cond; stmt: Stmt }[], sqls: Map<number, string>) {
    const results: (StepResult | null)[] = []
    const errors: (HranaError | null)[] = []
    for (const step of steps) {
      results.push(null)
      errors.push(null)
      const i = results.length - 1
      if (step.condition && !holds(results, errors, step.condition)) continue
      try {
        results[i] = execute(step.stmt, sqls)
      } catch (error) {
        if (error instanceof StreamError) throw error
        errors[i] = errorOf(error)
      }
    }
    return { step_results: results, step_errors: errors }
  }

  function handle(
    request: any,
    stream: { sqls: Map<number, string> },
  ): { type: 'ok'; response: unknown } | { type: 'error'; error: HranaError } {
    seen.push(request.type)
    try {
      switch (request.type) {
        case 'execute':
          return {
            type: 'ok',
            response: { type: 'execute', result: execute(request.stmt, stream.sqls) },
          }
        case 'batch':
          return {
            type: 'ok',
            response: { type: 'batch', result: batch(request.batch.steps, stream.sqls) },
          }
        case 'sequence':
          db.exec(sqlOf(request, stream.sqls))
          return { type: 'ok', response: { type: 'sequence' } }
        case 'store_sql':
          stream.sqls.set(request.sql_id, request.sql)
          return { type: 'ok', response: { type: 'store_sql' } }
        case 'close_sql':
          stream.sqls.delete(request.sql_id)
          return { type: 'ok', response: { type: 'close_sql' } }
        case 'get_autocommit':
          return {
            type: 'ok',
            response: { type: 'get_autocommit', is_autocommit: !db.inTransaction },
          }
        case 'close':
          return { type: 'ok', response: { type: 'close' } }
        default:
          throw new StreamError(`unsupported request type ${request.type}`)
      }
    } catch (error) {
      if (error instanceof StreamError)
        return { type: 'error', error: { message: error.message, code: 'PROTO_ERROR' } }
      return { type: 'error', error: errorOf(error) }
    }
  }

  async function pipeline(body: { baton?: string | null; requests: any[] }) {
    let key = body.baton ?? undefined
    const stream = key === undefined ? { sqls: new Map<number, string>() } : streams.get(key)
    if (!stream)
      throw Object.assign(new Error('The stream has expired or its baton is unknown.'), {
        status: 400,
      })
    if (key !== undefined) streams.delete(key)
    // Another stream's open transaction holds the connection: wait until it ends.
    while (owner && owner !== stream) await new Promise<void>((r) => waiting.push(r))
    const results = body.requests.map((r) => handle(r, stream))
    const closed = body.requests.some((r) => r.type === 'close')
    if (closed && db.inTransaction) db.exec('ROLLBACK') // sqld rolls back what a closed stream left open
    owner = db.inTransaction ? stream : undefined
    if (!owner) waiting.splice(0).forEach((wake) => wake())
    key = closed ? undefined : randomBytes(12).toString('base64url')
    if (key) streams.set(key, stream)
    return { baton: key ?? null, base_url: null, results }
  }

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (options.authToken && req.headers.authorization !== `Bearer ${options.authToken}`) {
        return reply(res, 401, { message: 'Unauthorized' })
      }
      const path = new URL(req.url ?? '/', 'http://x').pathname
      if (req.method === 'GET' && (path === '/v2' || path === '/v3' || path === '/health'))
        return reply(res, 200, {})
      if (req.method === 'POST' && (path === '/v2/pipeline' || path === '/v3/pipeline')) {
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        return reply(res, 200, await pipeline(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      }
      return reply(res, 404, {
        message: `No ${req.method} ${path} here (JSON Hrana v2/v3 pipelines only).`,
      })
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500
      return reply(res, status, { message: (error as Error).message })
    }
  })
  await new Promise<void>((ready) => server.listen(options.port ?? 0, '127.0.0.1', ready))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => {
          db.close()
          done()
        })
      }),
  }
}

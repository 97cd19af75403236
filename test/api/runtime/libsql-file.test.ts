// The file client (api/runtime/libsql-file.ts) must answer exactly as @libsql/client's does: the same
// statements run on both, side by side, and every result and error is compared.
import {
  createClient,
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InStatement,
} from '@libsql/client'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openFileClient } from '../../../api/runtime/libsql-file'

const test = suite<{ ours: Client; theirs: Client }>('libSQL file client')

test.before.each((context) => {
  context.ours = openFileClient(':memory:')
  context.theirs = createClient({ url: ':memory:' })
})
test.after.each(({ ours, theirs }) => {
  ours.close()
  theirs.close()
})

/** A result as plain data: rows by index and by name, with value types kept. */
function plain(result: {
  columns: string[]
  columnTypes: string[]
  rows: unknown[]
  rowsAffected: number
  lastInsertRowid?: bigint
}) {
  const value = (v: unknown) => (v instanceof ArrayBuffer ? { bytes: [...new Uint8Array(v)] } : v)
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    rows: result.rows.map((row) => ({
      byIndex: Array.from(row as ArrayLike<unknown>, value),
      byName: Object.fromEntries(Object.entries(row as object).map(([k, v]) => [k, value(v)])),
      length: (row as ArrayLike<unknown>).length,
    })),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
  }
}

async function outcome(run: () => Promise<unknown>) {
  try {
    const result = await run()
    return { ok: Array.isArray(result) ? result.map(plain) : plain(result as never) }
  } catch (error) {
    const e = error as LibsqlError & { statementIndex?: number }
    return {
      error: {
        kind:
          e instanceof LibsqlBatchError
            ? 'batch'
            : e instanceof LibsqlError
              ? 'libsql'
              : (error as Error).constructor.name,
        message: e.message,
        code: e.code,
        extendedCode: e.extendedCode,
        rawCode: e.rawCode,
        statementIndex: e.statementIndex,
        causeMessage: (e.cause as Error | undefined)?.message,
      },
    }
  }
}

/** Runs the same call on both clients and requires equal outcomes. */
async function same(
  context: { ours: Client; theirs: Client },
  call: (client: Client) => Promise<unknown>,
  what: string,
) {
  const [ours, theirs] = [
    await outcome(() => call(context.ours)),
    await outcome(() => call(context.theirs)),
  ]
  assert.equal(ours, theirs, what)
  return ours
}

const schema = [
  'create table t (id text primary key, n integer, r real, b blob, s text) without rowid',
  'create table u (id integer primary key, t_id text references t(id))',
]

test('reads and writes give the same rows, counts and types', async (context) => {
  for (const sql of schema) await same(context, (c) => c.execute(sql), sql)
  const statements: InStatement[] = [
    {
      sql: 'insert into t values (?, ?, ?, ?, ?)',
      args: ['a', 1, 1.5, new Uint8Array([1, 2, 3]), 'x'],
    },
    {
      sql: 'insert into t values (:id, :n, $r, @b, :s)',
      args: { id: 'b', n: 9007199254740991, r: -0.25, b: null, s: 'ü' },
    },
    {
      sql: 'insert into t (id, n, s) values (?, ?, ?)',
      args: ['c', true, new Date(1_700_000_000_000) as never],
    },
    { sql: 'insert into t (id, b) values (?, ?)', args: ['d', new Uint8Array([9]).buffer] },
    "insert into u (t_id) values ('a')",
    "insert into u (t_id) values ('b')",
    "update t set n = n + 1 where id in ('a', 'c')",
    'select * from t order by id',
    'select id, n as id from t order by id',
    'select count(*) as n, sum(r) as total from t',
    'select * from u',
    "select * from t where id = 'none'",
    "insert into t (id, n) values ('e', 5) returning id, n",
    "delete from t where id = 'e'",
    { sql: 'select ? as a, ? as b, ? as c', args: [null, 'text', 2n] },
  ]
  for (const stmt of statements)
    await same(
      context,
      (c) => c.execute(stmt),
      JSON.stringify(stmt, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)),
    )
  // Each statement again, now answered from the kept prepared statements.
  for (const stmt of statements.slice(-8)) await same(context, (c) => c.execute(stmt), 'repeated')
  await same(context, (c) => c.execute('select 9007199254740992 as big'), 'an unsafe integer')
})

test('errors carry the same codes, messages and causes, and a failed statement can run again', async (context) => {
  for (const sql of schema) (await context.ours.execute(sql), await context.theirs.execute(sql))
  const insert = { sql: 'insert into t (id) values (?)', args: ['a'] }
  await same(context, (c) => c.execute(insert), 'first insert')
  const refused = await same(context, (c) => c.execute(insert), 'duplicate key')
  assert.match(JSON.stringify(refused), /UNIQUE constraint failed: t\.id/)
  await same(context, (c) => c.execute("insert into u (t_id) values ('none')"), 'foreign key')
  await same(context, (c) => c.execute('select * from nowhere'), 'no such table')
  await same(context, (c) => c.execute('select ?', [Number.NaN]), 'NaN argument')
  await same(
    context,
    (c) => c.execute({ sql: 'select ?', args: [undefined as never] }),
    'undefined argument',
  )
  await same(
    context,
    (c) => c.execute({ sql: 'insert into t (id) values (?)', args: ['b'] }),
    'the refused statement runs again',
  )
})

test('a batch is one transaction: all of it or, after any failure, none of it', async (context) => {
  for (const sql of schema) (await context.ours.execute(sql), await context.theirs.execute(sql))
  await same(
    context,
    (c) =>
      c.batch(
        [
          "insert into t (id, n) values ('a', 1)",
          { sql: 'insert into t (id, n) values (?, ?)', args: ['b', 2] },
          'select count(*) as n from t',
        ],
        'write',
      ),
    'a batch that succeeds',
  )
  const failed = await same(
    context,
    (c) =>
      c.batch([
        "insert into t (id) values ('c')",
        'update t set n = 10',
        "insert into t (id) values ('a')",
        "insert into t (id) values ('d')",
      ]),
    'a batch that fails at its third statement',
  )
  assert.is((failed as { error: { statementIndex: number } }).error.statementIndex, 2)
  await same(
    context,
    (c) => c.execute('select id, n from t order by id'),
    'nothing of the failed batch stays',
  )
  await same(
    context,
    (c) => c.batch([], 'write'),
    'an empty batch takes and releases the write lock',
  )
  await same(
    context,
    (c) => c.execute("insert into t (id) values ('z')"),
    'the connection is usable after a failed batch',
  )
})

test('migrate runs with foreign keys off and turns them back on', async (context) => {
  for (const sql of schema) (await context.ours.execute(sql), await context.theirs.execute(sql))
  for (const c of [context.ours, context.theirs]) await c.execute('PRAGMA foreign_keys = ON')
  await same(
    context,
    (c) => c.migrate([{ sql: 'insert into u (t_id) values (?)', args: ['dangling'] }]),
    'a dangling reference during migration',
  )
  await same(
    context,
    (c) =>
      c.execute(
        'select (select foreign_keys from pragma_foreign_keys) as fk, count(*) as n from u',
      ),
    'after migrate',
  )
})

test('a schema change is seen by the statements run before it', async (context) => {
  for (const c of [context.ours, context.theirs]) {
    await c.execute('create table m (a integer)')
    await c.execute('insert into m values (1)')
  }
  await same(context, (c) => c.execute('select * from m'), 'before')
  await same(
    context,
    (c) => c.migrate([{ sql: "alter table m add column b text default 'x'", args: [] }]),
    'migration',
  )
  await same(context, (c) => c.execute('select * from m'), 'after a migration')
  await same(
    context,
    (c) => c.executeMultiple('alter table m rename column b to c'),
    'executeMultiple',
  )
  await same(context, (c) => c.execute('select * from m'), 'after executeMultiple')
  await same(context, (c) => c.execute('alter table m drop column c'), 'execute')
  await same(context, (c) => c.execute('select * from m'), 'after DDL through execute')
})

test('more distinct statements than it keeps prepared still all run', async ({ ours }) => {
  await ours.execute('create table k (n integer)')
  for (let i = 0; i < 1100; i++) await ours.execute(`insert into k values (${i})`)
  for (let i = 0; i < 5; i++) await ours.execute(`insert into k values (${i})`)
  const { rows } = await ours.execute('select count(*) as n, sum(n) as total from k')
  assert.equal({ ...rows[0] }, { n: 1105, total: (1099 * 1100) / 2 + 10 })
})

test('interactive transactions are refused, and a closed client says so', async ({ ours }) => {
  const refused = await ours.transaction('write').catch((e: LibsqlError) => e)
  assert.instance(refused, LibsqlError)
  assert.match((refused as LibsqlError).message, /batch/)
  ours.close()
  assert.ok(ours.closed)
  const closed = await ours.execute('select 1').catch((e: LibsqlError) => e)
  assert.is((closed as LibsqlError).code, 'CLIENT_CLOSED')
})

test.run()

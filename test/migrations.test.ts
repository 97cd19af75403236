// Migrations that move data: what an open pulse stored before them is still there after.
import { createClient } from '@libsql/client'
import { readdirSync, readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const test = suite('migrations')
const dir = new URL('../schema/migrations/', import.meta.url)
const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()

/** Applies the migration files whose names start with the given numbers, statement by statement. */
async function apply(client: ReturnType<typeof createClient>, numbers: string[]) {
  for (const file of files.filter((f) => numbers.includes(f.slice(0, 4)))) {
    for (const statement of readFileSync(new URL(file, dir), 'utf8').split('--> statement-breakpoint')) {
      if (statement.trim()) await client.execute(statement)
    }
  }
}

test("0003 moves each response's answers into the response row and stays WITHOUT ROWID", async () => {
  const client = createClient({ url: ':memory:' })
  await apply(client, ['0000', '0001', '0002'])
  // Rows of an open pulse as 0002 stored them (no parent rows: only these tables matter here).
  await client.execute('PRAGMA foreign_keys = OFF')
  await client.batch([
    "insert into responses (pulse_id, id, key_id) values ('p', 'r1', 'k1'), ('p', 'r2', 'k2'), ('q', 'r3', 'k1')",
    `insert into answers (pulse_id, response_id, question_id, value) values
      ('p', 'r1', 'a', '4'), ('p', 'r1', 'b', '["x","y"]'), ('p', 'r1', 'c', 'true'),
      ('p', 'r2', 'a', '2'), ('p', 'r2', 'd', '"Option"')`,
  ])
  await apply(client, ['0003'])
  const { rows } = await client.execute('select pulse_id, id, key_id, answers from responses order by id')
  assert.equal(
    rows.map((r) => [r.pulse_id, r.id, r.key_id, JSON.parse(String(r.answers))]),
    [
      ['p', 'r1', 'k1', { a: '4', b: '["x","y"]', c: 'true' }],
      ['p', 'r2', 'k2', { a: '2', d: '"Option"' }],
      ['q', 'r3', 'k1', {}],
    ],
  )
  const table = await client.execute("select wr from pragma_table_list where name = 'responses'")
  assert.is(Number(table.rows[0].wr), 1)
  const gone = await client.execute("select count(*) as n from sqlite_schema where name = 'answers'")
  assert.is(Number(gone.rows[0].n), 0)
  client.close()
})

test.run()

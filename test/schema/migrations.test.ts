// Migrations that move data: what an open pulse stored before them is still there after.
import { createClient } from '@libsql/client'
import { readdirSync, readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { emptyDatabase, migrateAll, migrateUpTo } from '../helpers/migrations'

const test = suite('migrations')
const dir = new URL('../../schema/migrations/', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort()

/** Applies the migration files whose names start with the given numbers, statement by statement. */
async function apply(client: ReturnType<typeof createClient>, numbers: string[]) {
  for (const file of files.filter((f) => numbers.includes(f.slice(0, 4)))) {
    for (const statement of readFileSync(new URL(file, dir), 'utf8').split(
      '--> statement-breakpoint',
    )) {
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
  const { rows } = await client.execute(
    'select pulse_id, id, key_id, answers from responses order by id',
  )
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
  const gone = await client.execute(
    "select count(*) as n from sqlite_schema where name = 'answers'",
  )
  assert.is(Number(gone.rows[0].n), 0)
  client.close()
})

test('0009 turns a stored reminder audience "not-fetched" into "everyone" and keeps every other setting', async () => {
  const db = await emptyDatabase()
  await migrateUpTo(db, '0008')
  const client = (db as unknown as { $client: ReturnType<typeof createClient> }).$client
  const applied = async () =>
    Number((await client.execute('select count(*) as n from __drizzle_migrations')).rows[0].n)
  assert.is(await applied(), 9, 'migrated up to 0008')
  // Settings as 0008 stored them (no parent rows: only this table matters here).
  await client.execute('PRAGMA foreign_keys = OFF')
  await client.execute(`insert into delivery_settings (community_id, reminder_audience, reminder_lead_hours) values
    ('narrowed', 'not-fetched', 48), ('everyone', 'everyone', 12), ('off', 'none', 24)`)
  await migrateAll(db)
  assert.is(await applied(), files.length, 'the upgrade applied the rest, 0009 among them')
  const { rows } = await client.execute(
    'select community_id, reminder_audience, reminder_lead_hours from delivery_settings order by community_id',
  )
  assert.equal(
    rows.map((r) => [r.community_id, r.reminder_audience, Number(r.reminder_lead_hours)]),
    [
      ['everyone', 'everyone', 12],
      ['narrowed', 'everyone', 48],
      ['off', 'none', 24],
    ],
  )
  client.close()
})

test.run()

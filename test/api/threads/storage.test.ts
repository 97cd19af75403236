// What the thread tables can hold (schema/threads.ts): no time, no address, no member reference,
// and no rowid that would number rows in the order they were written.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp } from '../../helpers/app'
import { query } from '../../helpers/protocol'

const test = suite('threads: storage')

test('thread posts, waiting follow-ups and comments are WITHOUT ROWID and hold nothing but what is shown', async () => {
  const t = await testApp()
  const columns = async (table: string) =>
    (await query(t, `select name from pragma_table_info('${table}') order by cid`)).map(
      (c) => c.name,
    )
  assert.equal(await columns('thread_posts'), [
    'pulse_id',
    'comment_id',
    'position',
    'by',
    'text',
    'hidden_reason',
  ])
  assert.equal(await columns('pending_follow_ups'), ['pulse_id', 'comment_id', 'text'])
  assert.equal(await columns('comments'), [
    'pulse_id',
    'id',
    'question_id',
    'text',
    'reply_hash',
    'hidden_reason',
  ])
  const list = await query(
    t,
    "select name, wr from pragma_table_list where name in ('thread_posts', 'pending_follow_ups', 'comments') order by name",
  )
  assert.equal(list, [
    { name: 'comments', wr: 1 },
    { name: 'pending_follow_ups', wr: 1 },
    { name: 'thread_posts', wr: 1 },
  ])
})

test.run()

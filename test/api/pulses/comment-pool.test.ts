// Comments are never written in the transaction of their response (DESIGN.md 7): a copy of the
// database files taken while a pulse is open keeps the order of writes. With the pool (Node),
// comments are written only in batches from at least k responses, and a close stores what the
// pool holds; without it (Workers), each response's comments follow in a transaction of their own.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createCommentPool } from '../../../api/pulses/comment-pool'
import { testApp, type TestApp } from '../../helpers/app'
import { answerPulse, openPulseWithMembers, query, validAnswers } from '../../helpers/protocol'
import { close } from '../../helpers/reports'

const test = suite('protocol: comments apart from their responses')

/** Records each batch's SQL, to see what is written together. */
function recordBatches(t: TestApp): string[][] {
  const batches: string[][] = []
  const db = t.deps.db
  const batch = db.batch.bind(db)
  db.batch = ((statements: any[]) => {
    batches.push(statements.map((s) => String(s.toSQL?.().sql ?? s.getQuery?.().sql ?? '')))
    return batch(statements as never)
  }) as typeof db.batch
  return batches
}

const stored = async (t: TestApp, pulseId: string) =>
  Number((await query(t, 'select count(*) as n from comments where pulse_id = ?', [pulseId]))[0].n)

test('with the pool: nothing is written per response; k responses’ comments are written together, in one statement', async () => {
  const t = await testApp()
  t.deps.commentPool = createCommentPool(t.deps.db)
  const { survey, pulse, members } = await openPulseWithMembers(t, { members: 8 })
  const batches = recordBatches(t)
  const runs: string[] = []
  const run = t.deps.db.run.bind(t.deps.db)
  t.deps.db.run = ((statement: any) => {
    runs.push((t.deps.db as any).dialect.sqlToQuery(statement).sql)
    return run(statement)
  }) as typeof t.deps.db.run
  for (const [i, m] of members.slice(0, 4).entries()) {
    assert.is(
      (await answerPulse(t, pulse.id, m.memberKey!, validAnswers(survey.questions, i))).reply
        .status,
      201,
    )
    assert.is(await stored(t, pulse.id), 0, `after ${i + 1} responses nothing is written`)
  }
  assert.is(
    (await answerPulse(t, pulse.id, members[4].memberKey!, validAnswers(survey.questions, 4))).reply
      .status,
    201,
  )
  assert.is(await stored(t, pulse.id), 5, 'the fifth response (k = 5) writes all five comments')
  assert.ok(
    batches.length >= 5 && batches.every((b) => b.every((sql) => !/comments/.test(sql))),
    'no response batch touches comments',
  )
  assert.is(
    runs.filter((sql) => /insert into "comments"/.test(sql)).length,
    1,
    `one statement wrote them: ${runs}`,
  )
})

test('with the pool: the close stores what the pool holds with the rest, and drops what comes after', async () => {
  const t = await testApp()
  t.deps.commentPool = createCommentPool(t.deps.db)
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 12 })
  await t.deps.db.run(
    // k_text 10: comments are kept.
    (await import('drizzle-orm'))
      .sql`update pulses set min_comment_group_size = 10 where id = ${pulse.id}`,
  )
  for (const [i, m] of members.slice(0, 12).entries())
    await answerPulse(t, pulse.id, m.memberKey!, validAnswers(survey.questions, i))
  // 12 responses: 10 written in two batches of 5, 2 held.
  assert.is(await stored(t, pulse.id), 10)
  await close(owner, pulse.id)
  assert.is(await stored(t, pulse.id), 12, 'the two held comments are stored by the close')
  assert.equal(t.deps.commentPool.take(pulse.id), [])
  // Anything added for a released pulse never reaches it.
  await t.deps.commentPool.add(pulse.id, 1, [
    { id: 'late', questionId: survey.questions.at(-1).id, text: 'late' },
  ])
  assert.is(await stored(t, pulse.id), 12)
})

test('without a pool (Workers): the comment follows its response in a transaction of its own', async () => {
  const t = await testApp()
  const { survey, pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const batches = recordBatches(t)
  assert.is(
    (await answerPulse(t, pulse.id, members[0].memberKey!, validAnswers(survey.questions, 0))).reply
      .status,
    201,
  )
  assert.is(await stored(t, pulse.id), 1)
  assert.ok(
    batches.every((b) => b.every((sql) => !/comments/.test(sql))),
    'the response batch does not write it',
  )
})

test.run()

// The reply hash in the anonymous response (docs/api.md, "Threads"): checked like the answers
// (422 naming the field, the token unspent), carried with its comment through the comment pool —
// never in the response's own transaction — and kept by the release under the comment's new id.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createCommentPool } from '../../../api/pulses/comment-pool'
import { replyHashFor, replySecret, responseBody } from '../../../web/member/protocol'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, expectStatus } from '../../helpers/fixtures'
import { obtainToken, openPulseWithMembers, query, submit } from '../../helpers/protocol'

const test = suite('threads: reply hashes with comments')

async function opened(t: TestApp, members = 10) {
  const o = await openPulseWithMembers(t, {
    members,
    questions: [
      { kind: 'likert5', prompt: 'I feel heard.' },
      { kind: 'text', prompt: 'What should change?' },
    ],
  })
  const [likert, text] = o.survey.questions
  const answers = (comment: string) => [
    { questionId: likert.id, value: 4 },
    { questionId: text.id, value: comment },
  ]
  return { ...o, likert, text, answers }
}

test('bad reply hashes are 422 naming the field, nothing is written and the token stays unspent', async () => {
  const t = await testApp()
  const o = await opened(t, 5)
  const token = await obtainToken(t, o.pulse.id, o.members[0].memberKey!)
  const hash = await replyHashFor(replySecret())
  const send = (replyHashes: unknown) =>
    submit(t, o.pulse.id, {
      ...responseBody(token.keyId, token.signed, o.answers('Hi')),
      replyHashes,
    })
  assertProblem(await send({ [o.likert.id]: hash }), 422, [`replyHashes.${o.likert.id}`])
  assertProblem(await send({ [o.text.id]: 'not-a-hash' }), 422, [`replyHashes.${o.text.id}`])
  assertProblem(await send({ nope: hash }), 422, ['replyHashes.nope'])
  assertProblem(await send([hash]), 422, ['replyHashes'])
  assert.equal(await query(t, 'select count(*) as n from responses'), [{ n: 0 }])
  assert.equal(await query(t, 'select count(*) as n from comments'), [{ n: 0 }])
  expectStatus(await send({ [o.text.id]: hash }), 201)
  assert.equal(await query(t, 'select text, reply_hash from comments'), [
    { text: 'Hi', reply_hash: hash },
  ])
})

test('the hash travels with its comment through the pool, never with its response, and survives the release', async () => {
  const t = await testApp()
  t.deps.commentPool = createCommentPool(t.deps.db)
  const o = await opened(t)
  const hashes: string[] = []
  for (const [i, m] of o.members.entries()) {
    const token = await obtainToken(t, o.pulse.id, m.memberKey!)
    const hash = await replyHashFor(replySecret())
    hashes.push(hash)
    const body = responseBody(token.keyId, token.signed, o.answers(`c${i}`), { [o.text.id]: hash })
    expectStatus(await submit(t, o.pulse.id, body), 201)
    const [written] = await query(t, 'select count(*) as n from comments')
    // k = 5: the pool writes comments and their hashes five responses at a time.
    assert.is(Number(written.n), i + 1 < 5 ? 0 : i + 1 < 10 ? 5 : 10, `after ${i + 1}`)
    const [response] = await query(t, 'select count(*) as n from responses where answers like ?', [
      `%${hash}%`,
    ])
    assert.is(Number(response.n), 0, 'the hash is not in the response row')
  }
  const before = await query(t, 'select id, text, reply_hash from comments order by text')
  assert.equal(
    before.map((c) => c.reply_hash),
    hashes,
  )
  expectStatus(await o.owner.post(`/api/pulses/${o.pulse.id}/close`), 200)
  const after = await query(t, 'select id, text, reply_hash from comments order by text')
  assert.equal(
    after.map((c) => [c.text, c.reply_hash]),
    before.map((c) => [c.text, c.reply_hash]),
  )
  assert.ok(
    after.every((c, i) => c.id !== before[i].id),
    'released under fresh ids',
  )
})

test('a hash another comment holds already is dropped from the later one', async () => {
  const t = await testApp()
  const o = await opened(t, 5)
  const hash = await replyHashFor(replySecret())
  for (const [i, m] of o.members.slice(0, 2).entries()) {
    const token = await obtainToken(t, o.pulse.id, m.memberKey!)
    const body = responseBody(token.keyId, token.signed, o.answers(`c${i}`), { [o.text.id]: hash })
    expectStatus(await submit(t, o.pulse.id, body), 201)
  }
  assert.equal(await query(t, 'select text, reply_hash from comments order by text'), [
    { text: 'c0', reply_hash: hash },
    { text: 'c1', reply_hash: null },
  ])
})

test.run()

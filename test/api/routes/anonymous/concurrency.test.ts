// Races the protocol must win (DESIGN.md, "The anonymity model" 1): one token spent once however
// many copies arrive together, one token per member however many blinded messages, and a close
// that counts exactly the responses it let in.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { finalizeToken, prepareToken, receiptFor } from '../../../../web/member/token-client'
import { spentTokenHash } from '../../../../api/privacy/macs'
import { testApp, type TestApp } from '../../../helpers/app'
import type { Reply } from '../../../helpers/http'
import {
  myPulse,
  obtainToken,
  query,
  openPulseWithMembers,
  requestToken,
  rowCounts,
  submitWith,
  validAnswers,
} from '../../../helpers/protocol'

const test = suite<{ t: TestApp }>('protocol: concurrency')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {})

test('50 simultaneous submissions of one token: one 201, 49 × 409 with the same receipt', async ({
  t,
}) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const token = await obtainToken(t, pulse.id, members[0].memberKey!)
  const answers = validAnswers(survey.questions, 4)
  const replies = await Promise.all(
    Array.from({ length: 50 }, () => submitWith(t, pulse.id, token, answers)),
  )
  assert.equal(tally(replies.map((r) => r.status)), { 201: 1, 409: 49 })
  const receipt = await receiptFor(token.signed.token)
  assert.is(replies.find((r) => r.status === 201)!.body.receipt, receipt)
  for (const r of replies.filter((r) => r.status === 409)) assert.is(r.body.receipt, receipt)
  assert.equal(await rowCounts(t), {
    responses: 1,
    answers: survey.questions.length - 1,
    comments: 1,
    spent_tokens: 1,
    token_issuances: 1,
  })
})

test('20 simultaneous token requests of one member with different blinded messages: one 200', async ({
  t,
}) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const key = members[0].memberKey!
  const { key: cohortKey } = await myPulse(t, key, pulse.id)
  const prepared = await Promise.all(
    Array.from({ length: 20 }, () => prepareToken(cohortKey.publicKey)),
  )
  const replies = await Promise.all(
    prepared.map((p) => requestToken(t, pulse.id, key, p.blindedMsg)),
  )
  assert.equal(tally(replies.map((r) => r.status)), { 200: 1, 409: 19 })
  assert.is((await rowCounts(t)).token_issuances, 1)
  // The winner's token is the member's one token, and it works.
  const i = replies.findIndex((r) => r.status === 200)
  const signed = await finalizeToken(prepared[i], cohortKey.publicKey, replies[i].body.blindSig)
  const token = {
    keyId: cohortKey.keyId,
    publicKey: cohortKey.publicKey,
    prepared: prepared[i],
    blindSig: replies[i].body.blindSig,
    signed,
  }
  assert.is((await submitWith(t, pulse.id, token, validAnswers(survey.questions))).status, 201)
})

test('20 simultaneous requests with the same blinded message all get the same signature', async ({
  t,
}) => {
  const { pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const key = members[0].memberKey!
  const { key: cohortKey } = await myPulse(t, key, pulse.id)
  const prepared = await prepareToken(cohortKey.publicKey)
  const replies = await Promise.all(
    Array.from({ length: 20 }, () => requestToken(t, pulse.id, key, prepared.blindedMsg)),
  )
  assert.equal(tally(replies.map((r) => r.status)), { 200: 20 })
  assert.is(new Set(replies.map((r) => r.body.blindSig)).size, 1)
  assert.is((await rowCounts(t)).token_issuances, 1)
})

test('a close racing submissions: every 201 is counted, nothing refused is', async ({ t }) => {
  const rounds = 3
  const n = 12
  const { owner, community, members } = await openPulseWithMembers(t, { members: n })
  for (let round = 0; round < rounds; round++) {
    const survey = (
      await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' })
    ).body
    const closesAt = new Date(t.clock.now + 7 * 24 * 3600 * 1000).toISOString()
    const pulse = (await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt })).body
    const tokens = await Promise.all(members.map((m) => obtainToken(t, pulse.id, m.memberKey!)))
    const answers = validAnswers(survey.questions, round)
    // Members submit a few at a time; the close starts as soon as `closeAfter` submissions have
    // been answered (a different number each round, at least k so that `responded` is released)
    // and races those in flight and those after.
    const closeAfter = round * 3 + 5
    let answered = 0
    let startClose!: () => void
    const closeMayStart = new Promise<void>((resolve) => (startClose = resolve))
    const send = (i: number) =>
      submitWith(t, pulse.id, tokens[i], answers).finally(
        () => ++answered === closeAfter && startClose(),
      )
    const results: Promise<Reply>[] = []
    const lanes = 3
    for (let lane = 0; lane < lanes; lane++) {
      let chain = Promise.resolve() as Promise<unknown>
      for (let i = lane; i < n; i += lanes) {
        const reply = chain.then(() => send(i))
        results[i] = reply
        chain = reply
      }
    }
    const submissions = results
    const close = closeMayStart.then(() => owner.post(`/api/pulses/${pulse.id}/close`))
    const [closed, ...replies] = await Promise.all([close, ...submissions])
    assert.is(closed.status, 200)
    const statuses = replies.map((r) => r.status)
    assert.ok(
      statuses.every((s) => s === 201 || s === 410),
      `round ${round}: ${statuses}`,
    )
    const accepted = statuses.filter((s) => s === 201).length
    // Those answered before the close started were stored.
    assert.ok(accepted >= closeAfter, `round ${round}: ${JSON.stringify(tally(statuses))}`)
    const list = await owner.get(`/api/surveys/${survey.id}/pulses`)
    const final = list.body.find((p: any) => p.id === pulse.id)
    assert.is(final.status, 'closed')
    assert.is(final.responded, accepted, `round ${round}: ${JSON.stringify(tally(statuses))}`)
    assert.is(closed.body.responded, accepted)
    const [row] = await query(t, 'select count(*) as n from responses where pulse_id = ?', [
      pulse.id,
    ])
    // Raw rows are what was accepted, unless the close already deleted them (DESIGN.md 7).
    assert.ok(
      Number(row.n) === accepted || Number(row.n) === 0,
      `round ${round}: ${row.n} stored responses, ${accepted} accepted`,
    )
    // Whatever was refused stays refused after the close.
    for (const [i, r] of replies.entries()) {
      if (r.status === 410)
        assert.is((await submitWith(t, pulse.id, tokens[i], answers)).status, 410)
    }
  }
})

test('a close landing between the checks and the write: 410, nothing stored, nothing counted', async ({
  t,
}) => {
  // Five answer first, so that the released count (≥ k) shows the late one was not counted.
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 6 })
  for (const m of members.slice(0, 5)) {
    const token = await obtainToken(t, pulse.id, m.memberKey!)
    assert.is((await submitWith(t, pulse.id, token, validAnswers(survey.questions))).status, 201)
  }
  const late = await obtainToken(t, pulse.id, members[5].memberKey!)
  // The submission's batch is the next one; the close commits just before it.
  const db = t.deps.db
  const batch = db.batch.bind(db)
  let closing = false
  db.batch = (async (statements: any) => {
    if (!closing) {
      closing = true
      const closed = await owner.post(`/api/pulses/${pulse.id}/close`)
      assert.is(closed.body.responded, 5)
    }
    return batch(statements)
  }) as typeof db.batch
  try {
    const reply = await submitWith(t, pulse.id, late, validAnswers(survey.questions))
    assert.ok(closing)
    assert.is(reply.status, 410)
  } finally {
    db.batch = batch
  }
  // Nothing of the late submission was written: its token is unspent and no response was added
  // (the close may also have deleted the raw rows of the pulse, DESIGN.md 7).
  const lateHash = await spentTokenHash(
    t.deps,
    pulse.id,
    new Uint8Array(Buffer.from(late.signed.token, 'base64url')),
  )
  assert.equal(await query(t, 'select * from spent_tokens where token_hash = ?', [lateHash]), [])
  assert.ok((await rowCounts(t)).responses <= 5)
  const list = await owner.get(`/api/surveys/${survey.id}/pulses`)
  assert.is(list.body[0].responded, 5)
})

test.run()

// The anonymous protocol end to end through app.request(), with the real member client
// (web/member/token-client.ts): join, key list, blind token, anonymous response (API.md,
// "Members" and "Public"; DESIGN.md, "The anonymity model").
import { createHash } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkPulseKeys } from '../../../../web/member/key-check'
import {
  finalizeToken,
  importPublicKey,
  memberKey,
  prepareToken,
  receiptFor,
  responseBody,
} from '../../../../web/member/token-client'
import { testApp, type TestApp } from '../../../helpers/app'
import { Agent, email } from '../../../helpers/http'
import {
  answerPulse,
  importMembers,
  joinMember,
  myPulse,
  obtainToken,
  openPulseWithMembers,
  requestToken,
  rowCounts,
  submit,
  submitWith,
  validAnswers,
} from '../../../helpers/protocol'

const test = suite<{ t: TestApp }>('protocol: flow')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const teams = (a: number, b: number) => [
  ...Array.from({ length: a }, () => ({ team: 'a' })),
  ...Array.from({ length: b }, () => ({ team: 'b' })),
]

const isProblem = (res: { headers: Headers }) =>
  assert.is(res.headers.get('content-type'), 'application/problem+json')

test('a member joins with the fragment of its invite URL; the invite works once per member key', async ({
  t,
}) => {
  const { owner, community, members } = await openPulseWithMembers(t, {
    attributes: ['team'],
    members: teams(5, 0),
    join: false,
  })
  const list = await owner.get(`/api/communities/${community.id}/members`)
  assert.ok(list.body.members.every((m: any) => m.joined === false))

  const [m] = members
  const key = memberKey()
  const joined = await new Agent(t).post('/api/join', { inviteKey: m.inviteKey, memberKey: key })
  assert.is(joined.status, 200)
  assert.equal(joined.body, { community: { id: community.id, name: community.name } })
  // The same pair again (a lost reply retried) succeeds.
  const again = await new Agent(t).post('/api/join', { inviteKey: m.inviteKey, memberKey: key })
  assert.is(again.status, 200)
  assert.equal(again.body, joined.body)
  // Someone else holding the invite link cannot take it over.
  const other = await new Agent(t).post('/api/join', {
    inviteKey: m.inviteKey,
    memberKey: memberKey(),
  })
  assert.is(other.status, 401)
  isProblem(other)
  assert.is(
    (await new Agent(t).post('/api/join', { inviteKey: 'not-an-invite', memberKey: memberKey() }))
      .status,
    401,
  )
  assert.is(
    (await new Agent(t).post('/api/join', { inviteKey: m.inviteKey, memberKey: 'short' })).status,
    422,
  )

  const me = await new Agent(t).get('/api/me', { bearer: key })
  assert.is(me.status, 200)
  assert.equal(me.body, {
    community: { id: community.id, name: community.name },
    attributes: { team: 'a' },
  })
  assert.is((await new Agent(t).get('/api/me')).status, 401)
  assert.is((await new Agent(t).get('/api/me', { bearer: memberKey() })).status, 401)
  // The invite key itself is not a member credential.
  assert.is((await new Agent(t).get('/api/me', { bearer: m.inviteKey })).status, 401)

  // The scheme of the Authorization header is case-insensitive (RFC 9110).
  assert.is(
    (await new Agent(t).get('/api/me', { headers: { authorization: `bearer ${key}` } })).status,
    200,
  )

  const after = await owner.get(`/api/communities/${community.id}/members`)
  assert.is(after.body.members.find((x: any) => x.id === m.id).joined, true)
})

test('joining with a member key another member already holds is 409 and writes nothing', async ({
  t,
}) => {
  const { owner, community, members } = await openPulseWithMembers(t, { members: 5, join: false })
  const [first, second] = members
  const key = memberKey()
  assert.is(
    (await new Agent(t).post('/api/join', { inviteKey: first.inviteKey, memberKey: key })).status,
    200,
  )
  const clash = await new Agent(t).post('/api/join', {
    inviteKey: second.inviteKey,
    memberKey: key,
  })
  assert.is(clash.status, 409)
  isProblem(clash)
  assert.equal(t.logs, [])
  // The key still belongs to the first member; the second joins with a fresh key.
  assert.is((await new Agent(t).get('/api/me', { bearer: key })).status, 200)
  const list = await owner.get(`/api/communities/${community.id}/members`)
  assert.is(list.body.members.find((x: any) => x.id === second.id).joined, false)
  await joinMember(t, second)
  assert.is((await new Agent(t).get('/api/me', { bearer: second.memberKey! })).status, 200)
})

test('full flow: key list, blind token, anonymous response with its receipt', async ({ t }) => {
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, {
    attributes: ['team'],
    members: teams(5, 6),
  })
  assert.is(pulse.eligible, 11)
  const key = members[0].memberKey!

  // The member's open pulses: its cohort key, not yet issued.
  const mine = await new Agent(t).get('/api/me/pulses', { bearer: key })
  assert.is(mine.status, 200)
  assert.is(mine.body.length, 1)
  const [entry] = mine.body
  assert.is(entry.pulse.id, pulse.id)
  assert.is(entry.pulse.status, 'open')
  assert.is(entry.survey.id, survey.id)
  assert.equal(entry.survey.questions, survey.questions)
  assert.equal(entry.key.cohort, { team: 'a' })
  assert.type(entry.key.keyId, 'string')
  assert.type(entry.key.publicKey, 'string')
  assert.is(entry.issued, false)
  // The key is the SPKI DER Web Crypto exports for RSA-PSS SHA-384 (rsaEncryption OID), 2048 bits.
  const spki = Buffer.from(entry.key.publicKey, 'base64url')
  assert.is(spki.toString('base64url'), entry.key.publicKey, 'canonical base64url without padding')
  assert.ok(spki.includes(Buffer.from('06092a864886f70d010101', 'hex')), 'rsaEncryption OID')
  const imported = await importPublicKey(entry.key.publicKey)
  assert.is((imported.algorithm as RsaHashedKeyAlgorithm).modulusLength, 2048)
  assert.equal([...(imported.algorithm as RsaHashedKeyAlgorithm).publicExponent], [1, 0, 1])

  // The key list: members of the pulse and its organizers; it checks out on the member page.
  const keys = await new Agent(t).get(`/api/pulses/${pulse.id}/keys`, { bearer: key })
  assert.is(keys.status, 200)
  assert.is(keys.body.length, 2)
  assert.is(
    keys.body.reduce((sum: number, k: any) => sum + k.eligible, 0),
    pulse.eligible,
  )
  assert.equal(
    keys.body.map((k: any) => [k.cohort, k.eligible]).sort((x: any, y: any) => x[1] - y[1]),
    [
      [{ team: 'a' }, 5],
      [{ team: 'b' }, 6],
    ],
  )
  const check = await checkPulseKeys(entry, keys.body)
  assert.equal(check.problems, [])
  assert.is(check.size, 5)
  const organizerKeys = await owner.get(`/api/pulses/${pulse.id}/keys`)
  assert.is(organizerKeys.status, 200)
  assert.equal(organizerKeys.body, keys.body)
  const anonymous = await new Agent(t).get(`/api/pulses/${pulse.id}/keys`)
  assert.is(anonymous.status, 401)
  isProblem(anonymous)

  // Issuance: the same blinded message gets the same signature; another one is refused.
  const prepared = await prepareToken(entry.key.publicKey)
  const issued = await requestToken(t, pulse.id, key, prepared.blindedMsg)
  assert.is(issued.status, 200)
  assert.equal(Object.keys(issued.body).sort(), ['blindSig', 'keyId'])
  assert.is(issued.body.keyId, entry.key.keyId)
  assert.match(issued.body.blindSig, /^[A-Za-z0-9_-]{342}$/)
  assert.is((await myPulse(t, key, pulse.id)).issued, true)
  assert.is((await myPulse(t, members[1].memberKey!, pulse.id)).issued, false)
  const retried = await requestToken(t, pulse.id, key, prepared.blindedMsg)
  assert.is(retried.status, 200)
  assert.equal(retried.body, issued.body)
  const second = await requestToken(
    t,
    pulse.id,
    key,
    (await prepareToken(entry.key.publicKey)).blindedMsg,
  )
  assert.is(second.status, 409)
  isProblem(second)

  // The response carries no credentials; the receipt is base64url SHA-256 of the token bytes.
  const signed = await finalizeToken(prepared, entry.key.publicKey, issued.body.blindSig)
  const answers = validAnswers(survey.questions, 3)
  const stored = await submit(t, pulse.id, responseBody(issued.body.keyId, signed, answers))
  assert.is(stored.status, 201)
  assert.equal(Object.keys(stored.body), ['receipt'])
  const digest = createHash('sha256')
    .update(Buffer.from(signed.token, 'base64url'))
    .digest('base64url')
  assert.is(stored.body.receipt, digest)
  assert.is(stored.body.receipt, await receiptFor(signed.token))
  assert.equal(await rowCounts(t), {
    responses: 1,
    answers: survey.questions.filter((q: any) => q.kind !== 'text').length,
    comments: 1,
    spent_tokens: 1,
    token_issuances: 1,
  })

  // A lost reply retried: 409 with the same receipt, nothing stored twice.
  const spent = await submit(t, pulse.id, responseBody(issued.body.keyId, signed, answers))
  assert.is(spent.status, 409)
  isProblem(spent)
  assert.is(spent.body.status, 409)
  assert.is(spent.body.receipt, stored.body.receipt)
  assert.is((await rowCounts(t)).responses, 1)

  // Another member of the other cohort answers with its own key.
  const other = await answerPulse(
    t,
    pulse.id,
    members[7].memberKey!,
    validAnswers(survey.questions, 1),
  )
  assert.is(other.reply.status, 201)
  assert.is.not(other.token.keyId, entry.key.keyId)
  assert.is((await rowCounts(t)).responses, 2)
})

test('key list and tokens: a member of another community gets 404, one outside the pulse 403', async ({
  t,
}) => {
  const first = await openPulseWithMembers(t, { members: 5 })
  const second = await openPulseWithMembers(t, {
    owner: first.owner,
    members: 5,
    communityName: 'Other',
  })
  const outsider = second.members[0].memberKey!
  assert.is(
    (await new Agent(t).get(`/api/pulses/${first.pulse.id}/keys`, { bearer: outsider })).status,
    404,
  )
  const prepared = await prepareToken(
    (await myPulse(t, first.members[0].memberKey!, first.pulse.id)).key.publicKey,
  )
  const token = await requestToken(t, first.pulse.id, outsider, prepared.blindedMsg)
  assert.is(token.status, 404)
  isProblem(token)
  // Unknown pulses: 404 for the key list (member and organizer) and for tokens.
  assert.is((await new Agent(t).get('/api/pulses/nope/keys', { bearer: outsider })).status, 404)
  assert.is((await first.owner.get('/api/pulses/nope/keys')).status, 404)
  assert.is((await requestToken(t, 'nope', outsider, prepared.blindedMsg)).status, 404)
  // Not one of the pulse's members (joined after it opened): 403.
  const [late] = await importMembers(first.owner, first.community.id, [{}])
  const lateKey = await joinMember(t, late)
  assert.is(
    (await new Agent(t).get(`/api/pulses/${first.pulse.id}/keys`, { bearer: lateKey })).status,
    403,
  )
})

test('an organizer outside the community gets 404 for the key list; a viewer 200', async ({
  t,
}) => {
  const { owner, community, pulse } = await openPulseWithMembers(t, { members: 5 })
  const viewerInvite = await owner.post(`/api/communities/${community.id}/team`, {
    email: email('viewer'),
    role: 'viewer',
  })
  assert.is(viewerInvite.status, 201)
  const viewer = new Agent(t)
  const token = new URL(viewerInvite.body.inviteUrl).hash.slice(1)
  assert.is(
    (await viewer.post('/api/team-invites', { token, password: 'a viewer password' })).status,
    201,
  )
  assert.is((await viewer.get(`/api/pulses/${pulse.id}/keys`)).status, 200)
  // The owner is not part of the viewer's new community, and vice versa.
  const strangerPulse = await openPulseWithMembers(t, {
    owner: viewer,
    members: 5,
    communityName: 'Viewer-owned',
  })
  assert.is((await owner.get(`/api/pulses/${strangerPulse.pulse.id}/keys`)).status, 404)
})

test('forged, mismatched and malformed tokens are 403 and spend nothing', async ({ t }) => {
  const { owner, community, survey, pulse, members } = await openPulseWithMembers(t, {
    attributes: ['team'],
    members: teams(5, 5),
  })
  const answers = validAnswers(survey.questions)
  const token = await obtainToken(t, pulse.id, members[0].memberKey!)
  const otherCohort = await myPulse(t, members[5].memberKey!, pulse.id)
  assert.is.not(otherCohort.key.keyId, token.keyId)

  // A second pulse (another survey of the same community) with its own keys.
  const survey2 = (
    await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' })
  ).body
  const closesAt = new Date(t.clock.now + 3 * 24 * 3600 * 1000).toISOString()
  const pulse2 = (await owner.post(`/api/surveys/${survey2.id}/pulses`, { closesAt })).body
  const foreign = await obtainToken(t, pulse2.id, members[1].memberKey!)

  const body = responseBody(token.keyId, token.signed, answers)
  const sig = Buffer.from(token.signed.signature, 'base64url')
  sig[sig.length - 1] ^= 1
  const tampered = sig.toString('base64url')
  const tokenBytes = Buffer.from(token.signed.token, 'base64url')
  tokenBytes[tokenBytes.length - 1] ^= 1
  const otherToken = tokenBytes.toString('base64url')
  const cases: [string, unknown][] = [
    ['tampered signature', { ...body, signature: tampered }],
    ['tampered token', { ...body, token: otherToken }],
    ['keyId of the other cohort', { ...body, keyId: otherCohort.key.keyId }],
    ['keyId of another pulse', { ...body, keyId: foreign.keyId }],
    [
      "another pulse's token under its own keyId",
      responseBody(foreign.keyId, foreign.signed, answers),
    ],
    [
      "another pulse's token under this pulse's keyId",
      responseBody(token.keyId, foreign.signed, answers),
    ],
    ['unknown keyId', { ...body, keyId: 'no-such-key' }],
    ['keyId missing', { ...body, keyId: undefined }],
    ['keyId not a string', { ...body, keyId: 42 }],
    ['keyId empty', { ...body, keyId: '' }],
    ['token missing', { ...body, token: undefined }],
    ['token empty', { ...body, token: '' }],
    ['token not base64url', { ...body, token: '***' }],
    ['token padded', { ...body, token: token.signed.token + '=' }],
    ['token not a string', { ...body, token: [1, 2, 3] }],
    ['token too long', { ...body, token: 'A'.repeat(4000) }],
    ['signature missing', { ...body, signature: undefined }],
    ['signature not base64url', { ...body, signature: 'a+b/c' }],
    ['signature truncated', { ...body, signature: token.signed.signature.slice(0, -4) }],
    ['signature null', { ...body, signature: null }],
    ['signature of another token', { ...body, signature: foreign.signed.signature }],
  ]
  for (const [what, sent] of cases) {
    const res = await submit(t, pulse.id, sent)
    assert.is(res.status, 403, what)
    isProblem(res)
    assert.is((await rowCounts(t)).spent_tokens, 0, what)
  }
  // 403 comes before 422: a bad token with bad answers is refused as a token.
  assert.is(
    (await submit(t, pulse.id, { ...body, signature: tampered, answers: 'nope' })).status,
    403,
  )
  // Nothing was spent: both genuine tokens still work where they belong.
  assert.is((await submitWith(t, pulse.id, token, answers)).status, 201)
  assert.is((await submitWith(t, pulse2.id, foreign, validAnswers(survey2.questions))).status, 201)
  assert.equal((await rowCounts(t)).responses, 2)
})

test('tokens: 422 for a blinded message that is not one, writing nothing; checks in API order', async ({
  t,
}) => {
  const { pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const key = members[0].memberKey!
  const { key: cohortKey } = await myPulse(t, key, pulse.id)
  const bad = [
    '',
    '***',
    'AAAA',
    'A'.repeat(3000),
    Buffer.alloc(256, 0xff).toString('base64url'),
    42,
    undefined,
  ]
  for (const blindedMsg of bad) {
    const res = await new Agent(t).post(
      `/api/pulses/${pulse.id}/tokens`,
      { blindedMsg },
      { bearer: key },
    )
    assert.is(res.status, 422, `blindedMsg ${String(blindedMsg).slice(0, 20)}`)
    assert.equal(
      res.body.errors.map((e: any) => e.path),
      ['blindedMsg'],
    )
  }
  assert.is((await rowCounts(t)).token_issuances, 0)
  assert.is((await myPulse(t, key, pulse.id)).issued, false)
  // 401 before anything else, then 404.
  assert.is((await requestToken(t, pulse.id, memberKey(), '***')).status, 401)
  assert.is((await requestToken(t, 'nope', key, '***')).status, 404)
  // The member can still get a token.
  const prepared = await prepareToken(cohortKey.publicKey)
  assert.is((await requestToken(t, pulse.id, key, prepared.blindedMsg)).status, 200)
})

test('a closed pulse is 410 for tokens and responses; unknown pulses 404', async ({ t }) => {
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 6 })
  const answers = validAnswers(survey.questions)
  const kept = await obtainToken(t, pulse.id, members[0].memberKey!)
  const { key } = await myPulse(t, members[1].memberKey!, pulse.id)
  const closed = await owner.post(`/api/pulses/${pulse.id}/close`)
  assert.is(closed.status, 200)
  assert.is(closed.body.status, 'closed')

  const prepared = await prepareToken(key.publicKey)
  const token = await requestToken(t, pulse.id, members[1].memberKey!, prepared.blindedMsg)
  assert.is(token.status, 410)
  isProblem(token)
  // Even with a garbage body: 410 comes before 403 and 422.
  assert.is((await requestToken(t, pulse.id, members[1].memberKey!, '***')).status, 410)
  assert.is(
    (await requestToken(t, pulse.id, members[0].memberKey!, kept.prepared.blindedMsg)).status,
    410,
  )
  const late = await submitWith(t, pulse.id, kept, answers)
  assert.is(late.status, 410)
  isProblem(late)
  assert.is((await submit(t, pulse.id, { keyId: 'x' })).status, 410)
  assert.is((await rowCounts(t)).responses, 0)
  // A closed pulse is no longer among the member's pulses.
  assert.equal(
    (await new Agent(t).get('/api/me/pulses', { bearer: members[1].memberKey! })).body,
    [],
  )

  assert.is((await submitWith(t, 'nope', kept, answers)).status, 404)
  assert.is((await submit(t, 'nope', { keyId: 'x' })).status, 404)
  assert.is((await submit(t, 'nope', '{"broken')).status, 404)
})

test('a pulse closed after submissions were taken is 410 for every later submission, valid or not', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 6 })
  const answers = validAnswers(survey.questions)
  const first = await obtainToken(t, pulse.id, members[0].memberKey!)
  const unused = await obtainToken(t, pulse.id, members[1].memberKey!)
  // The server now keeps what submissions need of this open pulse.
  assert.is((await submitWith(t, pulse.id, first, answers)).status, 201)
  assert.is((await owner.post(`/api/pulses/${pulse.id}/close`)).status, 200)
  const afterClose = await rowCounts(t)

  const signature = unused.signed.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))
  const forged = { ...unused, signed: { ...unused.signed, signature } }
  const wrongAnswers = answers.map((a, i) => (i === 0 ? { ...a, value: 99 } : a))
  for (const [what, reply] of [
    ['an unused token', await submitWith(t, pulse.id, unused, answers)],
    ['a spent token', await submitWith(t, pulse.id, first, answers)],
    ['a forged signature', await submitWith(t, pulse.id, forged, answers)],
    ['invalid answers', await submitWith(t, pulse.id, unused, wrongAnswers)],
    ['an unknown key', await submit(t, pulse.id, { keyId: 'x' })],
    ['a broken body', await submit(t, pulse.id, '{"broken')],
  ] as const) {
    assert.is(reply.status, 410, what)
    isProblem(reply)
  }
  assert.equal(await rowCounts(t), afterClose)
})

test('a member imported after the pulse opened is not eligible: 403 on tokens', async ({ t }) => {
  const { owner, community, pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const { key } = await myPulse(t, members[0].memberKey!, pulse.id)
  const [late] = await importMembers(owner, community.id, [{}])
  const lateKey = await joinMember(t, late)
  assert.equal((await new Agent(t).get('/api/me/pulses', { bearer: lateKey })).body, [])
  const prepared = await prepareToken(key.publicKey)
  const res = await requestToken(t, pulse.id, lateKey, prepared.blindedMsg)
  assert.is(res.status, 403)
  isProblem(res)
  // 403 (not eligible) comes before 422 (bad blinded message).
  assert.is((await requestToken(t, pulse.id, lateKey, '***')).status, 403)
  assert.is((await rowCounts(t)).token_issuances, 0)
})

test('revoked member keys are 401: after a re-invite and after removal', async ({ t }) => {
  const { owner, community, survey, pulse, members } = await openPulseWithMembers(t, { members: 7 })
  const [reinvited, removed, spare] = members
  const early = await obtainToken(t, pulse.id, reinvited.memberKey!)
  const removedToken = await obtainToken(t, pulse.id, removed.memberKey!)

  const invite = await owner.post(`/api/communities/${community.id}/members/${reinvited.id}/invite`)
  assert.is(invite.status, 200)
  assert.is(
    (await owner.delete(`/api/communities/${community.id}/members/${removed.id}`)).status,
    204,
  )

  const { key } = await myPulse(t, spare.memberKey!, pulse.id)
  const blindedMsg = (await prepareToken(key.publicKey)).blindedMsg
  for (const m of [reinvited, removed]) {
    const bearer = m.memberKey!
    assert.is((await new Agent(t).get('/api/me', { bearer })).status, 401)
    assert.is((await new Agent(t).get('/api/me/pulses', { bearer })).status, 401)
    assert.is((await new Agent(t).get(`/api/pulses/${pulse.id}/keys`, { bearer })).status, 401)
    const res = await requestToken(t, pulse.id, bearer, blindedMsg)
    assert.is(res.status, 401)
    isProblem(res)
    // The old invite no longer joins either.
    assert.is(
      (await new Agent(t).post('/api/join', { inviteKey: m.inviteKey, memberKey: memberKey() }))
        .status,
      401,
    )
  }

  // The new invite joins with a new key; the pulse still allows this member one token only.
  const fresh = { ...reinvited, inviteKey: new URL(invite.body.inviteUrl).hash.slice(1) }
  const newKey = await joinMember(t, fresh)
  const entry = await myPulse(t, newKey, pulse.id)
  assert.is(entry.issued, true)
  assert.is((await requestToken(t, pulse.id, newKey, early.prepared.blindedMsg)).status, 200)
  assert.is(
    (await requestToken(t, pulse.id, newKey, (await prepareToken(entry.key.publicKey)).blindedMsg))
      .status,
    409,
  )

  // Tokens already issued stay valid: the server cannot tell whose they are.
  assert.is((await submitWith(t, pulse.id, early, validAnswers(survey.questions))).status, 201)
  assert.is(
    (await submitWith(t, pulse.id, removedToken, validAnswers(survey.questions))).status,
    201,
  )
})

test('the response route ignores any credentials sent', async ({ t }) => {
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 6 })
  const answers = validAnswers(survey.questions)
  const tokens = []
  for (const m of members.slice(0, 5)) tokens.push(await obtainToken(t, pulse.id, m.memberKey!))
  const sends: [string, Record<string, string>][] = [
    ['a revoked bearer', { authorization: `Bearer ${memberKey()}` }],
    ['a malformed authorization header', { authorization: 'Basic Zm9vOmJhcg==' }],
    ["a member's own bearer", { authorization: `Bearer ${members[5].memberKey}` }],
    ["the owner's session cookie", { cookie: owner.cookie! }],
    ['a forged session cookie', { cookie: 'session=forged' }],
  ]
  for (const [i, [what, headers]] of sends.entries()) {
    const res = await submitWith(t, pulse.id, tokens[i], answers, { headers })
    assert.is(res.status, 201, what)
    assert.is(res.headers.get('set-cookie'), null, what)
  }
  assert.is((await rowCounts(t)).responses, 5)
})

test('responded is rounded down to a multiple of k while open, exact after close', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 8 })
  assert.is(pulse.minGroupSize, 5)
  assert.is(pulse.responded, 0)
  const counts = async () => {
    const list = await owner.get(`/api/surveys/${survey.id}/pulses`)
    const one = await owner.get(`/api/pulses/${pulse.id}`)
    const mine = await myPulse(t, members[7].memberKey!, pulse.id).catch(() => undefined)
    return {
      list: list.body.find((p: any) => p.id === pulse.id).responded,
      one: one.body.responded,
      member: mine?.pulse.responded,
    }
  }
  const expected = [0, 0, 0, 0, 5, 5]
  for (let i = 0; i < 6; i++) {
    const { reply } = await answerPulse(
      t,
      pulse.id,
      members[i].memberKey!,
      validAnswers(survey.questions, i),
    )
    assert.is(reply.status, 201)
    assert.equal(
      await counts(),
      { list: expected[i], one: expected[i], member: expected[i] },
      `after ${i + 1} responses`,
    )
  }
  const closed = await owner.post(`/api/pulses/${pulse.id}/close`)
  assert.is(closed.body.responded, 6)
  const list = await owner.get(`/api/surveys/${survey.id}/pulses`)
  assert.is(list.body.find((p: any) => p.id === pulse.id).responded, 6)
  assert.is(list.body.find((p: any) => p.id === pulse.id).status, 'closed')
})

test.run()

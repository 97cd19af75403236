// The anonymous protocol under load (DESIGN.md, "The anonymity model" 1):
//
// - token_issuance_per_s: POST /api/pulses/:pid/tokens, each request a different joined member
//   (Bearer memberKey) of a one-cohort pulse: member lookup, pulse and key lookups, unsealing the
//   cohort key, raw-RSA blind signing with the RFC 9474 check, the issuance row.
// - submission_per_s: POST /api/pulses/:pid/responses, each with a distinct valid token and a
//   full answer set of the 'trust-pulse' template: signature verification, answer checks, the
//   spent-token check and the atomic four-statement batch.
// - peak_rss_mb: the server process's largest resident set while the submissions run.
//
// Both rates are measured in ROUNDS slices alternating with slices of the baseline route, and
// each is reported against that interleaved baseline (see harness.ts, `interleaved`).
//
// Untimed preparation goes through the same HTTP API: an organizer, a community, a JSON import of
// MEMBERS members, a survey from the template, an open pulse, and every member joining with a
// key of its own. Blinding in JavaScript (blindrsa-ts) takes ~50 ms a message, so the real client
// (web/member/token-client.ts) blinds a pool of BLINDED_POOL messages and members share them: a
// blinded message is opaque to the server and all members of a one-cohort pulse share its key,
// so the server's work per request is the same as with one message per member. The pool's
// signatures are finalized with the real client (which checks them) and those tokens are spent
// first; the other tokens are minted in this process with the server's own cohort key (unsealed
// with the server secret the parent gave the child): an RSASSA-PSS SHA-384 signature with a
// 48-byte salt over the prepared message, exactly what blinding, signing and finalizing yield.
import { constants, createPrivateKey, type KeyObject, randomBytes, sign } from 'node:crypto'
import { RSABSSA } from '@cloudflare/blindrsa-ts'
import { createClient } from '@libsql/client'
import { verifyToken as serverVerifyToken } from '../api/privacy/blind-signing'
import { fromBase64Url, toBase64Url } from '../api/privacy/base64url'
import { deriveKeys, unseal } from '../api/privacy/sealed'
import {
  finalizeToken,
  importPublicKey,
  memberKey,
  prepareToken,
  responseBody,
  verifyToken as clientVerifyToken,
  type PreparedToken,
  type SignedToken,
} from '../web/member/token-client'
import {
  benchServer,
  CONNECTIONS,
  describeLoad,
  expectCall,
  fail,
  inPool,
  interleaved,
  load,
  organizerHeaders,
  procStatusMb,
  sampleRss,
  type BenchServer,
  type Benchmark,
  type LoadOptions,
} from './harness'
import { baselineLoad } from './baseline'

/** Members imported and joined; each is issued at most one token. */
const MEMBERS = 12_000
/** Of those, the first ones warm the server up (key cache, JIT) and are not timed. */
const ISSUANCE_WARM_UP = 300
/** Distinct blinded messages made by the real client and shared among members. */
const BLINDED_POOL = 48
/** Tokens for the timed submissions (each spent once), after SUBMISSION_WARM_UP untimed ones. */
const SUBMISSIONS = 40_000
const SUBMISSION_WARM_UP = 300
/**
 * Each timed phase runs in ROUNDS slices of SLICE_S seconds (or until the slice's share of
 * members or tokens is used), each slice right after a baseline slice of the same length.
 */
const ROUNDS = 5
const SLICE_S = 3

interface Question {
  id: string
  kind: 'likert5' | 'scale10' | 'yesno' | 'choice' | 'multi' | 'text'
  options?: string[]
  required: boolean
}

/** A valid answer set for the survey, varied by `seed`; a comment on one response in ten. */
function answersFor(questions: Question[], seed: number) {
  const answers: { questionId: string; value: unknown }[] = []
  questions.forEach((q, j) => {
    const s = seed + j
    switch (q.kind) {
      case 'likert5':
        return void answers.push({ questionId: q.id, value: 1 + (s % 5) })
      case 'scale10':
        return void answers.push({ questionId: q.id, value: (seed * 7 + j) % 11 })
      case 'yesno':
        return void answers.push({ questionId: q.id, value: s % 2 === 0 })
      case 'choice':
        return void answers.push({ questionId: q.id, value: q.options![s % q.options!.length] })
      case 'multi':
        return void answers.push({ questionId: q.id, value: [q.options![s % q.options!.length]] })
      case 'text':
        if (q.required || seed % 10 === 0)
          answers.push({ questionId: q.id, value: `Bench comment number ${seed}.` })
    }
  })
  return answers
}

interface Prepared {
  pulseId: string
  questions: Question[]
  keyId: string
  publicKey: string
  /** memberKey of each joined member, in import order. */
  memberKeys: string[]
}

async function prepare(server: BenchServer): Promise<Prepared> {
  const organizer = await organizerHeaders(server)
  const community = await expectCall(
    server,
    201,
    'POST',
    '/api/communities',
    { name: 'Bench community' },
    organizer,
  )
  const inviteKeys: string[] = []
  for (let start = 0; start < MEMBERS; start += 1000) {
    const members = Array.from({ length: Math.min(1000, MEMBERS - start) }, (_, i) => ({
      email: `member${start + i}@bench.example`,
    }))
    const imported = await expectCall(
      server,
      201,
      'POST',
      `/api/communities/${community.id}/members`,
      { members },
      organizer,
    )
    for (const m of imported.members) inviteKeys.push(new URL(m.inviteUrl).hash.slice(1))
  }
  if (inviteKeys.length !== MEMBERS)
    throw new Error(`imported ${inviteKeys.length} members, expected ${MEMBERS}`)
  const survey = await expectCall(
    server,
    201,
    'POST',
    `/api/communities/${community.id}/surveys`,
    { template: 'trust-pulse' },
    organizer,
  )
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  const pulse = await expectCall(
    server,
    201,
    'POST',
    `/api/surveys/${survey.id}/pulses`,
    { closesAt },
    organizer,
  )
  if (pulse.status !== 'open' || pulse.eligible !== MEMBERS) {
    throw new Error(
      `the pulse is ${pulse.status} with ${pulse.eligible} eligible; expected open with ${MEMBERS}`,
    )
  }
  const memberKeys = await inPool(inviteKeys, 16, async (inviteKey) => {
    const key = memberKey()
    await expectCall(server, 200, 'POST', '/api/join', { inviteKey, memberKey: key })
    return key
  })
  const mine = await expectCall(server, 200, 'GET', '/api/me/pulses', undefined, {
    authorization: `Bearer ${memberKeys[0]}`,
  })
  const entry = mine.find((p: any) => p.pulse.id === pulse.id)
  if (!entry) throw new Error('the open pulse is not among the member’s pulses')
  const keys = await expectCall(server, 200, 'GET', `/api/pulses/${pulse.id}/keys`, undefined, {
    authorization: `Bearer ${memberKeys[0]}`,
  })
  if (keys.length !== 1 || keys[0].keyId !== entry.key.keyId)
    throw new Error(`expected one cohort key, got ${keys.length}`)
  return {
    pulseId: pulse.id,
    questions: survey.questions,
    keyId: entry.key.keyId,
    publicKey: entry.key.publicKey,
    memberKeys,
  }
}

/** The pulse's cohort key as the server holds it: read from its database, unsealed with its secret. */
export async function serverPrivateKey(server: BenchServer, keyId: string): Promise<KeyObject> {
  const client = createClient({ url: `file:${server.databaseFile}` })
  try {
    const { rows } = await client.execute({
      sql: 'select private_key from pulse_keys where id = ?',
      args: [keyId],
    })
    const sealed = rows[0]?.private_key
    if (typeof sealed !== 'string') throw new Error('the cohort key is not in the database')
    const { sealKey } = await deriveKeys(server.secret)
    const pkcs8 = await unseal(sealKey, sealed, `pulse-key:${keyId}`)
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })
  } finally {
    client.close()
  }
}

/** Counts rows of a table for the pulse, read from the server's database file. */
async function rowsOf(
  server: BenchServer,
  table: 'token_issuances' | 'responses',
  pulseId: string,
): Promise<number> {
  const client = createClient({ url: `file:${server.databaseFile}` })
  try {
    const { rows } = await client.execute({
      sql: `select count(*) as n from ${table} where pulse_id = ?`,
      args: [pulseId],
    })
    return Number(rows[0]?.n)
  } finally {
    client.close()
  }
}

/**
 * Rows written must match the answers: at least one per expected answer, and no more than were
 * sent (a phase ended by its time limit drops answers still in flight, whose rows may exist).
 */
function checkStored(phase: string, stored: number, answered: number, sent: number): void {
  if (stored < answered || stored > sent)
    fail(phase, `${stored} rows stored for ${answered} answers (${sent} sent)`)
}

const suite = RSABSSA.SHA384.PSS.Randomized()

/** `count` tokens signed with the cohort's private key (RSASSA-PSS, SHA-384, 48-byte salt). */
async function mintTokens(privateKey: KeyObject, count: number): Promise<SignedToken[]> {
  const signOne = (token: Uint8Array) =>
    new Promise<Buffer>((resolve, reject) =>
      sign(
        'sha384',
        token,
        { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
        (error, signature) => (error ? reject(error) : resolve(signature)),
      ),
    )
  return inPool(Array.from({ length: count }), 8, async () => {
    const token = suite.prepare(new Uint8Array(randomBytes(32)))
    const signature = await signOne(token)
    return { token: toBase64Url(token), signature: toBase64Url(new Uint8Array(signature)) }
  })
}

export const anonymousProtocol: Benchmark = {
  name: 'anonymous protocol',
  async run() {
    const server = await benchServer()
    let t = performance.now()
    const p = await prepare(server)
    console.log(
      `  prepared ${MEMBERS} joined members and an open one-cohort pulse in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )

    // The real client blinds a pool of messages (untimed).
    t = performance.now()
    const publicKey = await importPublicKey(p.publicKey)
    const pool: PreparedToken[] = []
    for (let i = 0; i < BLINDED_POOL; i++) pool.push(await prepareToken(publicKey))
    const poolBodies = pool.map((prepared) => JSON.stringify({ blindedMsg: prepared.blindedMsg }))
    console.log(
      `  blinded ${BLINDED_POOL} messages with the real client in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )

    // Issuance: member m sends pool message m mod BLINDED_POOL. The same message always gets the
    // same blind signature; the first answer for each pool slot is kept to finalize.
    const answers = new Map<number, string>()
    let member = 0
    const issuance = (phase: string, first: number, amount: number): LoadOptions => ({
      phase,
      path: `/api/pulses/${p.pulseId}/tokens`,
      connections: CONNECTIONS,
      amount,
      seconds: SLICE_S,
      expect: 200,
      request: (i) => {
        const m = first + i
        member = Math.max(member, m + 1)
        return {
          body: poolBodies[m % BLINDED_POOL],
          headers: { authorization: `Bearer ${p.memberKeys[m]}` },
        }
      },
      onAnswer: (i, status, body) => {
        if (status !== 200) return
        const slot = (first + i) % BLINDED_POOL
        const seen = answers.get(slot)
        if (seen === undefined) answers.set(slot, body)
        else if (seen !== body)
          fail(phase, `two different signatures for the same blinded message (slot ${slot})`)
      },
    })
    const issuanceWarmUp = await load(server, {
      ...issuance('issuance warm-up', 0, ISSUANCE_WARM_UP),
      seconds: 30,
    })
    const issuancePair = await interleaved(
      server,
      ROUNDS,
      () => baselineLoad('baseline (interleaved with issuance)', SLICE_S),
      (round) =>
        issuance('token issuance', member, Math.floor((MEMBERS - member) / (ROUNDS - round))),
    )
    const issued = issuancePair.subject
    console.log(describeLoad('token issuance', issued))
    console.log(describeLoad('baseline, interleaved', issuancePair.baseline))
    checkStored(
      'token issuance',
      await rowsOf(server, 'token_issuances', p.pulseId),
      issuanceWarmUp.ok + issued.ok,
      issuanceWarmUp.sent + issued.sent,
    )

    // Tokens for the submissions (untimed): the pool's, finalized by the real client, then minted.
    t = performance.now()
    const tokens: SignedToken[] = []
    for (let slot = 0; slot < BLINDED_POOL; slot++) {
      const answer = answers.get(slot)
      if (!answer) throw new Error(`no blind signature was returned for pool slot ${slot}`)
      const { keyId, blindSig } = JSON.parse(answer)
      if (keyId !== p.keyId)
        fail('token issuance', `signed under key ${keyId}, expected ${p.keyId}`)
      tokens.push(await finalizeToken(pool[slot], publicKey, blindSig)) // throws unless it verifies
    }
    const total = SUBMISSION_WARM_UP + SUBMISSIONS
    tokens.push(
      ...(await mintTokens(await serverPrivateKey(server, p.keyId), total - tokens.length)),
    )
    const minted = tokens[tokens.length - 1]
    const spki = fromBase64Url(p.publicKey)
    if (
      !(await clientVerifyToken(publicKey, minted)) ||
      !(await serverVerifyToken(spki, fromBase64Url(minted.token), fromBase64Url(minted.signature)))
    ) {
      throw new Error('a minted token does not verify')
    }
    const bodies = tokens.map((signed, i) =>
      JSON.stringify(responseBody(p.keyId, signed, answersFor(p.questions, i) as never)),
    )
    console.log(
      `  made ${total} submission bodies (${BLINDED_POOL} finalized by the client, the rest minted) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )

    let token = 0
    const submission = (phase: string, first: number, amount: number): LoadOptions => ({
      phase,
      path: `/api/pulses/${p.pulseId}/responses`,
      connections: CONNECTIONS,
      amount,
      seconds: SLICE_S,
      expect: 201,
      request: (i) => {
        token = Math.max(token, first + i + 1)
        return { body: bodies[first + i] }
      },
    })
    const submissionWarmUp = await load(server, {
      ...submission('submission warm-up', 0, SUBMISSION_WARM_UP),
      seconds: 30,
    })
    let peakRss = 0
    const submissionPair = await interleaved(
      server,
      ROUNDS,
      () => baselineLoad('baseline (interleaved with submission)', SLICE_S),
      (round) => submission('submission', token, Math.floor((total - token) / (ROUNDS - round))),
      async (slice) => {
        const rss = sampleRss(server.pid)
        try {
          return await slice()
        } finally {
          peakRss = Math.max(peakRss, rss.stop())
        }
      },
    )
    const submitted = submissionPair.subject
    console.log(describeLoad('submission', submitted))
    console.log(describeLoad('baseline, interleaved', submissionPair.baseline))
    console.log(
      `  server memory: peak RSS during submissions ${peakRss.toFixed(1)} MB, VmHWM since start ${procStatusMb(server.pid, 'VmHWM').toFixed(1)} MB`,
    )
    checkStored(
      'submission',
      await rowsOf(server, 'responses', p.pulseId),
      submissionWarmUp.ok + submitted.ok,
      submissionWarmUp.sent + submitted.sent,
    )

    return [
      {
        name: 'token_issuance_per_s',
        value: issued.rate,
        unit: 'req/s',
        baseline: issuancePair.baseline.rate,
      },
      {
        name: 'submission_per_s',
        value: submitted.rate,
        unit: 'req/s',
        baseline: submissionPair.baseline.rate,
      },
      { name: 'peak_rss_mb', value: peakRss, unit: 'MB' },
    ]
  },
}

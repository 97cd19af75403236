// The soak: about a minute of mixed traffic against the bench server, as a community would send it
// all at once — token issuance, submissions and report reads (a closed pulse's report and its
// survey's trend) side by side on 24 connections. It checks that every request gets its expected
// status (any other counts as an error and fails the run) and that the server's memory does not
// grow: resident set at the end minus after the warm-up must stay under RSS_GROWTH_LIMIT_MB.
//
// SOAK_SECONDS sets the measured time (default 60), after WARM_UP_S of the same mix.
import { constants, type KeyObject, randomBytes, sign } from 'node:crypto'
import { RSABSSA } from '@cloudflare/blindrsa-ts'
import { toBase64Url } from '../api/privacy/base64url'
import { memberKey, prepareToken, responseBody } from '../web/member/token-client'
import { serverPrivateKey } from './anonymous-protocol'
import {
  benchServer,
  combine,
  describeLoad,
  expectCall,
  inPool,
  load,
  organizerHeaders,
  procStatusMb,
  fail,
  type BenchServer,
  type Benchmark,
  type LoadOptions,
  type LoadResult,
} from './harness'

const SOAK_S = Number(process.env.SOAK_SECONDS ?? 60)
const WARM_UP_S = 10
/** Members that ask for tokens; each keeps one blinded message and asks again and again (a retry gets 200). */
const MEMBERS = 600
/** Distinct blinded messages made by the real client and shared among members. */
const BLINDED_POOL = 16
/** Respondents of the closed pulse whose report and trend are read. */
const CLOSED_RESPONSES = 40
export const RSS_GROWTH_LIMIT_MB = 64

const suite = RSABSSA.SHA384.PSS.Randomized()

/** A fresh token signed with the cohort's private key, as blinding, signing and finalizing would give. */
function mintToken(privateKey: KeyObject) {
  const token = suite.prepare(new Uint8Array(randomBytes(32)))
  const signature = sign('sha384', token, {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 48,
  })
  return { token: toBase64Url(token), signature: toBase64Url(new Uint8Array(signature)) }
}

interface Question {
  id: string
  kind: string
  options?: string[]
}

/** A valid answer to every question of the trust-pulse template, varied by `seed`. */
const answersFor = (
  questions: Question[],
  seed: number,
): { questionId: string; value: number | string }[] =>
  questions.flatMap((q, j): { questionId: string; value: number | string }[] =>
    q.kind === 'likert5'
      ? [{ questionId: q.id, value: 1 + ((seed + j) % 5) }]
      : q.kind === 'scale10'
        ? [{ questionId: q.id, value: (seed * 7 + j) % 11 }]
        : q.kind === 'text' && seed % 10 === 0
          ? [{ questionId: q.id, value: `Soak comment ${seed}.` }]
          : [],
  )

interface Pulse {
  pulseId: string
  surveyId: string
  keyId: string
  publicKey: string
  questions: Question[]
}

/** A survey from the template and a pulse of it open now, with its one cohort key. */
async function openPulse(
  server: BenchServer,
  cid: string,
  organizer: Record<string, string>,
  memberKey: string,
): Promise<Pulse> {
  const survey = await expectCall(
    server,
    201,
    'POST',
    `/api/communities/${cid}/surveys`,
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
  const mine = await expectCall(server, 200, 'GET', '/api/me/pulses', undefined, {
    authorization: `Bearer ${memberKey}`,
  })
  const entry = mine.find((p: any) => p.pulse.id === pulse.id)
  return {
    pulseId: pulse.id,
    surveyId: survey.id,
    keyId: entry.key.keyId,
    publicKey: entry.key.publicKey,
    questions: survey.questions,
  }
}

async function prepare(server: BenchServer) {
  const organizer = await organizerHeaders(server)
  const community = await expectCall(
    server,
    201,
    'POST',
    '/api/communities',
    { name: 'Soak community' },
    organizer,
  )
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ email: `soak${i}@bench.example` }))
  const imported = await expectCall(
    server,
    201,
    'POST',
    `/api/communities/${community.id}/members`,
    { members },
    organizer,
  )
  const memberKeys = await inPool(imported.members as { inviteUrl: string }[], 16, async (m) => {
    const key = memberKey()
    await expectCall(server, 200, 'POST', '/api/join', {
      inviteKey: new URL(m.inviteUrl).hash.slice(1),
      memberKey: key,
    })
    return key
  })

  // The closed pulse whose report and trend are read: answered with minted tokens, then closed.
  const closed = await openPulse(server, community.id, organizer, memberKeys[0])
  const closedKey = await serverPrivateKey(server, closed.keyId)
  for (let i = 0; i < CLOSED_RESPONSES; i++) {
    const body = responseBody(
      closed.keyId,
      mintToken(closedKey),
      answersFor(closed.questions, i) as never,
    )
    await expectCall(server, 201, 'POST', `/api/pulses/${closed.pulseId}/responses`, body)
  }
  await expectCall(server, 200, 'POST', `/api/pulses/${closed.pulseId}/close`, undefined, organizer)

  const open = await openPulse(server, community.id, organizer, memberKeys[0])
  const pool = []
  for (let i = 0; i < BLINDED_POOL; i++)
    pool.push(JSON.stringify({ blindedMsg: (await prepareToken(open.publicKey)).blindedMsg }))
  return {
    organizer,
    memberKeys,
    closed,
    open,
    openKey: await serverPrivateKey(server, open.keyId),
    pool,
  }
}

type Prepared = Awaited<ReturnType<typeof prepare>>

/** The four streams of the mix, for `seconds`, all at once (6 connections each). */
function mix(
  server: BenchServer,
  p: Prepared,
  label: string,
  seconds: number,
): Promise<LoadResult>[] {
  const common = { connections: 6, seconds }
  const streams: LoadOptions[] = [
    {
      ...common,
      phase: `${label}: token issuance`,
      path: `/api/pulses/${p.open.pulseId}/tokens`,
      expect: 200,
      // Member m always sends pool message m mod BLINDED_POOL: the first is an issuance, the rest retries.
      request: (i) => ({
        body: p.pool[(i % MEMBERS) % BLINDED_POOL],
        headers: { authorization: `Bearer ${p.memberKeys[i % MEMBERS]}` },
      }),
    },
    {
      ...common,
      phase: `${label}: submission`,
      path: `/api/pulses/${p.open.pulseId}/responses`,
      expect: 201,
      request: (i) => ({
        body: JSON.stringify(
          responseBody(
            p.open.keyId,
            mintToken(p.openKey),
            answersFor(p.open.questions, i) as never,
          ),
        ),
      }),
    },
    {
      ...common,
      phase: `${label}: report`,
      method: 'GET',
      path: `/api/pulses/${p.closed.pulseId}/report`,
      expect: 200,
      request: () => ({ body: '', headers: p.organizer }),
    },
    {
      ...common,
      phase: `${label}: trend`,
      method: 'GET',
      path: `/api/surveys/${p.closed.surveyId}/trend`,
      expect: 200,
      request: () => ({ body: '', headers: p.organizer }),
    },
  ]
  return streams.map((options) => load(server, options))
}

export const soak: Benchmark = {
  name: 'soak',
  async run() {
    const server = await benchServer()
    let t = performance.now()
    const p = await prepare(server)
    console.log(
      `  prepared ${MEMBERS} joined members, a closed pulse of ${CLOSED_RESPONSES} responses and an open pulse in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )

    const rssStart = procStatusMb(server.pid, 'VmRSS')
    await Promise.all(mix(server, p, 'soak warm-up', WARM_UP_S))
    const rssWarm = procStatusMb(server.pid, 'VmRSS')

    // RSS sampled every half second through the measured minute.
    const samples: number[] = []
    const sampler = setInterval(() => samples.push(procStatusMb(server.pid, 'VmRSS')), 500)
    t = performance.now()
    const results = await Promise.all(mix(server, p, 'soak', SOAK_S))
    clearInterval(sampler)
    const elapsed = (performance.now() - t) / 1000
    const rssEnd = procStatusMb(server.pid, 'VmRSS')
    const rssPeak = Math.max(rssWarm, rssEnd, ...samples)

    const names = ['token issuance', 'submission', 'report', 'trend']
    results.forEach((r, i) => console.log(describeLoad(`soak ${names[i]}`, r)))
    const all = combine(results)
    const requests = results.reduce((n, r) => n + r.ok + r.unexpected, 0)
    const errors = all.unexpected + all.errors + all.timeouts
    const growth = rssEnd - rssWarm
    console.log(
      `  soak: ${requests} requests in ${elapsed.toFixed(0)} s (${Math.round(requests / elapsed)}/s), ${errors} errors`,
    )
    console.log(
      `  server RSS: ${rssStart.toFixed(0)} MB at start, ${rssWarm.toFixed(0)} MB after warm-up, peak ${rssPeak.toFixed(0)} MB, ` +
        `${rssEnd.toFixed(0)} MB at the end: growth ${growth.toFixed(1)} MB (limit ${RSS_GROWTH_LIMIT_MB} MB)`,
    )
    if (!(growth < RSS_GROWTH_LIMIT_MB))
      fail(
        'soak',
        `the server's RSS grew ${growth.toFixed(1)} MB after warm-up (limit ${RSS_GROWTH_LIMIT_MB} MB)`,
      )

    return [
      { name: 'soak_requests', value: requests, unit: 'requests' },
      { name: 'soak_errors', value: errors, unit: 'requests' },
      { name: 'soak_rss_start_mb', value: rssStart, unit: 'MB' },
      { name: 'soak_rss_peak_mb', value: rssPeak, unit: 'MB' },
      { name: 'soak_rss_end_mb', value: rssEnd, unit: 'MB' },
      { name: 'soak_rss_growth_mb', value: growth, unit: 'MB' },
    ]
  },
}

import { pulseFingerprint } from '../../../api/privacy/fingerprint'
import { keyIdOf } from '../../../api/privacy/key-list'
import { entryHash, type LogData, type LogEntry } from '../../../api/privacy/log-chain'
import type { KeyEntry, LogPage, MyPulse } from '../../../web/member/api'
import { receiptFor } from '../../../web/member/token-client'
import { json, signingKey } from './helpers'

type Key = Awaited<ReturnType<typeof signingKey>>
/** The key of the community's other cohort (everyone not in team A), made once for all tests. */
let otherKey: Promise<Key> | undefined

/** Appends `data` to a hash-chained log as the server does (api/privacy/log-chain.ts). */
export async function appendLog(log: LogEntry[], data: LogData, day = '2025-01-01') {
  const entry = { ...data, seq: log.length + 1, day, prev: log.at(-1)?.hash ?? '' }
  log.push({ ...entry, hash: await entryHash(entry) } as LogEntry)
}
type Route = { method: string; path: string; body?: any; headers: Headers; query: URLSearchParams }
const settings = {
  minGroupSize: 5,
  minCommentGroupSize: 10,
  privacyMode: 'threshold' as const,
  epsilon: 1,
}
const problem = (status: number, title: string, extra: object = {}) =>
  json(status, { type: 'about:blank', title, status, ...extra })

/** The 401 the API gives a key an organizer's re-invite revoked (api/auth/member-keys.ts). */
const accessReset = () =>
  problem(401, 'Unauthorized', {
    reason: 'access-reset',
    detail:
      'An organizer sent you a new invite link, which reset your access on this device. Open the new link to go on.',
  })
/** The 401 the API gives a key a move to another device replaced. */
const movedAway = () =>
  problem(401, 'Unauthorized', { reason: 'moved', detail: 'Your membership was moved.' })

/**
 * A small stand-in for the API's member and public routes, over fetch, holding one member
 * (bearer 'MK', or the keys in `memberKeys`) of team A in community c1, whose pulses each have
 * two cohorts (team A: 5 joined; the rest: 7) with key ids derived from their keys and a
 * transparency log recording their opening: an honest server by every check of the member page.
 * `cheat.keys` changes the key list one request serves (a cheating server). `fail` can drop a request before it is handled
 * ('before') or lose the reply after it was handled ('after'), as a flaky network would. Keys
 * added to `revoked` answer as a key a re-invite revoked, those in `moved` as one a move
 * replaced; a move (`/api/me/move`, `/api/move`) replaces the key that asked for it.
 */
export async function fakeServer(pulseIds: string[], key?: Key) {
  const k = key ?? (await signingKey())
  const other = await (otherKey ??= signingKey())
  const [mineId, otherId] = await Promise.all([keyIdOf(k.publicKey), keyIdOf(other.publicKey)])
  const keyList = (): KeyEntry[] => [
    { keyId: mineId, publicKey: k.publicKey, cohort: { team: 'A' }, eligible: 5, joined: 5 },
    { keyId: otherId, publicKey: other.publicKey, cohort: {}, eligible: 7, joined: 7 },
  ]
  const cheat: { keys?: (pid: string, honest: KeyEntry[], bearer?: string) => KeyEntry[] } = {}
  const log: LogEntry[] = []
  const issued = new Map<string, string>() // pid → blindedMsg
  const spent = new Map<string, unknown>() // receipt → answers
  const calls: Route[] = []
  const revoked = new Set<string>()
  const moved = new Set<string>()
  const memberKeys = new Set(['MK'])
  const moves = new Map<string, { from: string; usedBy?: string }>() // moveKey → the move
  let fail: ((r: Route) => 'before' | 'after' | undefined) | undefined
  const entry = (id: string): MyPulse => ({
    pulse: {
      id,
      surveyId: 's-' + id,
      status: 'open',
      opensAt: '2025-01-01T00:00:00Z',
      closesAt: '2999-01-01T00:00:00Z',
      eligible: 12,
      joined: 12,
      responded: 0,
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode: 'threshold',
      epsilon: 1,
      shared: false,
      fingerprint: fingerprints.get(id),
    },
    survey: { id: 's-' + id, title: 'Survey ' + id, questions: [] },
    key: { keyId: mineId, publicKey: k.publicKey, cohort: { team: 'A' } },
    issued: issued.has(id),
    communityId: 'c1',
    attributeOrder: ['team'],
    snapshot: { attributes: { team: 'A' } },
  })
  // What each pulse promised, as the server records it when the pulse opens.
  const fingerprints = new Map<string, string>()
  for (const id of pulseIds) {
    const { pulse, survey, attributeOrder } = entry(id)
    const fingerprint = await pulseFingerprint({
      communityId: 'c1',
      pulseId: id,
      questions: survey.questions,
      attributes: attributeOrder!,
      minGroupSize: pulse.minGroupSize,
      minCommentGroupSize: pulse.minCommentGroupSize,
      privacyMode: pulse.privacyMode,
      epsilon: pulse.epsilon,
      keys: keyList(),
    })
    fingerprints.set(id, fingerprint)
    const cohorts = keyList().map(({ cohort, eligible, joined }) => ({
      cohort,
      eligible,
      joined: joined!,
    }))
    await appendLog(log, {
      kind: 'pulse-opened',
      data: { pulseId: id, fingerprint, ...settings, cohorts },
    })
  }

  async function handle({ path, body, headers, query }: Route): Promise<Response> {
    const bearer = headers.get('authorization')?.replace(/^Bearer /, '')
    const authed = bearer !== undefined && memberKeys.has(bearer)
    const m = path.match(/^\/api\/pulses\/([^/]+)\/(tokens|keys|responses)$/)
    if (m && m[2] === 'responses') {
      const receipt = await receiptFor(body.token)
      if (!(await k.verify(body.token, body.signature).catch(() => false))) {
        return problem(403, 'Forbidden')
      }
      if (spent.has(receipt)) return problem(409, 'Conflict', { receipt })
      spent.set(receipt, body.answers)
      return json(201, { receipt })
    }
    if (path === '/api/move') {
      const move = moves.get(body.moveKey)
      if (!move || (move.usedBy && move.usedBy !== body.memberKey)) return problem(401, 'Unused')
      if (!move.usedBy) {
        move.usedBy = body.memberKey
        memberKeys.delete(move.from)
        moved.add(move.from)
        memberKeys.add(body.memberKey)
      }
      return json(200, { community: { id: 'c1', name: 'Crew' } })
    }
    if (bearer && revoked.has(bearer)) return accessReset()
    if (bearer && moved.has(bearer)) return movedAway()
    if (!authed) return problem(401, 'Unauthorized')
    if (path === '/api/me/move') {
      const moveKey = 'M'.repeat(40) + String(moves.size).padStart(3, '0')
      moves.set(moveKey, { from: bearer! })
      return json(201, { moveKey, expiresAt: '2999-01-01T01:00:00.000Z' })
    }
    if (path === '/api/me')
      return json(200, { community: { id: 'c1', name: 'Crew' }, attributes: { team: 'A' } })
    if (path === '/api/me/pulses') return json(200, pulseIds.map(entry))
    if (path === '/api/me/results') return json(200, [])
    if (path === '/api/me/log') {
      const after = Number(query.get('after') ?? 0)
      const last = log.at(-1)
      const page: LogPage = {
        entries: log.filter((e) => e.seq > after),
        head: last ? { seq: last.seq, hash: last.hash } : null,
      }
      return json(200, page)
    }
    if (m && m[2] === 'keys') {
      const honest = keyList()
      return json(200, cheat.keys ? cheat.keys(m[1], honest, bearer) : honest)
    }
    if (m && m[2] === 'tokens') {
      const before = issued.get(m[1])
      if (before && before !== body.blindedMsg) return problem(409, 'Conflict')
      issued.set(m[1], body.blindedMsg)
      return json(200, { keyId: mineId, blindSig: await k.sign(body.blindedMsg) })
    }
    return problem(404, 'Not Found')
  }

  const fetch = async (url: string | URL | Request, init: RequestInit = {}) => {
    const u = new URL(String(url))
    const route: Route = {
      method: init.method ?? 'GET',
      path: u.pathname,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      headers: new Headers(init.headers),
      query: u.searchParams,
    }
    calls.push(route)
    const failure = fail?.(route)
    if (failure === 'before') throw new TypeError('fetch failed')
    const res = await handle(route)
    if (failure === 'after') throw new TypeError('fetch failed')
    return res
  }
  return {
    key: k,
    /** The other cohort's key, and the key ids of both. */
    other,
    keyIds: { mine: mineId, other: otherId },
    cheat,
    log,
    fingerprints,
    fetch: fetch as typeof globalThis.fetch,
    calls,
    issued,
    spent,
    revoked,
    moved,
    memberKeys,
    moves,
    setFail: (f: typeof fail) => (fail = f),
  }
}

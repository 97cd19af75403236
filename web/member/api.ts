import type { FollowUp } from '../../api/actions/follow-ups'
import type { Action } from '../../api/actions/view'
import type { LogEntry } from '../../api/privacy/log-chain'
import type { Question } from '../../api/surveys/question'
import type { Threads } from '../../api/threads/view'
import { receiptFor, type ResponseBody } from './protocol'

// Every HTTP call of the member pages, as a few lines of fetch (no typed RPC client: the member
// bundle stays tiny). Shapes follow API.md, "Members" and "Public".

export type Cohort = Record<string, string>
export type Community = { id: string; name: string }
export type Pulse = {
  id: string
  surveyId: string
  status: string
  opensAt: string
  closesAt: string
  eligible: number
  /** Members who had joined when it opened; null for pulses opened before that was recorded. */
  joined: number | null
  /** Open: rounded down to a multiple of k. Closed: the released count, null when fewer than k. */
  responded: number | null
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: 'threshold' | 'noise'
  epsilon: number
  shared: boolean
  /** The server's fingerprint of what the pulse promised; null until its keys exist. */
  fingerprint?: string | null
  /** Follow-up questions about the community's actions, asked after the survey's (issue 19). */
  followUps?: FollowUp[]
}
export type Survey = { id: string; title: string; description?: string; questions: Question[] }
export type MemberKey = { keyId: string; publicKey: string; cohort: Cohort }
export type MyPulse = {
  pulse: Pulse
  survey: Survey
  key: MemberKey
  issued: boolean
  communityId?: string
  /** The attributes, in priority order, the pulse's cohorts were formed by. */
  attributeOrder?: string[]
  /** The member's attributes when the pulse opened; null for pulses opened before they were kept. */
  snapshot?: { attributes: Cohort } | null
}
/** One entry of a pulse's key list; `joined` is null for pulses opened before it was recorded. */
export type KeyEntry = MemberKey & { eligible: number; joined: number | null }
/** A page of the community's transparency log (docs/api.md). */
export type LogPage = {
  entries: LogEntry[]
  head: { seq: number; hash: string } | null
  next?: number | null
}
export type QuestionResult = {
  questionId: string
  suppressed: boolean
  n?: number
  mean?: number
  favorable?: number
  nps?: number
  yes?: number
  distribution?: Record<string, number>
}
export type Group = {
  cohort: Cohort
  suppressed: boolean
  respondents?: number
  questions?: QuestionResult[]
}
export type Report = {
  pulse: Pulse
  /** Not in API.md: asked of the API so members can read which question a number belongs to. */
  survey?: Survey
  participation: { eligible: number; responded: number | null; rate: number | null }
  released: boolean
  groups: Group[]
}

/** An action of the community as members see it (docs/api.md, "Actions"). */
export type MemberAction = Omit<Action, 'draft'>

/** A failed request: the problem+json fields, or status 0 when the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { path: string; message: string }[],
    readonly body?: Record<string, unknown>,
  ) {
    super(detail || title)
  }
}

/**
 * Whether a member call was refused because an organizer's re-invite revoked this device's key
 * (401 with `reason: "access-reset"`): opening the new invite link restores access.
 */
export const isAccessReset = (e: unknown) => revocation(e) === 'access-reset'

/**
 * Why a member call was refused, when this device's key was revoked (401 with `reason`): an
 * organizer's re-invite ("access-reset") or a move to another device ("moved").
 */
export function revocation(e: unknown): 'access-reset' | 'moved' | undefined {
  const reason = e instanceof ApiError && e.status === 401 ? e.body?.reason : undefined
  return reason === 'access-reset' || reason === 'moved' ? reason : undefined
}

export type MemberApiOptions = {
  /** Prefix of every path, e.g. `http://127.0.0.1:8791`; '' in the browser. */
  baseUrl?: string
  fetch?: typeof fetch
  /** The member's credential, read on every call (it changes when the member joins). */
  memberKey?: () => string | undefined
}

/** The member API over `fetch`; errors are thrown as ApiError. */
export function createMemberApi({
  baseUrl = '',
  fetch: f = fetch,
  memberKey,
}: MemberApiOptions = {}) {
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    auth: boolean | string = true,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const key = typeof auth === 'string' ? auth : auth && memberKey?.()
    if (key) headers.authorization = `Bearer ${key}`
    let res: Response
    try {
      res = await f(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // Bearer only; the response submission carries no credentials of any kind.
        credentials: 'omit',
        signal: AbortSignal.timeout(30_000),
      })
    } catch {
      throw new ApiError(0, 'No connection', 'The server could not be reached.')
    }
    const data = await res.json().catch(() => undefined)
    if (res.ok) return data as T
    const p = (data ?? {}) as Record<string, any>
    throw new ApiError(res.status, p.title || res.statusText, p.detail, p.errors, p)
  }
  const pulse = (pid: string) => `/api/pulses/${encodeURIComponent(pid)}`
  return {
    join: (inviteKey: string, memberKey: string) =>
      call<{ community: Community }>('POST', '/api/join', { inviteKey, memberKey }, false),
    /** Exchanges a move key for `memberKey` (docs/api.md): this device becomes the member's. */
    move: (moveKey: string, memberKey: string) =>
      call<{ community: Community }>('POST', '/api/move', { moveKey, memberKey }, false),
    /** A single-use move key, valid for an hour, for moving to another device. */
    startMove: () => call<{ moveKey: string; expiresAt: string }>('POST', '/api/me/move'),
    /** The member's community and attributes; with `key`, as that key rather than the stored one. */
    me: (key?: string) =>
      call<{ community: Community; attributes: Cohort }>('GET', '/api/me', undefined, key ?? true),
    myPulses: () => call<MyPulse[]>('GET', '/api/me/pulses'),
    issue: (pid: string, blindedMsg: string) =>
      call<{ keyId: string; blindSig: string }>('POST', `${pulse(pid)}/tokens`, { blindedMsg }),
    keys: (pid: string) => call<KeyEntry[]>('GET', `${pulse(pid)}/keys`),
    /** The community's transparency log after entry `after` (0: from the start). */
    log: (after: number) => call<LogPage>('GET', `/api/me/log?after=${after}`),
    results: () => call<Report[]>('GET', '/api/me/results'),
    /** The community's actions that are not drafts, with their updates and follow-up results. */
    actions: () => call<MemberAction[]>('GET', '/api/me/actions'),
    /** A shared pulse's released comments on text question `qid`, as organizers read them. */
    comments: (pid: string, qid: string) =>
      call<{ released: boolean; comments: string[] }>(
        'GET',
        `/api/me/results/${encodeURIComponent(pid)}/comments?questionId=${encodeURIComponent(qid)}`,
      ),
    /**
     * Sends a response without credentials. A 409 whose problem body carries our own receipt
     * means an earlier attempt was stored (its reply was lost): that is success, `already` true.
     */
    async submit(pid: string, body: ResponseBody): Promise<{ receipt: string; already?: boolean }> {
      try {
        return await call<{ receipt: string }>('POST', `${pulse(pid)}/responses`, body, false)
      } catch (e) {
        const receipt = await receiptFor(body.token)
        if (e instanceof ApiError && e.status === 409 && e.body?.receipt === receipt) {
          return { receipt, already: true }
        }
        throw e
      }
    },
    /** A shared pulse's threads: the same answer for every member (docs/api.md, "Threads"). */
    threads: (pid: string) =>
      call<Threads>('GET', `/api/me/results/${encodeURIComponent(pid)}/threads`),
    /** A comment's author answering back: the reply secret and the text, no credentials. */
    followUp: (secret: string, text: string) =>
      call<{ waiting: true }>('POST', '/api/follow-ups', { secret, text }, false),
  }
}

export type MemberApi = ReturnType<typeof createMemberApi>

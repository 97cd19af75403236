import type { Question } from '../../api/surveys/question'
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
  /** Open: rounded down to a multiple of k. Closed: the released count, null when fewer than k. */
  responded: number | null
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: 'threshold' | 'noise'
  shared: boolean
}
export type Survey = { id: string; title: string; description?: string; questions: Question[] }
export type MemberKey = { keyId: string; publicKey: string; cohort: Cohort }
export type MyPulse = { pulse: Pulse; survey: Survey; key: MemberKey; issued: boolean }
export type KeyEntry = MemberKey & { eligible: number }
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
    results: () => call<Report[]>('GET', '/api/me/results'),
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
  }
}

export type MemberApi = ReturnType<typeof createMemberApi>

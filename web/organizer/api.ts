import { networkError, problemFrom } from './api-error'
import type * as T from './api-types'

export { ApiError } from './api-error'

type Body = { json: unknown } | { csv: string | Blob } | undefined

const seg = encodeURIComponent

/**
 * The one way the organizer app talks to the server: same-origin cookies, JSON in and out, and
 * every failure thrown as an ApiError parsed from the problem+json body.
 */
async function call<R>(method: string, path: string, body?: Body): Promise<R> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const init: RequestInit = { method, credentials: 'same-origin', headers }
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(body.json)
  } else if (body && 'csv' in body) {
    headers['content-type'] = 'text/csv'
    init.body = body.csv
  }
  let res: Response
  try {
    res = await fetch(`/api${path}`, init)
  } catch {
    throw networkError()
  }
  const text = res.status === 204 ? '' : await res.text().catch(() => '')
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = undefined
  }
  if (!res.ok) throw problemFrom(res.status, data)
  return data as R
}

const get = <R>(path: string) => call<R>('GET', path)
const post = <R>(path: string, json?: unknown) =>
  call<R>('POST', path, json === undefined ? undefined : { json })
const patch = <R>(path: string, json: unknown) => call<R>('PATCH', path, { json })
const put = <R>(path: string, json: unknown) => call<R>('PUT', path, { json })
const del = <R = void>(path: string) => call<R>('DELETE', path)

// Session and setup

export const getSession = () => get<{ organizer: T.Organizer }>('/session')
export const login = (email: string, password: string) =>
  post<{ organizer: T.Organizer }>('/session', { email, password })
export const logout = () => del('/session')
export const changePassword = (current: string, password: string) =>
  put<void>('/session/password', { current, password })
/** Asks for a reset link by email; the answer is the same whether or not the account exists. */
export const requestPasswordReset = (email: string) => post<void>('/password-resets', { email })
export const confirmPasswordReset = (token: string, password: string) =>
  post<{ organizer: T.Organizer }>('/password-resets/confirm', { token, password })
export const setup = (input: {
  email: string
  password: string
  name?: string
  setupToken?: string
}) => post<{ organizer: T.Organizer }>('/setup', input)

/** Whether first-run setup is still open; null when the server does not say (404 or 405). */
export async function setupStatus(): Promise<T.SetupStatus | null> {
  try {
    return await get<T.SetupStatus>('/setup')
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 404 || status === 405) return null
    throw error
  }
}

// Communities and team

export const listCommunities = () => get<T.Community[]>('/communities')
export const getCommunity = (cid: string) => get<T.Community>(`/communities/${seg(cid)}`)
export const createCommunity = (input: T.CommunityInput & { name: string }) =>
  post<T.Community>('/communities', input)
export const updateCommunity = (cid: string, input: T.CommunityInput) =>
  patch<T.Community>(`/communities/${seg(cid)}`, input)
export const deleteCommunity = (cid: string) => del(`/communities/${seg(cid)}`)

export const listTeam = (cid: string) => get<T.TeamEntry[]>(`/communities/${seg(cid)}/team`)
export const inviteToTeam = (cid: string, email: string, role: T.Role) =>
  post<{ inviteUrl?: string }>(`/communities/${seg(cid)}/team`, { email, role })
export const removeFromTeam = (cid: string, oid: string) =>
  del(`/communities/${seg(cid)}/team/${seg(oid)}`)
export const acceptTeamInvite = (token: string, password: string, name?: string) =>
  post<{ organizer: T.Organizer }>('/team-invites', { token, password, name })
export const listTeamInvites = (cid: string) =>
  get<T.PendingInvite[]>(`/communities/${seg(cid)}/team/invites`)
export const revokeTeamInvite = (cid: string, iid: string) =>
  del(`/communities/${seg(cid)}/team/invites/${seg(iid)}`)
export const changeTeamRole = (cid: string, oid: string, role: T.Role) =>
  patch<T.TeamEntry>(`/communities/${seg(cid)}/team/${seg(oid)}`, { role })

// Members

export const importMembersCsv = (cid: string, csv: string | Blob) =>
  call<T.ImportResult>('POST', `/communities/${seg(cid)}/members`, { csv })
/** With `existing: 'refuse'`, an email that is already a member's is a 409 listing them. */
export const addMembers = (cid: string, members: T.MemberInput[], existing?: 'refuse') =>
  post<T.ImportResult>(`/communities/${seg(cid)}/members`, { members, existing })
export function listMembers(cid: string, page: T.MemberListQuery = {}) {
  const query = new URLSearchParams()
  if (page.limit) query.set('limit', String(page.limit))
  if (page.cursor) query.set('cursor', page.cursor)
  if (page.q) query.set('q', page.q)
  if (page.sort) query.set('sort', page.sort)
  if (page.order) query.set('order', page.order)
  const qs = query.size ? `?${query}` : ''
  return get<T.MemberPage>(`/communities/${seg(cid)}/members${qs}`)
}
export const removeMember = (cid: string, mid: string) =>
  del(`/communities/${seg(cid)}/members/${seg(mid)}`)
export const reinviteMember = (cid: string, mid: string) =>
  post<{ inviteUrl: string }>(`/communities/${seg(cid)}/members/${seg(mid)}/invite`)

// Surveys

export const listTemplates = () => get<T.Template[]>('/templates')
export const listSurveys = (cid: string) => get<T.Survey[]>(`/communities/${seg(cid)}/surveys`)
export const createSurvey = (cid: string, input: T.SurveyInput) =>
  post<T.Survey>(`/communities/${seg(cid)}/surveys`, input)
/** The survey, with its schedule when it has one (no request that answers 404). */
export const getSurvey = (sid: string) => get<T.SurveyDetail>(`/surveys/${seg(sid)}`)
export const updateSurvey = (
  sid: string,
  input: { title?: string; description?: string; questions?: T.QuestionInput[] },
) => patch<T.Survey>(`/surveys/${seg(sid)}`, input)
export const archiveSurvey = (sid: string) => del(`/surveys/${seg(sid)}`)
export const copySurvey = (sid: string) => post<T.Survey>(`/surveys/${seg(sid)}/copy`)

// Pulses and schedules

export const listPulses = (sid: string) => get<T.Pulse[]>(`/surveys/${seg(sid)}/pulses`)
export const openPulse = (sid: string, input: { closesAt: string; opensAt?: string }) =>
  post<T.Pulse>(`/surveys/${seg(sid)}/pulses`, input)
/** What opening a pulse of the survey now would form: who has joined, and its groups. */
export const getPulsePreview = (sid: string) =>
  get<T.PulsePreview>(`/surveys/${seg(sid)}/pulse-preview`)
export const closePulse = (pid: string) => post<T.Pulse>(`/pulses/${seg(pid)}/close`)
export const sharePulse = (pid: string) => post<T.Pulse>(`/pulses/${seg(pid)}/share`)
export const unsharePulse = (pid: string) => del<T.Pulse>(`/pulses/${seg(pid)}/share`)
/** Deletes a pulse made by mistake: scheduled, skipped, or closed with nobody counted. */
export const deletePulse = (pid: string) => del(`/pulses/${seg(pid)}`)
/** The pulse's key list: each cohort's labels, to tell which groups a report merged. */
export const getKeys = (pid: string) => get<T.PulseKey[]>(`/pulses/${seg(pid)}/keys`)

export const putSchedule = (sid: string, input: T.ScheduleInput) =>
  put<T.Schedule>(`/surveys/${seg(sid)}/schedule`, input)
export const deleteSchedule = (sid: string) => del(`/surveys/${seg(sid)}/schedule`)

// Reports

const byQuery = (by?: string) => (by ? `?by=${seg(by)}` : '')

export const getPulse = (pid: string) => get<T.Pulse>(`/pulses/${seg(pid)}`)
export const getReport = (pid: string, by?: string) =>
  get<T.Report>(`/pulses/${seg(pid)}/report${byQuery(by)}`)
export const getComments = (pid: string, questionId: string) =>
  get<T.Comments>(`/pulses/${seg(pid)}/comments?questionId=${seg(questionId)}`)
export const getTrend = (sid: string, by?: string) =>
  get<T.Trend>(`/surveys/${seg(sid)}/trend${byQuery(by)}`)
/** The address of the trend as CSV, for an `<a download>` (the browser sends the cookie). */
export const trendCsvUrl = (sid: string, by?: string) =>
  `/api/surveys/${seg(sid)}/trend.csv${byQuery(by)}`

// Threads on released comments (docs/api.md, "Threads")

export const getThreads = (pid: string) => get<T.Threads>(`/pulses/${seg(pid)}/threads`)
export const replyToComment = (pid: string, tid: string, text: string) =>
  post<T.Thread>(`/pulses/${seg(pid)}/threads/${seg(tid)}/replies`, { text })
/** Hides the comment `tid`, or with `position` one post of its thread, showing `reason` instead. */
export const hideInThread = (pid: string, tid: string, reason: string, position?: number) =>
  post<T.Thread>(`/pulses/${seg(pid)}/threads/${seg(tid)}/hide`, { reason, position })

// Delivery: outbox, reminders, chat webhooks

/** A page of the outbox: `status` `waiting` (queued or failed) or one status; `kind` one kind. */
export function listOutbox(
  cid: string,
  q: { cursor?: string; status?: T.OutboxStatusFilter; kind?: T.MessageKind; limit?: number } = {},
) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(q)) if (value !== undefined) params.set(key, `${value}`)
  const qs = params.toString() ? `?${params}` : ''
  return get<T.OutboxPage>(`/communities/${seg(cid)}/outbox${qs}`)
}
/**
 * Hands every waiting email (of `kind`) over as one text or CSV; the server marks them copied
 * and forgets their invite keys. Answers the text and how many messages it holds.
 */
export async function handOver(
  cid: string,
  input: { format: 'text' | 'csv'; kind?: T.MessageKind },
): Promise<{ text: string; count: number }> {
  let res: Response
  try {
    res = await fetch(`/api/communities/${seg(cid)}/outbox/handover`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    })
  } catch {
    throw networkError()
  }
  const text = await res.text().catch(() => '')
  if (!res.ok) {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
    throw problemFrom(res.status, data)
  }
  return { text, count: Number(res.headers.get('x-message-count') ?? 0) }
}
export const retryMessage = (cid: string, id: string) =>
  post<T.OutboxMessage>(`/communities/${seg(cid)}/outbox/${seg(id)}/retry`)
export const markCopied = (cid: string, id: string) =>
  post<T.OutboxMessage>(`/communities/${seg(cid)}/outbox/${seg(id)}/copied`)
export const getDelivery = (cid: string) =>
  get<T.DeliverySettings>(`/communities/${seg(cid)}/delivery`)
export const saveDelivery = (
  cid: string,
  input: Pick<T.DeliverySettings, 'reminderAudience' | 'reminderLeadHours'>,
) => put<T.DeliverySettings>(`/communities/${seg(cid)}/delivery`, input)
export const setWebhook = (cid: string, kind: T.ChatKind, url: string) =>
  put<{ kind: T.ChatKind; url: string }>(`/communities/${seg(cid)}/chat/${kind}`, { url })
export const removeWebhook = (cid: string, kind: T.ChatKind) =>
  del(`/communities/${seg(cid)}/chat/${kind}`)
export const testWebhook = (cid: string, kind: T.ChatKind) =>
  post<{ delivered: true }>(`/communities/${seg(cid)}/chat/${kind}/test`)

// Meetings

export const listMeetings = (cid: string) =>
  get<T.MeetingBrief[]>(`/communities/${seg(cid)}/meetings`)
export const createMeeting = (
  cid: string,
  input: { title: string; seats: number; labels?: string[] },
) => post<T.Meeting>(`/communities/${seg(cid)}/meetings`, input)
export const getMeeting = (mid: string) => get<T.MeetingDetail>(`/meetings/${seg(mid)}`)
export const sendTurns = (mid: string, batch: { turns: T.MeetingTurn[]; undo: string[] }) =>
  post<{ turns: number }>(`/meetings/${seg(mid)}/turns`, batch)
export const endMeeting = (mid: string, end: number) =>
  post<T.Meeting & { measures: T.MeetingMeasures }>(`/meetings/${seg(mid)}/end`, { end })
export const getMeetingTrend = (cid: string) =>
  get<{ meetings: T.MeetingTrendPoint[] }>(`/communities/${seg(cid)}/meetings/trend`)
/** The address of the meetings trend as CSV, for an `<a download>`. */
export const meetingTrendCsvUrl = (cid: string) => `/api/communities/${seg(cid)}/meetings/trend.csv`

// Actions

/** The community's actions (those of one survey with `surveyId`). */
export const listActions = (cid: string, surveyId?: string) =>
  get<T.Action[]>(`/communities/${seg(cid)}/actions${surveyId ? `?surveyId=${seg(surveyId)}` : ''}`)
export const createAction = (
  cid: string,
  input: T.ActionFields & { surveyId: string; title: string },
) => post<T.Action>(`/communities/${seg(cid)}/actions`, input)
export const getAction = (aid: string) => get<T.Action>(`/actions/${seg(aid)}`)
export const updateAction = (aid: string, input: T.ActionFields) =>
  patch<T.Action>(`/actions/${seg(aid)}`, input)
export const deleteAction = (aid: string) => del(`/actions/${seg(aid)}`)
export const addActionUpdate = (aid: string, input: { text: string; date?: string }) =>
  post<T.Action>(`/actions/${seg(aid)}/updates`, input)
export const deleteActionUpdate = (aid: string, uid: string) =>
  del(`/actions/${seg(aid)}/updates/${seg(uid)}`)
/** The follow-up questions the survey's next pulse would carry if it opened now. */
export const getNextFollowUps = (sid: string) =>
  get<{ followUps: T.NextFollowUp[] }>(`/surveys/${seg(sid)}/follow-up-questions`)

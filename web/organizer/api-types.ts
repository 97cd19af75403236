/** Shapes of the organizer API as fixed by shared/API.md (v1). */

export type Role = 'owner' | 'organizer' | 'viewer'
export type PrivacyMode = 'threshold' | 'noise'
export type QuestionKind = 'likert5' | 'scale10' | 'yesno' | 'choice' | 'multi' | 'text'
export type PulseStatus = 'scheduled' | 'open' | 'closed' | 'skipped'
export type Cadence = 'weekly' | 'biweekly' | 'monthly'

export interface Organizer {
  id: string
  email: string
  name: string
}

export interface SetupStatus {
  needed: boolean
  tokenRequired: boolean
}

export interface Community {
  id: string
  name: string
  attributes: string[]
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: PrivacyMode
  epsilon: number
  role: Role
}

export type CommunityInput = Partial<Omit<Community, 'id' | 'role'>>

export interface TeamEntry {
  organizer: Organizer
  role: Role
}

export interface MemberInput {
  email: string
  attributes?: Record<string, string>
}

export interface ImportedMember {
  id: string
  email: string
  attributes: Record<string, string>
  inviteUrl?: string
}

export interface ImportResult {
  created: number
  updated: number
  members: ImportedMember[]
}

export interface Member {
  id: string
  email: string
  attributes: Record<string, string>
  joined: boolean
}

export interface MemberPage {
  members: Member[]
  next?: string
}

/** A question as stored; the server assigns ids and makes `required` explicit. */
export interface Question {
  id: string
  kind: QuestionKind
  prompt: string
  options?: string[]
  dimension?: string
  required: boolean
  /** The prompt (and options, in order) in other languages, by language code. */
  translations?: Record<string, { prompt: string; options?: string[] }>
}

/** A question as sent; questions without an id are new. */
export type QuestionInput = Omit<Question, 'id' | 'required'> & { id?: string; required?: boolean }

export interface Template {
  id: string
  title: string
  description: string
  questions: Question[]
}

export interface Survey {
  id: string
  communityId: string
  title: string
  description: string
  questions: Question[]
  /** Sent by the server beyond API.md; archived surveys leave the list but stay readable. */
  archived?: boolean
}

export type SurveyInput =
  { template: string } | { title: string; description?: string; questions: QuestionInput[] }

export interface Pulse {
  id: string
  surveyId: string
  status: PulseStatus
  opensAt: string
  closesAt: string
  eligible: number
  /** Members who had joined when its cohorts were formed; null for older pulses and until it opens. */
  joined: number | null
  /** Open: rounded down to a multiple of k. Closed: the released count, null when fewer than k. */
  responded: number | null
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: PrivacyMode
  shared: boolean
  reason?: string
}

/** One cohort a pulse opened now would have: the attributes it keeps, with its counts. */
export interface PreviewCohort {
  cohort: Record<string, string>
  eligible: number
  joined: number
}

/** What opening a pulse of a survey now would form (docs/api.md, `pulse-preview`). */
export interface PulsePreview {
  eligible: number
  /** Members who hold a working member key now: only they count towards a cohort's k. */
  joined: number
  /** The community's attributes in priority order. */
  attributes: string[]
  cohorts: PreviewCohort[]
  /** The attributes some cohort keeps, in priority order: what reports could be cut by. */
  cutBy: string[]
}

export interface ScheduleInput {
  cadence: Cadence
  startsAt: string
  durationDays: number
}

export interface Schedule extends ScheduleInput {
  nextOpensAt: string
}

/** One entry of a 422 problem: `path` is dotted (`questions.2.options`, `line.7`). */
export interface FieldProblem {
  path: string
  message: string
}

// Reports (API.md "Reports"; `change` from docs/api.md)

/** A difference from the same group and question of the previous closed pulse. */
export interface Change {
  delta: number
  /** True only when |delta| lies beyond 1.96 standard errors of the difference. */
  significant: boolean
}

export interface QuestionChange {
  mean?: Change
  favorable?: Change
  nps?: Change
  yes?: Change
}

/** The released numbers of one non-text question in one group. */
export interface QuestionStats {
  questionId: string
  suppressed: false
  n: number
  /** Every possible value as a string (`"1"`, `"true"`, option text) → count. */
  distribution: Record<string, number>
  mean?: number
  ci95?: [number, number]
  favorable?: number
  neutral?: number
  unfavorable?: number
  nps?: number
  yes?: number
  change?: QuestionChange
}

export type QuestionResult = QuestionStats | { questionId: string; suppressed: true }

export interface DimensionScore {
  dimension: string
  mean: number
  favorable: number
}

/** A group's numbers; a suppressed (or empty) group carries none of them. */
export interface GroupNumbers {
  suppressed: boolean
  /** Every cohort (key id) a released group counts. */
  keyIds?: string[]
  respondents?: number
  questions?: QuestionResult[]
  dimensions?: DimensionScore[]
}

export interface ReportGroup extends GroupNumbers {
  cohort: Record<string, string>
}

export interface Report {
  pulse: Pulse
  participation: { eligible: number; responded: number | null; rate: number | null }
  released: boolean
  groups: ReportGroup[]
}

export interface TrendPoint extends GroupNumbers {
  pulseId: string
}

export interface TrendGroup {
  cohort: Record<string, string>
  suppressed: boolean
  series: TrendPoint[]
}

export interface Trend {
  pulses: { id: string; closesAt: string }[]
  groups: TrendGroup[]
}

export interface Comments {
  released: boolean
  comments: string[]
}

export type Channel = 'email' | 'slack' | 'teams'
export type MessageKind = 'invite' | 'pulse-open' | 'reminder' | 'results'
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'copied' | 'skipped'
/** A reminder goes to every member of the pulse or to no one (DESIGN.md 9). */
export type ReminderAudience = 'everyone' | 'none'
export type ChatKind = 'slack' | 'teams'

export interface OutboxMessage {
  id: string
  channel: Channel
  kind: MessageKind
  recipient: string
  subject: string
  text: string
  link?: string
  status: MessageStatus
  attempts: number
  nextAttemptAt?: string
  error?: string
  createdAt: string
  sentAt?: string
}

export interface OutboxPage {
  /** The email provider ("SMTP", "Resend"), or null: email waits here to be copied. */
  email: string | null
  messages: OutboxMessage[]
  next?: string
}

export interface DeliverySettings {
  reminderAudience: ReminderAudience
  reminderLeadHours: number
  email: string | null
  chat: Record<ChatKind, string | null>
}

// Meetings (docs/api.md, "Meetings")

export type MeetingStatus = 'running' | 'ended'
export type Balance = 'none' | 'balanced' | 'uneven' | 'poor'

export interface Meeting {
  id: string
  communityId: string
  title: string
  seats: number
  labels: string[]
  startedAt: string
  endedAt: string | null
  status: MeetingStatus
}

export interface MeetingTurn {
  id: string
  seat: number
  /** ms from the meeting's start. */
  start: number
  end: number | null
}

export interface MeetingMeasures {
  seats: number
  turns: number
  basis: 'turns' | 'time'
  perSeat: { seat: number; label: string; turns: number; speakingMs: number | null }[]
  topTwoShare: number | null
  silentSeats: number
  gini: number | null
  entropy: number | null
  turnsPerMinute: number | null
  balance: Balance
  summary: string
  suggestion: string | null
}

export type MeetingBrief = Meeting & {
  measures: Pick<
    MeetingMeasures,
    'turns' | 'basis' | 'gini' | 'entropy' | 'topTwoShare' | 'silentSeats' | 'balance' | 'summary'
  >
}

export type MeetingDetail = Meeting & { turns: MeetingTurn[]; measures: MeetingMeasures }

export interface MeetingTrendPoint {
  id: string
  title: string
  startedAt: string
  endedAt: string
  seats: number
  turns: number
  basis: 'turns' | 'time'
  gini: number | null
  entropy: number | null
  topTwoShare: number | null
  silentSeats: number
  turnsPerMinute: number | null
}

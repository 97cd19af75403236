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
  responded: number
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: PrivacyMode
  shared: boolean
  reason?: string
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

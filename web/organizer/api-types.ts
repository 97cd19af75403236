// The shapes of the organizer API, taken from the server code that builds them (type imports:
// nothing of the server reaches the bundle). The organizer app imports its types from here.

import type { ActionStatus } from '../../api/actions/status'
import type { Action, FollowUpPoint } from '../../api/actions/view'
import type { Organizer } from '../../api/deps'
import type { Role } from '../../api/db/rows'
import type { FieldError } from '../../api/http/problem'
import type { Balance, Measures } from '../../api/meetings/measures'
import type { Meeting, MeetingTurn } from '../../api/meetings/store'
import type { MemberListQuery as ListQuery } from '../../api/members/list'
import type { Report, ReportStats } from '../../api/pulses/report'
import type { Cadence } from '../../api/pulses/schedule-math'
import type { Pulse, PulsePreview } from '../../api/pulses/view'
import type * as Released from '../../api/reports/released-view'
import type { Change, DimensionStats, QuestionChange } from '../../api/reports/statistics'
import type { Trend, TrendGroup, TrendPoint } from '../../api/reports/trend'
import type { Community, CommunityInput } from '../../api/routes/communities'
import type { DeliverySettings, OutboxMessage, OutboxPage } from '../../api/routes/delivery'
import type { MeetingBrief, MeetingDetail, MeetingTrendPoint } from '../../api/routes/meetings'
import type { nextFollowUps, ActionFields } from '../../api/actions/store'
import type {
  ImportedMember,
  ImportResult,
  Member,
  MemberInput,
  MemberPage,
} from '../../api/routes/members'
import type { Schedule, ScheduleInput } from '../../api/routes/pulses'
import type { Comments } from '../../api/routes/reports'
import type { Thread, ThreadPost, Threads } from '../../api/routes/threads'
import type { SetupStatus } from '../../api/routes/session'
import type { Survey, SurveyInput } from '../../api/routes/surveys'
import type { PendingInvite, TeamEntry } from '../../api/routes/team'
import type { Question, QuestionKind } from '../../api/surveys/question'
import type { QuestionInput } from '../../api/surveys/questions'
import type { SurveyTemplate } from '../../api/surveys/templates'

// Session, communities, team, members
export type { Organizer, SetupStatus, Role, Community, CommunityInput, TeamEntry, PendingInvite }
export type { MemberInput, ImportedMember, ImportResult, Member, MemberPage }
export type MemberListQuery = Partial<ListQuery>
export type PrivacyMode = Community['privacyMode']
/** One entry of a 422 problem: `path` is dotted (`questions.2.options`, `line.7`). */
export type FieldProblem = FieldError

// Surveys, pulses, schedules
export type { Question, QuestionKind, QuestionInput, Survey, SurveyInput }
export type Template = SurveyTemplate
/** GET /api/surveys/:sid: the survey and, when it has one, its schedule. */
export type SurveyDetail = Survey & { schedule?: Schedule }
/** One cohort of a pulse's key list (GET /api/pulses/:pid/keys, API.md). */
export interface PulseKey {
  keyId: string
  publicKey: string
  cohort: Record<string, string>
  eligible: number
  joined: number | null
}
export type { Pulse, PulsePreview, Cadence, Schedule, ScheduleInput }
export type PulseStatus = Pulse['status']
export type PreviewCohort = PulsePreview['cohorts'][number]

// Reports: a report's released questions carry `change` (a trend's never do, and fit the same type)
export type { Report, Change, QuestionChange, Trend, TrendGroup, TrendPoint, Comments }
export type { Thread, ThreadPost, Threads }
export type ReportGroup = Released.ReportGroup<ReportStats>
export type GroupNumbers = Released.GroupNumbers<ReportStats>
export type QuestionResult = Released.QuestionResult<ReportStats>
/** A released question's numbers in one group. */
export type QuestionStats = Extract<QuestionResult, { suppressed: false }>
export type DimensionScore = DimensionStats

// Delivery
export type { OutboxMessage, OutboxPage, DeliverySettings }
export type Channel = OutboxMessage['channel']
export type MessageKind = OutboxMessage['kind']
export type MessageStatus = OutboxMessage['status']
/** The outbox's status filter: `waiting` is queued or failed. */
export type OutboxStatusFilter = 'waiting' | MessageStatus
export type ReminderAudience = DeliverySettings['reminderAudience']
export type ChatKind = keyof DeliverySettings['chat']

// Meetings
export type { Meeting, MeetingTurn, MeetingBrief, MeetingDetail, MeetingTrendPoint, Balance }
export type MeetingMeasures = Measures
export type MeetingStatus = Meeting['status']

// Actions
export type { Action, ActionStatus, ActionFields, FollowUpPoint }
export type ActionUpdate = Action['updates'][number]
/** A follow-up question the survey's next pulse would carry, with its action's title and status. */
export type NextFollowUp = Awaited<ReturnType<typeof nextFollowUps>>[number]

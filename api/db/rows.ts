// The shapes of stored rows the app passes around, from the schema itself.
import type { actions, communities, communityRoles, meetings, pulses, surveys } from '../../schema'

export type CommunityRow = typeof communities.$inferSelect
export type SurveyRow = typeof surveys.$inferSelect
export type PulseRow = typeof pulses.$inferSelect
export type MeetingRow = typeof meetings.$inferSelect
export type ActionRow = typeof actions.$inferSelect
/** An organizer's role in a community. */
export type Role = (typeof communityRoles.$inferSelect)['role']

// A community's meetings page: the list with each meeting's balance, the trend of Gini and
// silent seats over ended meetings, and the trust pulse's "voice" dimension to read beside it.
import { computed, createModel } from '@preact/signals'
import * as api from '../api'
import type { MeetingTrendPoint, Survey, Trend } from '../api-types'
import { shortDate } from './report-format'
import { resource } from './resource'
import { dimensionSeries, overall, pulseAxis, type PulseAxis, type Series } from './trend-view'

/** The dimension of the trust pulse that asks whether people's voice is heard. */
export const VOICE = 'voice'

/** The x axis of the meetings trend: one label per ended meeting, numbered, with its day. */
export function meetingAxis(meetings: { endedAt: string }[]): PulseAxis {
  const days = meetings.map((m) => shortDate(m.endedAt))
  return {
    labels: days.map((day, i) => `#${i + 1} ${day}`),
    names: days.map((day, i) => `Meeting ${i + 1}, ${day}`),
  }
}

/** Gini per ended meeting, as a chart series (a meeting without turns has none). */
export const giniSeries = (points: MeetingTrendPoint[]): Series => ({
  name: 'Gini',
  values: points.map((p) => p.gini ?? undefined),
})

/** The first survey that asks about voice, if any, with its trend. */
async function voiceTrend(cid: string): Promise<{ survey: Survey; trend: Trend } | null> {
  const surveys = await api.listSurveys(cid)
  const survey = surveys.find((s) =>
    s.questions.some((q) => q.kind === 'likert5' && q.dimension?.toLowerCase() === VOICE),
  )
  return survey ? { survey, trend: await api.getTrend(survey.id) } : null
}

export const MeetingsModel = createModel((cid: string) => {
  const list = resource(() => api.listMeetings(cid))
  const trend = resource(() => api.getMeetingTrend(cid))
  const voice = resource(() => voiceTrend(cid))
  /** The voice dimension's mean per closed pulse, with its axis; undefined when there is none. */
  const voiceLine = computed(() => {
    const v = voice.data.value
    if (!v || v.trend.pulses.length === 0) return undefined
    const series = dimensionSeries(overall(v.trend), v.survey.questions).find(
      (s) => s.name.toLowerCase() === VOICE,
    )
    return series && { survey: v.survey, axis: pulseAxis(v.trend.pulses), series }
  })
  return { list, trend, voice, voiceLine, csvUrl: computed(() => api.meetingTrendCsvUrl(cid)) }
})

export type Meetings = InstanceType<typeof MeetingsModel>

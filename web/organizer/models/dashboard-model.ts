import { computed, createModel, effect, signal, untracked } from '@preact/signals'
import * as api from '../api'
import { actionMarks } from './action-marks'
import { communities } from './communities'
import { explainOtherGroup } from './merged-groups'
import { heatColumns, type HeatColumns, type HeatMetric } from './report-view'
import { resource } from './resource'
import { groupsAt, overall, participationSeries } from './trend-view'

/**
 * A survey's dashboard at /surveys/:sid/dashboard: participation and trends over its closed
 * pulses, the latest pulse's report (for favorability and changes), and a cohort heatmap of one
 * cut at one pulse.
 */
export const DashboardModel = createModel((sid: string) => {
  const survey = resource(() => api.getSurvey(sid))
  const pulses = resource(() => api.listPulses(sid))
  const trend = resource(() => api.getTrend(sid))

  const participation = computed(() => participationSeries(pulses.data.value ?? []))
  // The survey's actions, to mark on its trend charts when each started and ended.
  const actions = resource(() => api.listActions(survey.data.peek()!.communityId, sid), {
    lazy: true,
  })
  effect(() => {
    if (survey.data.value) untracked(() => void actions.reload())
  })
  const marks = computed(() =>
    actionMarks(actions.data.value ?? [], trend.data.value?.pulses ?? []),
  )
  const everyone = computed(() => (trend.data.value ? overall(trend.data.value) : undefined))
  const latestId = computed(() => trend.data.value?.pulses.at(-1)?.id)
  const latest = resource(() => api.getReport(latestId.peek()!), { lazy: true })
  effect(() => {
    if (latestId.value) untracked(() => void latest.reload())
  })

  const questions = computed(() => survey.data.value?.questions ?? [])
  const scored = computed(() =>
    questions.value.filter((q) => q.kind === 'likert5' || q.kind === 'scale10'),
  )
  /** The question whose mean and interval the per-question chart shows. */
  const question = signal('')
  const shownQuestion = computed(
    () => scored.value.find((q) => q.id === question.value) ?? scored.value[0],
  )
  const npsQuestion = computed(() => questions.value.find((q) => q.kind === 'scale10'))

  const attributes = computed(() => {
    const cid = survey.data.value?.communityId
    return communities.data.value?.find((c) => c.id === cid)?.attributes ?? []
  })

  // The heatmap: a cut of the trend, read at one of its pulses (the latest by default).
  const by = signal('')
  const heatPulse = signal('')
  const columns = signal<HeatColumns>('dimensions')
  const metric = signal<HeatMetric>('mean')
  const cut = resource(() => api.getTrend(sid, by.peek()), { lazy: true })
  effect(() => {
    if (!by.value && attributes.value.length) by.value = attributes.value[0]
  })
  effect(() => {
    if (by.value) untracked(() => void cut.reload())
  })
  const heatPulseId = computed(() => {
    const list = cut.data.value?.pulses ?? []
    return list.find((p) => p.id === heatPulse.value)?.id ?? list.at(-1)?.id
  })
  const csvUrl = computed(() => api.trendCsvUrl(sid, by.value || undefined))

  // The groups over time: one line per group for one dimension or question of the heatmap's.
  const lineColumn = signal('')
  const lineColumns = computed(() => heatColumns(questions.value, columns.value))
  const shownLineColumn = computed(
    () => lineColumns.value.find((c) => c.key === lineColumn.value) ?? lineColumns.value[0],
  )

  // What the heatmap's pulse merged: its key list names the cohorts each group counts.
  const keys = resource(() => api.getKeys(heatPulseId.peek()!), { lazy: true })
  effect(() => {
    if (heatPulseId.value) untracked(() => void keys.reload())
  })
  const heatPulseK = computed(
    () => pulses.data.value?.find((p) => p.id === heatPulseId.value)?.minGroupSize,
  )
  const other = computed(() => {
    const trend = cut.data.value
    const pid = heatPulseId.value
    const k = heatPulseK.value
    // While the cut reloads for another attribute, its groups are still the previous cut's.
    if (!trend || !pid || !k || !keys.data.value || cut.loading.value) return undefined
    return explainOtherGroup(groupsAt(trend, pid), keys.data.value, by.value, k)
  })

  return {
    survey,
    pulses,
    trend,
    participation,
    marks,
    everyone,
    latest,
    scored,
    question,
    shownQuestion,
    npsQuestion,
    attributes,
    by,
    heatPulse,
    heatPulseId,
    columns,
    metric,
    cut,
    csvUrl,
    lineColumn,
    lineColumns,
    shownLineColumn,
    heatPulseK,
    other,
    /** The uncut CSV, always offered. */
    csvAllUrl: computed(() => api.trendCsvUrl(sid)),
  }
})

export type Dashboard = InstanceType<typeof DashboardModel>

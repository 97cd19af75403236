import { computed, createModel, effect, signal, untracked } from '@preact/signals'
import * as api from '../api'
import type { Pulse } from '../api-types'
import { announce } from './announce'
import { can, communities } from './communities'
import { mutation } from './mutation'
import { explainOtherGroup } from './merged-groups'
import type { HeatColumns, HeatMetric } from './report-view'
import { resource } from './resource'
import { threadsModel } from './threads-model'

/**
 * A pulse's report at /pulses/:pid/report: the overall report, its survey (for the prompts), one
 * cut by an attribute, the threads on its comments, and sharing with members.
 */
export const PulseReportModel = createModel((pid: string) => {
  const report = resource(() => api.getReport(pid))
  const surveyId = computed(() => report.data.value?.pulse.surveyId)
  const survey = resource(() => api.getSurvey(surveyId.peek()!), { lazy: true })
  effect(() => {
    if (surveyId.value) untracked(() => void survey.reload())
  })

  const pulse = computed(() => report.data.value?.pulse)
  const released = computed(() => report.data.value?.released === true)
  const attributes = computed(() => {
    const cid = survey.data.value?.communityId
    return communities.data.value?.find((c) => c.id === cid)?.attributes ?? []
  })

  // The cut: none until an attribute is chosen; the first attribute by default.
  const by = signal('')
  const columns = signal<HeatColumns>('dimensions')
  const metric = signal<HeatMetric>('mean')
  const cut = resource(() => api.getReport(pid, by.peek()), { lazy: true })
  effect(() => {
    if (!by.value && attributes.value.length) by.value = attributes.value[0]
  })
  effect(() => {
    if (by.value && released.value) untracked(() => void cut.reload())
  })

  // The key list names each cohort a group counts (keyIds): what the cut's `{}` group holds.
  const keys = resource(() => api.getKeys(pid), { lazy: true })
  effect(() => {
    if (released.value) untracked(() => void keys.reload())
  })
  const other = computed(() => {
    const groups = cut.data.value?.groups
    const list = keys.data.value
    const k = pulse.value?.minGroupSize
    // While the cut reloads for another attribute, its groups are still the previous cut's.
    if (!groups || !list || !k || cut.loading.value) return undefined
    return explainOtherGroup(groups, list, by.value, k)
  })

  // Threads on the released comments: replies and hiding are for organizers, viewers read.
  const threads = threadsModel(pid)
  const canModerate = computed(() => {
    const cid = survey.data.value?.communityId
    return can(communities.data.value?.find((c) => c.id === cid)?.role, 'organizer')
  })

  const sharing = mutation((share: boolean) =>
    share ? api.sharePulse(pid) : api.unsharePulse(pid),
  )

  return {
    report,
    survey,
    pulse,
    released,
    attributes,
    by,
    columns,
    metric,
    cut,
    other,
    threads,
    canModerate,
    sharing,

    /** Shares the results with the community's members, or stops sharing them. */
    async toggleShare(): Promise<void> {
      const current = pulse.value
      if (!current) return
      const updated: Pulse | undefined = await sharing.run(!current.shared)
      const data = report.data.value
      if (!updated || !data) return
      report.set({ ...data, pulse: updated })
      announce(updated.shared ? 'Results shared with members' : 'Results no longer shared')
    },
  }
})

export type PulseReport = InstanceType<typeof PulseReportModel>

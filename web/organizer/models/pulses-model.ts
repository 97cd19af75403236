import { computed, createModel, effect, signal } from '@preact/signals'
import * as api from '../api'
import type { Cadence, FieldProblem, Pulse } from '../api-types'
import { announce } from './announce'
import * as d from './dates'
import { errorMap } from './field-errors'
import { mutation } from './mutation'
import { needsPolling, sortPulses } from './participation'
import { pulseQuarters } from './pulse-quarters'
import { resource } from './resource'

const pollMs = 4000

/** A survey's pulses and schedule: list, open, close, share, and the recurring schedule. */
export const PulsesModel = createModel((sid: string) => {
  const survey = resource(() => api.getSurvey(sid))
  const pulses = resource(() => api.listPulses(sid))
  /** Read from the survey itself, so a survey without a schedule costs no 404. */
  const schedule = computed(() => survey.data.value?.schedule ?? null)
  // What opening now would form: shown beside the button, looked at again after each opening.
  const preview = resource(() => api.getPulsePreview(sid))
  const sorted = computed(() => sortPulses(pulses.data.value ?? []))
  const quarters = computed(() => pulseQuarters(pulses.data.value ?? []))

  // Opening a pulse
  const startNow = signal(true)
  const opensAt = signal(d.localInputAfter(new Date(), 1))
  const closesAt = signal(d.localInputAfter(new Date(), 7))
  const openChecks = signal<FieldProblem[]>([])
  const opener = mutation((body: { closesAt: string; opensAt?: string }) =>
    api.openPulse(sid, body),
  )
  const openErrors = computed(() =>
    errorMap(openChecks.value.length ? openChecks.value : opener.error.value?.errors),
  )

  // Per-pulse actions
  const act = mutation((kind: 'close' | 'share' | 'unshare', pid: string) =>
    kind === 'close'
      ? api.closePulse(pid)
      : kind === 'share'
        ? api.sharePulse(pid)
        : api.unsharePulse(pid),
  )
  const remover = mutation((pid: string) => api.deletePulse(pid).then(() => pid))
  const busy = signal<string | undefined>(undefined)

  const replace = (pulse: Pulse) => {
    const list = pulses.data.value ?? []
    const known = list.some((p) => p.id === pulse.id)
    pulses.set(known ? list.map((p) => (p.id === pulse.id ? pulse : p)) : [pulse, ...list])
  }

  // Keys for many cohorts are made off the request path: look again until the pulse opens.
  effect(() => {
    if (!needsPolling(pulses.data.value ?? [])) return
    const timer = setTimeout(() => void pulses.reload(), pollMs)
    return () => clearTimeout(timer)
  })

  return {
    survey,
    pulses,
    schedule,
    preview,
    sorted,
    quarters,
    remover,
    startNow,
    opensAt,
    closesAt,
    opener,
    openErrors,
    act,
    busy,

    /** Opens a pulse now or schedules it; returns whether the server accepted it. */
    async open(): Promise<boolean> {
      const body = {
        closesAt: d.fromLocalInput(closesAt.value),
        opensAt: startNow.value ? undefined : d.fromLocalInput(opensAt.value),
      }
      const problems = d.validatePulseTimes(body.opensAt, body.closesAt, new Date())
      if (!startNow.value && !body.opensAt) {
        problems.unshift({ path: 'opensAt', message: 'choose when the pulse opens' })
      }
      openChecks.value = problems
      if (problems.length) return false
      const pulse = await opener.run({ closesAt: body.closesAt!, opensAt: body.opensAt })
      if (!pulse) return false
      replace(pulse)
      void preview.reload()
      announce(pulse.status === 'open' ? 'The pulse is open' : 'The pulse is scheduled')
      return true
    },

    async perform(kind: 'close' | 'share' | 'unshare', pid: string): Promise<void> {
      busy.value = pid
      const pulse = await act.run(kind, pid)
      busy.value = undefined
      if (!pulse) return
      replace(pulse)
      const said = {
        close: 'Pulse closed',
        share: 'Results shared with members',
        unshare: 'Results no longer shared',
      }
      announce(said[kind])
    },

    /** Deletes a pulse made by mistake; the list drops it once the server has. */
    async remove(pid: string): Promise<void> {
      busy.value = pid
      const gone = await remover.run(pid)
      busy.value = undefined
      if (!gone) return
      pulses.set((pulses.data.value ?? []).filter((p) => p.id !== gone))
      void preview.reload()
      announce('Pulse deleted')
    },

    /** After the schedule changed: its summary lives on the survey, new pulses in the list. */
    refreshSchedule(): void {
      void survey.reload()
      void pulses.reload()
    },
  }
})

export type Pulses = InstanceType<typeof PulsesModel>

/** The schedule form's own state, kept apart so it can be reset from the saved schedule. */
export const ScheduleModel = createModel((sid: string, onSaved: () => void) => {
  const cadence = signal<Cadence>('weekly')
  const startsAt = signal(d.localInputAfter(new Date(), 1))
  const durationDays = signal('5')
  const checks = signal<FieldProblem[]>([])
  const put = mutation((body: Parameters<typeof api.putSchedule>[1]) => api.putSchedule(sid, body))
  const remove = mutation(() => api.deleteSchedule(sid))
  const errors = computed(() =>
    errorMap(checks.value.length ? checks.value : put.error.value?.errors),
  )
  const max = computed(() => d.maxDurationDays[cadence.value])

  return {
    cadence,
    startsAt,
    durationDays,
    errors,
    max,
    put,
    remove,
    fill(s: { cadence: Cadence; startsAt: string; durationDays: number }) {
      cadence.value = s.cadence
      startsAt.value = d.toLocalInput(new Date(s.startsAt))
      durationDays.value = String(s.durationDays)
    },
    setCadence(next: Cadence) {
      cadence.value = next
      const days = Number(durationDays.value)
      if (days > d.maxDurationDays[next]) durationDays.value = String(d.maxDurationDays[next])
    },
    async save(): Promise<boolean> {
      const iso = d.fromLocalInput(startsAt.value)
      const days = Number(durationDays.value)
      checks.value = d.validateSchedule(cadence.value, iso, days)
      if (checks.value.length) return false
      const saved = await put.run({ cadence: cadence.value, startsAt: iso!, durationDays: days })
      if (!saved) return false
      announce('Schedule saved')
      onSaved()
      return true
    },
    async stop(): Promise<boolean> {
      await remove.run()
      if (remove.error.value) return false
      announce('Schedule removed')
      onSaved()
      return true
    },
  }
})

import { useModel } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { Cadence, Schedule } from '../api-types'
import { cadenceLabels, formatDateTime } from '../models/dates'
import { unplacedErrors } from '../models/field-errors'
import { ScheduleModel } from '../models/pulses-model'
import { Field } from './field'
import { Problem } from './problem'

const cadences = Object.keys(cadenceLabels) as Cadence[]

/** The recurring schedule: cadence, first opening and duration, with the next opening shown. */
export function ScheduleForm(props: {
  sid: string
  current: Schedule | null
  onSaved: () => void
}) {
  const m = useModel(() => new ScheduleModel(props.sid, props.onSaved))
  const { current } = props
  useEffect(() => {
    if (current) m.fill(current)
  }, [current])
  const error = m.put.error.value ?? m.remove.error.value
  // A 422 about something other than these fields (the survey's placeholder question) is shown too.
  const unplaced = unplacedErrors(error?.errors, ['cadence', 'startsAt', 'durationDays'])
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void m.save()
  }
  const onStop = () => {
    if (
      confirm('Remove the schedule? No further pulses open by themselves; open ones stay open.')
    ) {
      void m.stop()
    }
  }
  return (
    <form class="form" onSubmit={onSubmit} noValidate>
      <p role="status" class={current ? 'notice' : 'hint'}>
        {current
          ? `${cadenceLabels[current.cadence]}, open for ${current.durationDays} day${current.durationDays === 1 ? '' : 's'}. Next pulse opens ${formatDateTime(current.nextOpensAt)}.`
          : 'No schedule: pulses open only when you open them.'}
      </p>
      {error && (error.status !== 422 || unplaced.length > 0) && (
        <Problem error={error} lines={unplaced} />
      )}
      <div class="field">
        <label for="cadence">How often</label>
        <select
          id="cadence"
          value={m.cadence.value}
          onChange={(e) => m.setCadence(e.currentTarget.value as Cadence)}
        >
          {cadences.map((c) => (
            <option key={c} value={c}>
              {cadenceLabels[c]}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="starts-at"
        label="First pulse opens"
        type="datetime-local"
        value={m.startsAt}
        required
        error={m.errors.value.startsAt}
        hint="In your time zone; later pulses open at the same time of day."
      />
      <Field
        id="duration-days"
        label="Days each pulse stays open"
        type="number"
        inputMode="numeric"
        min={1}
        max={m.max.value}
        step={1}
        value={m.durationDays}
        required
        error={m.errors.value.durationDays}
        hint={`At most ${m.max.value} days for this cadence, so a pulse closes before the next one opens.`}
      />
      <div class="actions">
        <button type="submit" disabled={m.put.pending}>
          {m.put.pending.value ? 'Saving…' : current ? 'Update schedule' : 'Start schedule'}
        </button>
        {current && (
          <button
            type="button"
            class="button-danger-quiet"
            onClick={onStop}
            disabled={m.remove.pending}
          >
            Remove schedule
          </button>
        )}
      </div>
    </form>
  )
}

import { formatImportErrors } from '../models/import-report'
import type { Pulses } from '../models/pulses-model'
import { Field } from './field'
import { Problem } from './problem'

/** Open a pulse now or at a chosen time, closing by default in seven days. */
export function OpenPulseForm({ m }: { m: Pulses }) {
  const errors = m.openErrors.value
  const error = m.opener.error.value
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void m.open()
  }
  const known = ['opensAt', 'closesAt']
  const other = (error?.errors ?? []).filter((p) => !known.includes(p.path))
  return (
    <form class="form" onSubmit={onSubmit} noValidate>
      {error && (error.status !== 422 || other.length > 0 || !error.errors) && (
        <Problem error={error} lines={formatImportErrors(other)} />
      )}
      <fieldset class="group">
        <legend>When it opens</legend>
        <div class="choice-row">
          <input
            type="radio"
            id="open-now"
            name="open-when"
            checked={m.startNow.value}
            onChange={() => (m.startNow.value = true)}
          />
          <label for="open-now">Now</label>
        </div>
        <div class="choice-row">
          <input
            type="radio"
            id="open-later"
            name="open-when"
            checked={!m.startNow.value}
            onChange={() => (m.startNow.value = false)}
          />
          <label for="open-later">At a time I choose</label>
        </div>
        {!m.startNow.value && (
          <Field
            id="opens-at"
            label="Opens at"
            type="datetime-local"
            value={m.opensAt}
            required
            error={errors.opensAt}
            hint="In your time zone."
          />
        )}
      </fieldset>
      <Field
        id="closes-at"
        label="Closes at"
        type="datetime-local"
        value={m.closesAt}
        required
        error={errors.closesAt}
        hint="In your time zone. A week gives most people time to answer."
      />
      <p class="hint">
        When it opens, the current members are counted as eligible and split into anonymous cohorts.
        It needs at least as many members as the smallest group size.
      </p>
      <div class="actions">
        <button type="submit" disabled={m.opener.pending}>
          {m.opener.pending.value
            ? 'Opening…'
            : m.startNow.value
              ? 'Open pulse now'
              : 'Schedule pulse'}
        </button>
      </div>
    </form>
  )
}

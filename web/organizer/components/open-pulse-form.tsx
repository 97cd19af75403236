import type { Community } from '../api-types'
import { formatImportErrors } from '../models/import-report'
import { previewText } from '../models/pulse-preview'
import type { Pulses } from '../models/pulses-model'
import { Field } from './field'
import { Problem } from './problem'

/** What opening now would form (who has joined, the groups), or why it cannot open, in words. */
function PreviewLine({ m, k }: { m: Pulses; k: number }) {
  const { data, error } = m.preview
  const text = data.value
    ? previewText(data.value, k, !m.startNow.value)
    : error.value
      ? error.value.status === 422
        ? error.value.detail
        : `Who has joined could not be counted: ${error.value.detail}`
      : 'Counting who has joined…'
  return (
    <p id="pulse-preview" class="notice" role="status">
      {text}
    </p>
  )
}

/** Open a pulse now or at a chosen time, closing by default in seven days. */
export function OpenPulseForm({ m, community }: { m: Pulses; community: Community }) {
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
        When it opens, the current members are counted as eligible and split into anonymous cohorts;
        only members who have joined count towards a cohort's size. It needs at least as many
        members as the smallest group size.
      </p>
      <PreviewLine m={m} k={community.minGroupSize} />
      <div class="actions">
        <button type="submit" disabled={m.opener.pending} aria-describedby="pulse-preview">
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

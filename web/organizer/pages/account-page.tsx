import { signal } from '@preact/signals'
import * as api from '../api'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem, Status } from '../components/problem'
import { errorAt, unplacedErrors } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { organizer } from '../models/session'

const current = signal('')
const next = signal('')
const repeat = signal('')
const local = signal<{ next?: string; repeat?: string }>({})
const done = signal('')
const change = mutation(() => api.changePassword(current.value, next.value))

function check(): boolean {
  const problems: { next?: string; repeat?: string } = {}
  if (next.value.length < 10) problems.next = 'Use at least 10 characters.'
  else if (repeat.value !== next.value) problems.repeat = 'The two new passwords differ.'
  local.value = problems
  return !problems.next && !problems.repeat
}

async function onSubmit(e: Event) {
  e.preventDefault()
  done.value = ''
  if (!check()) return
  await change.run()
  if (change.error.value) {
    if (change.fieldErrors.value.current) document.getElementById('pw-current')?.focus()
    return
  }
  current.value = next.value = repeat.value = ''
  done.value = 'Your password was changed.'
}

/** The organizer's own account: who they are and a password change. */
export default function AccountPage() {
  const who = organizer.value
  const error = change.error.value
  const fields = change.fieldErrors.value
  return (
    <Page title="Your account">
      <dl class="facts">
        <dt>Email</dt>
        <dd>{who?.email}</dd>
        <dt>Name</dt>
        <dd>{who?.name || '—'}</dd>
      </dl>
      <form class="form narrow" onSubmit={onSubmit} aria-labelledby="pw-heading" noValidate>
        <h2 id="pw-heading">Change password</h2>
        {error && error.status !== 422 && <Problem error={error} />}
        {error?.status === 422 &&
          unplacedErrors(error.errors, ['current', 'password']).length > 0 && (
            <Problem error={error} lines={unplacedErrors(error.errors, ['current', 'password'])} />
          )}
        <Field
          id="pw-current"
          label="Current password"
          type="password"
          value={current}
          required
          autoComplete="current-password"
          error={errorAt(fields, 'current')}
        />
        <Field
          id="pw-new"
          label="New password"
          type="password"
          value={next}
          required
          minLength={10}
          autoComplete="new-password"
          hint="At least 10 characters."
          error={local.value.next ?? errorAt(fields, 'password')}
        />
        <Field
          id="pw-repeat"
          label="New password again"
          type="password"
          value={repeat}
          required
          autoComplete="new-password"
          error={local.value.repeat}
        />
        <div class="actions">
          <button type="submit" disabled={change.pending}>
            {change.pending.value ? 'Changing…' : 'Change password'}
          </button>
        </div>
        <Status message={done.value} />
      </form>
    </Page>
  )
}

import { signal } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem } from '../components/problem'
import { errorAt } from '../models/field-errors'
import { forgetHash, tokenFromHash } from '../models/link-fragment'
import { mutation } from '../models/mutation'
import { setupInfo, startSession } from '../models/session'

const password = signal('')
const repeat = signal('')
const local = signal<{ password?: string; repeat?: string }>({})
const confirmReset = mutation((token: string) => api.confirmPasswordReset(token, password.value))

function check(): boolean {
  const problems: { password?: string; repeat?: string } = {}
  if (password.value.length < 10) problems.password = 'Use at least 10 characters.'
  else if (repeat.value !== password.value) problems.repeat = 'The two passwords differ.'
  local.value = problems
  if (problems.password) document.getElementById('reset-password')?.focus()
  else if (problems.repeat) document.getElementById('reset-repeat')?.focus()
  return !problems.password && !problems.repeat
}

/** Where to get a new link: by email when the server sends it, else from whoever runs it. */
function NewLinkHint() {
  return setupInfo.value?.passwordReset === false ? (
    <>Ask the person who runs trustpulse here for a new link.</>
  ) : (
    <>
      <a href="/forgot-password">Ask for a new link</a>.
    </>
  )
}

/** The page an emailed (or operator's) reset link opens: choose a new password, then signed in. */
export default function ResetPasswordPage() {
  const { route } = useLocation()
  const token = tokenFromHash()
  if (!token) {
    return (
      <Page title="Choose a new password">
        <p class="notice notice-error narrow" role="alert">
          This address has no reset link in it. Open the whole link you were sent, including the
          part after the # sign. <NewLinkHint />
        </p>
      </Page>
    )
  }
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    if (!check()) return
    const answer = await confirmReset.run(token)
    if (!answer) return
    password.value = repeat.value = ''
    startSession(answer.organizer)
    forgetHash('/reset-password')
    route('/communities', true)
  }
  const error = confirmReset.error.value
  const spent = error?.status === 401
  return (
    <Page
      title="Choose a new password"
      intro="Choosing it signs you out on every other device, and signs you in here."
    >
      <form class="form narrow" onSubmit={onSubmit} noValidate>
        {spent && (
          <p class="notice notice-error" role="alert">
            This reset link does not work any more: it was used already, or it is too old.{' '}
            <NewLinkHint />
          </p>
        )}
        {error && !spent && error.status !== 422 && <Problem error={error} />}
        <Field
          id="reset-password"
          label="New password"
          type="password"
          value={password}
          required
          minLength={10}
          autoComplete="new-password"
          hint="At least 10 characters."
          error={local.value.password ?? errorAt(confirmReset.fieldErrors.value, 'password')}
        />
        <Field
          id="reset-repeat"
          label="New password again"
          type="password"
          value={repeat}
          required
          autoComplete="new-password"
          error={local.value.repeat}
        />
        <div class="actions">
          <button type="submit" disabled={confirmReset.pending}>
            {confirmReset.pending.value ? 'Saving…' : 'Save and sign in'}
          </button>
        </div>
      </form>
    </Page>
  )
}

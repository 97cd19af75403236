import { signal } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem } from '../components/problem'
import { errorAt, unplacedErrors } from '../models/field-errors'
import { forgetHash, tokenFromHash } from '../models/link-fragment'
import { mutation } from '../models/mutation'
import { startSession } from '../models/session'

const name = signal('')
const password = signal('')
const tooShort = signal(false)
const accept = mutation((token: string) =>
  api.acceptTeamInvite(token, password.value, name.value.trim() || undefined),
)

/** Accepting a team invite: choose a password (and a name) to create the account. */
export default function TeamInvitePage() {
  const { route } = useLocation()
  const token = tokenFromHash()
  if (!token) {
    return (
      <Page title="Join a team">
        <p class="notice notice-error" role="alert">
          This address has no invite in it. Open the whole link you were sent, including the part
          after the # sign.
        </p>
      </Page>
    )
  }
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    tooShort.value = password.value.length < 10
    if (tooShort.value) return document.getElementById('invite-password')?.focus()
    const answer = await accept.run(token)
    if (!answer) return
    password.value = ''
    startSession(answer.organizer)
    forgetHash('/team-invite')
    route('/communities', true)
  }
  const error = accept.error.value
  const fields = accept.fieldErrors.value
  const invalid = error && [401, 404, 409, 410].includes(error.status)
  return (
    <Page
      title="Join a team"
      intro="You were invited to help run a community on trustpulse. Choose a password to create your account."
    >
      <form class="form narrow" onSubmit={onSubmit} noValidate>
        {invalid && (
          <p class="notice notice-error" role="alert">
            This invite link is not valid any more: it was used already, or a newer one replaced it.
            Ask the person who invited you for a new link. ({error.detail})
          </p>
        )}
        {error && !invalid && (
          <Problem error={error} lines={unplacedErrors(error.errors, ['password', 'name'])} />
        )}
        <Field
          id="invite-name"
          label="Your name"
          value={name}
          autoComplete="name"
          hint="Optional. Shown to your team, never to members."
          error={errorAt(fields, 'name')}
        />
        <Field
          id="invite-password"
          label="Password"
          type="password"
          value={password}
          required
          minLength={10}
          autoComplete="new-password"
          hint="At least 10 characters."
          error={tooShort.value ? 'Use at least 10 characters.' : errorAt(fields, 'password')}
        />
        <div class="actions">
          <button type="submit" disabled={accept.pending}>
            {accept.pending.value ? 'Joining…' : 'Create account and join'}
          </button>
        </div>
      </form>
      <p class="narrow hint">
        Already have an account? The inviter can add it directly; then just{' '}
        <a href="/login">sign in</a>.
      </p>
    </Page>
  )
}

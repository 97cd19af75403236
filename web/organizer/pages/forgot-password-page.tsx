import { signal } from '@preact/signals'
import * as api from '../api'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem } from '../components/problem'
import { errorAt } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { setupInfo } from '../models/session'

const email = signal('')
/** The address a link was asked for, once the server took the request. */
const askedFor = signal('')
const ask = mutation((to: string) => api.requestPasswordReset(to))

async function onSubmit(e: Event) {
  e.preventDefault()
  const to = email.value.trim()
  askedFor.value = ''
  await ask.run(to)
  if (!ask.error.value) askedFor.value = to
}

/** Asking for a reset link by email; says the same whether or not the address has an account. */
export default function ForgotPasswordPage() {
  if (setupInfo.value?.passwordReset === false) {
    return (
      <Page title="Forgot your password?">
        <div class="narrow">
          <p>
            This server sends no email, so it cannot send you a reset link. Ask the person who runs
            trustpulse here: they can make you a one-time link on the server.
          </p>
          <p>
            <a href="/login">Back to sign in</a>
          </p>
        </div>
      </Page>
    )
  }
  const error = ask.error.value
  return (
    <Page
      title="Forgot your password?"
      intro="Enter the email you sign in with. We send a link to choose a new password."
    >
      <form class="form narrow" onSubmit={onSubmit} noValidate>
        {error && error.status !== 422 && <Problem error={error} />}
        <Field
          id="forgot-email"
          label="Email"
          type="email"
          value={email}
          required
          autoComplete="username"
          error={errorAt(ask.fieldErrors.value, 'email')}
        />
        <div class="actions">
          <button type="submit" disabled={ask.pending}>
            {ask.pending.value ? 'Sending…' : 'Send me a link'}
          </button>
        </div>
      </form>
      {askedFor.value && (
        <div class="notice notice-success narrow" role="status">
          <p>
            If {askedFor.value} has an account here, a link is on its way. It works once, for 30
            minutes. Nothing arrived? Check the spam folder, or ask again in a few minutes.
          </p>
        </div>
      )}
      <p class="narrow">
        <a href="/login">Back to sign in</a>
      </p>
    </Page>
  )
}

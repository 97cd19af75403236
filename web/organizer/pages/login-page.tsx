import { signal } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem } from '../components/problem'
import { mutation } from '../models/mutation'
import { safeNext, setupInfo, startSession } from '../models/session'

const email = signal('')
const password = signal('')
const signIn = mutation(() => api.login(email.value.trim(), password.value))

/**
 * The way back into an account: a reset link by email when the server sends email, else the
 * person who runs the server (who can make one). Nothing while setup is open: no account exists.
 */
function ForgotPassword() {
  const info = setupInfo.value
  if (!info || info.needed) return null
  return info.passwordReset ? (
    <p>
      <a href="/forgot-password">Forgot your password?</a>
    </p>
  ) : (
    <p class="hint">
      Forgot your password? Ask the person who runs trustpulse here for a reset link.
    </p>
  )
}

/** Sign in with email and password; links to first-run setup for a fresh installation. */
export default function LoginPage() {
  const { route, query } = useLocation()
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    const answer = await signIn.run()
    if (!answer) return
    password.value = ''
    startSession(answer.organizer)
    route(safeNext(query.next), true)
  }
  const error = signIn.error.value
  const wrong = error?.status === 401
  return (
    <Page title="Sign in">
      <form class="form narrow" onSubmit={onSubmit}>
        {error && !wrong && <Problem error={error} />}
        {wrong && (
          <p class="notice notice-error" role="alert">
            The email or the password is wrong.
          </p>
        )}
        <Field
          id="login-email"
          label="Email"
          type="email"
          value={email}
          required
          autoComplete="username"
        />
        <Field
          id="login-password"
          label="Password"
          type="password"
          value={password}
          required
          autoComplete="current-password"
        />
        <div class="actions">
          <button type="submit" disabled={signIn.pending}>
            {signIn.pending.value ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
        <ForgotPassword />
      </form>
      {setupInfo.value?.needed !== false && (
        <aside class="aside narrow">
          <h2>New installation?</h2>
          <p>
            {setupInfo.value?.needed
              ? 'No organizer exists yet. '
              : 'The first organizer creates their account once, before anyone else. '}
            <a href="/setup">First-time setup</a>
          </p>
          <p class="hint">
            Joining a team? Open the invite link you were sent; it lets you choose your password.
          </p>
        </aside>
      )}
    </Page>
  )
}

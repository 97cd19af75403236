import { signal } from '@preact/signals'
import { useLocation } from 'preact-iso'
import * as api from '../api'
import { Field } from '../components/field'
import { Page } from '../components/page'
import { Problem } from '../components/problem'
import { errorAt, unplacedErrors } from '../models/field-errors'
import { mutation } from '../models/mutation'
import { setupInfo, startSession } from '../models/session'
import { setupErrors, setupFields, setupSummary, type SetupField } from '../models/setup-form'

const email = signal('')
const name = signal('')
const password = signal('')
const setupToken = signal('')
/** What the last submit found to fix, field by field, before asking the server. */
const checks = signal<Partial<Record<SetupField, string>>>({})
const fieldIds: Record<SetupField, string> = {
  email: 'setup-email',
  password: 'setup-password',
  setupToken: 'setup-token',
}
/** A field's input: its value, and its flag cleared once it is edited. */
const edit = (field: SetupField, value: typeof email) => (v: string) => {
  value.value = v
  if (checks.value[field]) checks.value = { ...checks.value, [field]: undefined }
}

const runSetup = mutation(() =>
  api.setup({
    email: email.value.trim(),
    password: password.value,
    name: name.value.trim() || undefined,
    setupToken: setupToken.value.trim() || undefined,
  }),
)

/** First-run setup: creates the first organizer (owner of what they create) and signs them in. */
export default function SetupPage() {
  const { route } = useLocation()
  const onSubmit = async (e: Event) => {
    e.preventDefault()
    checks.value = setupErrors({
      email: email.value,
      password: password.value,
      setupToken: setupToken.value,
      tokenRequired: Boolean(setupInfo.value?.tokenRequired),
    })
    const first = setupFields.find((f) => checks.value[f])
    if (first) return document.getElementById(fieldIds[first])?.focus()
    const answer = await runSetup.run()
    if (answer) {
      password.value = ''
      startSession(answer.organizer)
      route('/communities', true)
    } else if (runSetup.error.value?.status === 403) {
      document.getElementById('setup-token')?.focus()
    }
  }
  const error = runSetup.error.value
  const fields = runSetup.fieldErrors.value
  const done = error?.status === 409 || setupInfo.value?.needed === false
  if (done) {
    return (
      <Page title="Setup is already done">
        <p class="notice" role="status">
          This installation already has an organizer, so first-time setup is closed. Sign in, or ask
          an owner of your community to invite you to its team.
        </p>
        <p>
          <a class="button" href="/login">
            Go to sign in
          </a>
        </p>
      </Page>
    )
  }
  const flagged = checks.value
  const summary = setupSummary(Object.fromEntries(Object.entries(flagged).filter(([, m]) => m)))
  const tokenError =
    flagged.setupToken ??
    (error?.status === 403
      ? 'This setup token is missing or wrong. Copy it from the server log.'
      : undefined)
  return (
    <Page
      title="First-time setup"
      intro="Create the first organizer account of this installation. You can invite your team later."
    >
      <form class="form narrow" onSubmit={onSubmit} noValidate>
        {summary && (
          <p class="notice notice-error" role="alert">
            {summary}
          </p>
        )}
        {error && error.status !== 403 && (
          <Problem
            error={error}
            lines={unplacedErrors(error.errors, ['email', 'password', 'name'])}
          />
        )}
        <Field
          id="setup-email"
          label="Email"
          type="email"
          value={email}
          onValue={edit('email', email)}
          required
          autoComplete="username"
          error={flagged.email ?? errorAt(fields, 'email')}
        />
        <Field
          id="setup-name"
          label="Your name"
          value={name}
          autoComplete="name"
          hint="Optional. Shown to your team, never to members."
          error={errorAt(fields, 'name')}
        />
        <Field
          id="setup-password"
          label="Password"
          type="password"
          value={password}
          onValue={edit('password', password)}
          required
          minLength={10}
          autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong, memorable password."
          error={flagged.password ?? errorAt(fields, 'password')}
        />
        <Field
          id="setup-token"
          label="Setup token"
          value={setupToken}
          onValue={edit('setupToken', setupToken)}
          autoComplete="off"
          required={setupInfo.value?.tokenRequired}
          hint={
            setupInfo.value?.tokenRequired
              ? 'This server asks for it: it printed the token in its log when it started, or it is the SETUP_TOKEN setting.'
              : 'Only needed when the server listens on a public address: it prints the token in its log when it starts. Leave it empty on your own computer.'
          }
          error={tokenError}
        />
        <div class="actions">
          <button type="submit" disabled={runSetup.pending}>
            {runSetup.pending.value ? 'Creating your account…' : 'Create account'}
          </button>
        </div>
      </form>
      <p class="narrow">
        Already set up? <a href="/login">Sign in</a>
      </p>
    </Page>
  )
}

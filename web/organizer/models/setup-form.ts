// The first-run setup form's checks before it asks the server (setup-page.tsx): every required
// field that is empty or wrong is flagged at once, not only the first, so one submit shows all
// that needs fixing. The server checks again (API.md: `POST /api/setup`).

export interface SetupValues {
  email: string
  password: string
  setupToken: string
  /** The server asks for a setup token (SETUP_TOKEN, or a public address). */
  tokenRequired: boolean
}

export type SetupField = 'email' | 'password' | 'setupToken'

/** The fields in the order they appear: focus goes to the first one flagged. */
export const setupFields: SetupField[] = ['email', 'password', 'setupToken']

/** A message for each field that needs fixing; none when the form can be sent. */
export function setupErrors(v: SetupValues): Partial<Record<SetupField, string>> {
  const errors: Partial<Record<SetupField, string>> = {}
  const email = v.email.trim()
  if (!email) errors.email = 'Enter your email address: you sign in with it.'
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.email = 'Enter an email address like name@example.org.'
  if (!v.password) errors.password = 'Choose a password of at least 10 characters.'
  else if (v.password.length < 10) errors.password = 'Use at least 10 characters.'
  if (v.tokenRequired && !v.setupToken.trim())
    errors.setupToken = 'Enter the setup token: the server printed it in its log when it started.'
  return errors
}

/** "Fill in the 2 fields marked below." for the form's alert, or undefined. */
export function setupSummary(errors: Partial<Record<SetupField, string>>): string | undefined {
  const n = Object.keys(errors).length
  if (n === 0) return undefined
  return n === 1 ? 'Fix the field marked below.' : `Fix the ${n} fields marked below.`
}

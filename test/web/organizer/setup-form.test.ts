// The first-run setup form flags every required field that needs fixing on one submit, not
// only the password (web/organizer/models/setup-form.ts, used by setup-page.tsx).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { setupErrors, setupFields, setupSummary } from '../../../web/organizer/models/setup-form'

const test = suite('setup form')
const empty = { email: '', password: '', setupToken: '', tokenRequired: false }

test('submitted empty: email and password are both flagged, in the order of the form', () => {
  const errors = setupErrors(empty)
  assert.equal(Object.keys(errors), ['email', 'password'])
  assert.match(errors.email!, /Enter your email address/)
  assert.match(errors.password!, /at least 10 characters/)
  assert.is(
    setupFields.find((f) => errors[f]),
    'email',
    'focus goes to the first flagged field',
  )
  assert.is(setupSummary(errors), 'Fix the 2 fields marked below.')
})

test('the setup token is flagged too when the server asks for one', () => {
  const errors = setupErrors({ ...empty, tokenRequired: true })
  assert.equal(Object.keys(errors), ['email', 'password', 'setupToken'])
  assert.match(errors.setupToken!, /server printed it in its log/)
  assert.is(setupSummary(errors), 'Fix the 3 fields marked below.')
})

test('a malformed email and a short password each get their own message', () => {
  const errors = setupErrors({ ...empty, email: 'rosa', password: 'short' })
  assert.is(errors.email, 'Enter an email address like name@example.org.')
  assert.is(errors.password, 'Use at least 10 characters.')
  assert.is(setupSummary({ password: 'x' }), 'Fix the field marked below.')
})

test('a complete form has nothing to flag (spaces around the email are fine)', () => {
  const errors = setupErrors({
    email: ' rosa@example.org ',
    password: 'ten chars!',
    setupToken: 'tok',
    tokenRequired: true,
  })
  assert.equal(errors, {})
  assert.is(setupSummary(errors), undefined)
})

test.run()

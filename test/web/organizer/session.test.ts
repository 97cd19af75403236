import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as s from '../../../web/organizer/models/session'
import * as f from '../../../web/organizer/models/field-errors'

const session = suite('session routing')

session('follows only local, non-public next paths', () => {
  assert.is(s.safeNext('/surveys/s1'), '/surveys/s1')
  assert.is(s.safeNext(undefined), '/communities')
  assert.is(s.safeNext('https://evil.test/'), '/communities')
  assert.is(s.safeNext('//evil.test/x'), '/communities')
  assert.is(s.safeNext('/login'), '/communities')
})

session('sends a first visitor to setup while it is open, else to login with next', () => {
  s.setupInfo.value = { needed: true, tokenRequired: false, passwordReset: false }
  assert.is(s.entryPath('/communities/c1/members'), '/setup')
  s.setupInfo.value = null
  assert.is(s.entryPath('/communities/c1/members'), '/login?next=%2Fcommunities%2Fc1%2Fmembers')
  assert.is(s.entryPath('/'), '/login')
  assert.is(s.entryPath('/setup'), '/login')
})

session('knows the pages that need no session', () => {
  assert.is(s.isPublicPath('/team-invite'), true)
  assert.is(s.isPublicPath('/login?next=%2F'), true)
  assert.is(s.isPublicPath('/setup/'), true)
  assert.is(s.isPublicPath('/communities'), false)
})

session.run()

const fields = suite('field errors')

fields('keeps the first message per path and finds messages below a path', () => {
  const map = f.errorMap([
    { path: 'email', message: 'invalid' },
    { path: 'email', message: 'second' },
    { path: 'attributes.2', message: 'blank' },
  ])
  assert.equal(map, { email: 'invalid', 'attributes.2': 'blank' })
  assert.is(f.errorAt(map, 'attributes'), 'blank')
  assert.is(f.errorAt(map, 'name'), undefined)
})

fields('lists the messages no field shows', () => {
  const left = f.unplacedErrors(
    [
      { path: 'email', message: 'invalid' },
      { path: 'attributes.0', message: 'blank' },
      { path: 'other', message: 'odd' },
      { path: '', message: 'whole body' },
    ],
    ['email', 'attributes'],
  )
  assert.equal(left, ['other: odd', 'whole body'])
})

fields('ties hints and errors to their field', () => {
  assert.is(f.describedBy('pw', true, true), 'pw-hint pw-error')
  assert.is(f.describedBy('pw', false, false), undefined)
})

fields.run()

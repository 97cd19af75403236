import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { knownNames, redact } from '../../api/reports/redact'

const test = suite('comment redaction')

test('replaces any email address', () => {
  assert.is(redact('write to ana.lopez@example.org or bo@x.io please', []), 'write to [email] or [email] please')
})

test('replaces known names as whole words in any case, full names first', () => {
  const names = knownNames(['ana.lopez@example.org', 'jo@example.org'], ['Priya Raman'])
  assert.is(redact('Ana Lopez and priya raman talked; ANA agreed', names), '[name] and [name] talked; [name] agreed')
  assert.is(redact('banana and analysis stay', names), 'banana and analysis stay')
})

test('leaves out name parts too short to be safe to redact', () => {
  const names = knownNames(['jo@example.org', 'al.ba@example.org'], ['Li'])
  assert.equal(names, [])
  assert.is(redact('jo and li went', names), 'jo and li went')
})

test('handles names with regex characters and non-Latin letters', () => {
  const names = knownNames(['zoë.müller@example.org'], ['Dr. (Who)'])
  assert.is(redact('Zoë said Dr. (Who) was right, müller too', names), '[name] said [name] was right, [name] too')
})

test.run()

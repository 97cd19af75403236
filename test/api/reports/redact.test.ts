import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { knownNames, redact, redactor } from '../../../api/reports/redact'

const test = suite('comment redaction')

test('replaces any email address', () => {
  assert.is(
    redact('write to ana.lopez@example.org or bo@x.io please', []),
    'write to [email] or [email] please',
  )
})

test('replaces known names as whole words in any case, full names first', () => {
  const names = knownNames(['ana.lopez@example.org', 'jo@example.org'], ['Priya Raman'])
  assert.is(
    redact('Ana Lopez and priya raman talked; ANA agreed', names),
    '[name] and [name] talked; [name] agreed',
  )
  assert.is(redact('banana and analysis stay', names), 'banana and analysis stay')
})

test("a person's name is known whole and by each word of three letters or more", () => {
  const names = knownNames(['m3@example.org'], ['Greta  Sommer-Ek'])
  assert.equal(names.sort(), ['Greta  Sommer-Ek', 'Greta', 'Sommer'].sort())
  assert.is(
    redact('Greta Sommer-Ek said so; greta agreed, SOMMER too, Ek not', names),
    '[name] said so; [name] agreed, [name] too, Ek not',
  )
})

test('leaves out name parts too short to be safe to redact', () => {
  const names = knownNames(['jo@example.org', 'al.ba@example.org'], ['Li'])
  assert.equal(names, [])
  assert.is(redact('jo and li went', names), 'jo and li went')
})

test('handles names with regex characters and non-Latin letters', () => {
  const names = knownNames(['zoë.müller@example.org'], ['Dr. (Who)'])
  // The name's words go; punctuation around them may stay.
  assert.is(
    redact('Zoë said Dr. (Who) was right, müller too', names),
    '[name] said [name]) was right, [name] too',
  )
})

test('a redactor made once applies to many comments, preferring the longest name', () => {
  const names = knownNames(
    Array.from({ length: 5000 }, (_, i) => `person${i}.family${i}@example.org`).concat(
      'ana.lopez@example.org',
    ),
    ['Ana'],
  )
  const clean = redactor(names)
  assert.is(clean('ana lopez and Ana, then ana-lopez'), '[name] and [name], then [name]')
  assert.is(clean('analysis of lopezian ideas'), 'analysis of lopezian ideas')
  assert.is(clean('nothing to hide here'), 'nothing to hide here')
})

test.run()

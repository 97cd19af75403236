import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { paddingText, problemText, uncheckedText } from '../../../web/member/check-words'
import { setLanguage } from '../../../web/member/i18n'
import type { Problem } from '../../../web/member/key-check'

// What the member page says when a check fails (web/member/check-words.ts): one plain sentence
// per problem, naming the group and the codes concerned, in English and German.

const code = 'ABCDEFGHIJKLMNOP'
const other = 'QRSTUVWXYZ234567'
const problems: Problem[] = [
  { code: 'own-key-missing' },
  { code: 'own-key-twice' },
  { code: 'own-key-differs' },
  { code: 'wrong-cohort', expected: { team: 'B' }, listed: { team: 'A' } },
  { code: 'not-a-prefix', keyId: 'k', who: { role: 'Lead' } },
  { code: 'labels-repeat' },
  { code: 'under-k', keyId: 'k', joined: 2, k: 5, who: { team: 'A' } },
  { code: 'eligible-sum', sum: 17, eligible: 18 },
  { code: 'joined-sum', sum: 16, joined: 15 },
  { code: 'k-below-floor', k: 2 },
  { code: 'not-rsa-2048', keyId: 'k', who: { team: 'A' } },
  { code: 'key-id-not-derived', keyId: 'k', who: {} },
  { code: 'pin-differs', was: other, now: code },
  { code: 'link-differs', link: other, now: code },
  { code: 'log-differs', log: other, now: code },
  { code: 'log-rewritten', reason: 'rewritten', seq: 7 },
]

const test = suite('check words')
test.after.each(() => setLanguage('en', false))

test('every problem is a sentence naming what it found', () => {
  const said = problems.map(problemText)
  assert.match(said[12], 'QRST\u00a0UVWX\u00a0YZ23\u00a04567', 'a code is kept on one line')
  said.forEach((s, i) => (said[i] = s.replace(/\u00a0/g, ' ')))
  for (const s of said) assert.not.match(s, /[{}]|^pb\./, s)
  assert.is(
    said[3],
    'Your key is listed for the group team: A, but by what was recorded about you when the pulse opened you belong to team: B.',
  )
  assert.is(
    said[6],
    'The group team: A has only 2 members who had joined; this pulse promises groups of at least 5.',
  )
  assert.is(said[7], 'The groups add up to 17 people, but the pulse counts 18.')
  assert.is(
    said[12],
    "This device, or the one you moved from, was shown other keys for this pulse before: the code was QRST UVWX YZ23 4567, now it is ABCD EFGH IJKL MNOP. A pulse's keys never change.",
  )
  assert.is(
    said[13],
    "The link you opened says this pulse's code is QRST UVWX YZ23 4567, but the keys this device was given make ABCD EFGH IJKL MNOP.",
  )
  assert.match(said[15], 'from entry 7 on')
  assert.match(said[11], 'everyone in the community')
})

test('in German too, every problem and what could not be checked', async () => {
  const english = problems.map(problemText)
  await setLanguage('de', false)
  const german = problems.map(problemText)
  german.forEach((s, i) => {
    assert.not.match(s, /[{}]|^pb\./, s)
    assert.is.not(s, english[i])
  })
  assert.match(german[6], 'Die Gruppe team: A hat nur 2 beigetretene Mitglieder')
  for (const u of ['cohort-of-member', 'joined', 'key-ids'] as const)
    assert.match(uncheckedText(u), /^Er wurde|^Die Namen/)
})

test('what could not be checked for older pulses, and why', () => {
  assert.match(
    uncheckedText('cohort-of-member'),
    'cannot check that you were put in the right group',
  )
  assert.match(uncheckedText('joined'), 'not only those who had joined')
  assert.match(uncheckedText('key-ids'), 'cannot check that they were not chosen')
})

test('the padding pattern in plain words, in the plural the numbers need', () => {
  const one = paddingText({ kind: 'added-before-open', day: '2025-05-12', added: 1, reinvited: 0 })
  assert.match(one, /shortly before this pulse opened: 1 person added who may be in your group\.$/)
  assert.match(one, /May/)
  const both = paddingText({ kind: 'added-before-open', day: '2025-05-12', added: 0, reinvited: 2 })
  assert.match(
    both,
    /opened: 2 people re-invited who may be in your group \(their access reset\)\.$/,
  )
  assert.is(
    paddingText({ kind: 'just-k', joined: 5, k: 5 }),
    'Your group had exactly 5 members who had joined when this pulse opened: the smallest a group may be.',
  )
})

test.run()

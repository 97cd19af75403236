// The server (api/surveys/answers.ts) and the member page (web/member/answers.ts) check answers
// with the same rules (api/surveys/question.ts), so on the same hostile strings they must accept
// and refuse exactly the same values: a member is never told to shorten a comment the server
// would take, and never sends one it refuses. Lengths count code points on both sides: 2,000
// emoji (4,000 UTF-16 units) are accepted, 2,000 letters and one combining mark are not.
import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkAnswers as serverCheck } from '../../../api/surveys/answers'
import { maxTextLength, textLength, type Question } from '../../../api/surveys/question'
import { answerError, checkAnswers as memberCheck } from '../../../web/member/answers'

const SEED = Number(process.env.FUZZ_SEED ?? 20260411)
const RUNS = Number(process.env.FUZZ_RUNS ?? 300)

const family = '👩‍👩‍👧‍👦' // a ZWJ sequence: 7 code points, 11 UTF-16 units
const flag = '🇩🇪' // two regional indicators
const emoji = '😀' // one code point, a surrogate pair

const text = (required: boolean): Question => ({
  id: required ? 'must' : 'may',
  kind: 'text',
  prompt: 'Anything else?',
  required,
})

/**
 * Whether the member page accepts `value` for `question`, and whether the server accepts what
 * reaches it: the member's own answers when its check passes (an empty answer is left out),
 * the raw value when it refuses (as a client that skipped the check would send it).
 */
function verdicts(question: Question, value: unknown) {
  const member = memberCheck([question], { [question.id]: value })
  const sent = member.ok ? member.answers : [{ questionId: question.id, value }]
  return { member: member.ok, server: serverCheck([question], sent).ok }
}

/** Asserts both sides agree on `value`, for a required and an optional question alike. */
function agree(question: Question, value: unknown, accepted: boolean, label: string) {
  const { member, server } = verdicts(question, value)
  assert.is(member, accepted, `member page on ${label}`)
  assert.is(server, accepted, `server on ${label}`)
}

// [label, value, accepted for a required question, accepted for an optional one]
const strings: [string, string, boolean, boolean][] = [
  ['empty', '', false, true],
  ['spaces', '   ', false, true],
  ['tab and newline', '\t\n\r', false, true],
  ['no-break space', '\u00A0', false, true],
  ['byte order mark', '\uFEFF', false, true],
  ['2,001 spaces', ' '.repeat(2001), false, true],
  ['zero-width space', '\u200B', true, true],
  ['NUL', '\u0000', true, true],
  ['NUL inside', 'a\u0000b', true, true],
  ['emoji', emoji, true, true],
  ['ZWJ sequence', family, true, true],
  ['flag', flag, true, true],
  ['skin tone', '👍🏽', true, true],
  ['combining marks', 'e\u0301\u0301\u0301', true, true],
  ['zalgo', 'Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319', true, true],
  ['Arabic and Hebrew', 'مرحبا بالعالم שלום', true, true],
  ['right-to-left override', '\u202Eevil\u202C', true, true],
  ['lone high surrogate', '\uD800', true, true],
  ['lone low surrogate', '\uDC00', true, true],
  ['surrogates reversed', '\uDC00\uD800', true, true],
  ['lone surrogate inside', 'a\uD800b', true, true],
  // At and around the limit, counted in code points.
  ['2,000 letters', 'x'.repeat(2000), true, true],
  ['2,001 letters', 'x'.repeat(2001), false, false],
  ['2,000 emoji', emoji.repeat(2000), true, true],
  ['2,001 emoji', emoji.repeat(2001), false, false],
  ['1,999 letters and a combining mark', 'x'.repeat(1999) + '\u0301', true, true],
  ['2,000 letters and a combining mark', 'x'.repeat(2000) + '\u0301', false, false],
  ['1,000 letters with a combining mark each', 'e\u0301'.repeat(1000), true, true],
  ['2,000 precomposed é', 'é'.repeat(2000), true, true],
  ['1,000 flags', flag.repeat(1000), true, true],
  ['1,000 flags and a letter', flag.repeat(1000) + 'x', false, false],
  ['285 ZWJ families (1,995 code points)', family.repeat(285), true, true],
  ['286 ZWJ families (2,002 code points)', family.repeat(286), false, false],
  ['2,000 lone surrogates', '\uD800'.repeat(2000), true, true],
  ['2,001 lone surrogates', '\uDC00'.repeat(2001), false, false],
  ['2,000 NULs', '\u0000'.repeat(2000), true, true],
  ['2,001 NULs', '\u0000'.repeat(2001), false, false],
  ['a letter and 2,000 spaces', 'a' + ' '.repeat(2000), false, false],
  ['2,000 letters, then spaces', 'x'.repeat(2000) + '  ', false, false],
]

const test = suite('answer rules: server and member page')

test('textLength counts code points, as people count characters', () => {
  assert.is(maxTextLength, 2000)
  assert.equal(
    ['', 'abc', emoji, family, flag, 'e\u0301', '\uD800', '\uDC00\uD800', 'a\u0000b'].map(
      textLength,
    ),
    [0, 3, 1, 7, 2, 2, 1, 2, 3],
  )
  assert.is(emoji.repeat(2000).length, 4000) // UTF-16 units: what the member page once counted
})

test('both sides accept and refuse the same hostile strings', () => {
  for (const [label, value, required, optional] of strings) {
    agree(text(true), value, required, `${label} (required)`)
    agree(text(false), value, optional, `${label} (optional)`)
  }
})

test('a comment too long is refused with its length in code points', () => {
  const over = emoji.repeat(2001)
  assert.is(answerError(text(true), over), 'Please shorten this to 2000 characters (now 2001).')
  const server = serverCheck([text(true)], [{ questionId: 'must', value: over }])
  assert.equal(server, {
    ok: false,
    errors: [{ path: 'answers.0.value', message: 'must be text of at most 2,000 characters' }],
  })
  assert.is(answerError(text(true), emoji.repeat(2000)), undefined)
})

test('options are matched exactly: no normalization, no partial graphemes', () => {
  const options = [family, 'e\u0301', '\uD800', '\u0000', 'مرحبا']
  const choice: Question = { id: 'c', kind: 'choice', prompt: 'p', options, required: true }
  const multi: Question = { id: 'm', kind: 'multi', prompt: 'p', options, required: false }
  for (const option of options) {
    agree(choice, option, true, `choice ${JSON.stringify(option)}`)
    agree(multi, [option], true, `multi ${JSON.stringify(option)}`)
  }
  const wrong = ['é', '👩', '\uDC00', '\u0000 ', 'مرحبا ', family.slice(0, 2), `${family} `]
  for (const value of wrong) {
    agree(choice, value, false, `choice ${JSON.stringify(value)}`)
    agree(multi, [value], false, `multi ${JSON.stringify(value)}`)
  }
  agree(multi, [family, '\uD800', family], false, 'multi repeating an option')
  agree(multi, options, true, 'multi with every option')
  agree(multi, [], true, 'multi with nothing ticked (optional: left out)')
  agree({ ...multi, required: true }, [], false, 'multi with nothing ticked (required)')
  agree(choice, '', false, 'choice left empty (required)')
})

test('property: the two sides agree on any string, of any length around the limit', () => {
  const unit = fc.constantFrom('binary', 'grapheme', 'grapheme-composite') as fc.Arbitrary<
    'binary' | 'grapheme' | 'grapheme-composite'
  >
  const special = fc.constantFrom('\uD800', '\uDC00', '\u0000', '\u0301', ' ', '\u200D', emoji)
  const piece = fc.oneof(
    unit.chain((u) => fc.string({ unit: u, maxLength: 12 })),
    special,
  )
  // Short strings, and strings built up to just below, at and just above the limit.
  const value = fc.oneof(
    fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
    fc
      .tuple(piece, fc.integer({ min: -3, max: 3 }))
      .filter(([p]) => textLength(p) > 0)
      .map(([p, delta]) => {
        const target = maxTextLength + delta
        let s = p.repeat(Math.floor(target / textLength(p)))
        while (textLength(s) < target) s += 'x'
        return s
      }),
  )
  fc.assert(
    fc.property(value, fc.boolean(), (s, required) => {
      const { member, server } = verdicts(text(required), s)
      return member === server
    }),
    { seed: SEED, numRuns: RUNS },
  )
})

test.run()

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Question } from '../../../api/surveys/question'
import { closesIn, formatDate } from '../../../web/member/format'
import {
  chooseLanguage,
  lang,
  languages,
  optionText,
  setLanguage,
  t,
  translator,
  wording,
} from '../../../web/member/i18n'
import { num, percent } from '../../../web/member/numbers'

const dir = join(import.meta.dirname, '../../../web/member/i18n')
const catalog = (file: string): Record<string, string> =>
  JSON.parse(readFileSync(join(dir, file), 'utf8'))
/** English in full: the answering pages' catalog and the one of pages loaded later. */
const english = { ...catalog('en.json'), ...catalog('en-later.json') }

const test = suite('i18n')
test.after.each(() => setLanguage('en', false))

test('chooses the first browser language it has, by language, else English', () => {
  assert.is(chooseLanguage(['de-AT', 'en-US']), 'de')
  assert.is(chooseLanguage(['DE-ch']), 'de')
  assert.is(chooseLanguage(['fr-FR', 'de']), 'de')
  assert.is(chooseLanguage(['en-GB', 'de-DE']), 'en')
  assert.is(chooseLanguage(['fr-FR', 'ja']), 'en')
  assert.is(chooseLanguage([]), 'en')
  assert.is(chooseLanguage(['des']), 'en', 'a language is matched whole, not by prefix')
  assert.is(
    chooseLanguage(['constructor', 'toString']),
    'en',
    'only the catalogs, not object properties',
  )
})

test('a key missing from a catalog falls back to English, then to the key', () => {
  const { t } = translator('de', { yes: 'Ja' }, { yes: 'Yes', no: 'No' })
  assert.is(t('yes'), 'Ja')
  assert.is(t('no'), 'No')
  assert.is(t('nowhere'), 'nowhere')
})

test('placeholders are filled, and unknown ones left visible', () => {
  const { t } = translator('en', { of: '{a} of {n} answered, {x}' })
  assert.is(t('of', { a: 2, n: 5 }), '2 of 5 answered, {x}')
})

test('counts take the plural form of the language, with the number formatted', () => {
  const en = translator('en', { 'q.one': '{n} question', 'q.other': '{n} questions' })
  assert.is(en.tn('q', 1), '1 question')
  assert.is(en.tn('q', 0), '0 questions')
  assert.is(en.tn('q', 1200), '1,200 questions')
  const de = translator('de', { 'q.one': '{n} Frage', 'q.other': '{n} Fragen' })
  assert.is(de.tn('q', 1), '1 Frage')
  assert.is(de.tn('q', 1200), '1.200 Fragen')
  // Polish has "few" and "many"; a catalog without them falls back to "other".
  const pl = translator('pl', {
    'q.one': '{n} pytanie',
    'q.few': '{n} pytania',
    'q.other': '{n} pytań',
  })
  assert.equal(
    [1, 3, 5].map((n) => pl.tn('q', n)),
    ['1 pytanie', '3 pytania', '5 pytań'],
  )
})

test('every catalog has exactly the keys of English, and no empty message English has text for', () => {
  const files = readdirSync(dir).filter((f) => /^[a-z]{2}\.json$/.test(f) && f !== 'en.json')
  assert.ok(files.includes('de.json'))
  assert.equal(Object.keys(languages).sort(), ['en', ...files.map((f) => f.slice(0, 2))].sort())
  for (const file of files) {
    const other = catalog(file)
    const missing = Object.keys(english).filter((k) => !(k in other))
    const extra = Object.keys(other).filter((k) => !(k in english))
    assert.equal(missing, [], `${file} misses ${missing.join(', ')}`)
    assert.equal(extra, [], `${file} has keys English lacks: ${extra.join(', ')}`)
    for (const [key, text] of Object.entries(other))
      assert.is(text === '', english[key] === '', `${file} ${key}`)
  }
})

test('placeholders of each message are the same in every language', () => {
  const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
  const de = catalog('de.json')
  for (const [key, text] of Object.entries(english)) assert.equal(names(de[key]), names(text), key)
})

test('switching to German changes messages, dates, relative times and numbers', async () => {
  const now = Date.parse('2026-11-26T12:00:00Z')
  assert.is(closesIn(new Date(now + 3 * 86400_000).toISOString(), now), 'closes in 3 days')
  await setLanguage('de', false)
  assert.is(lang(), 'de')
  assert.is(t('yes'), 'Ja')
  assert.is(closesIn(new Date(now + 3 * 86400_000).toISOString(), now), 'schließt in 3 Tagen')
  assert.is(closesIn(new Date(now + 5 * 3600_000).toISOString(), now), 'schließt in 5 Stunden')
  assert.match(formatDate('2026-11-27T12:00:00Z'), /November 2026/)
  assert.match(formatDate('2026-11-27T12:00:00Z'), /^Freitag/)
  assert.is(percent(0.5), '50\u00a0%')
  assert.is(num(1234.56), '1.234,6')
  await setLanguage('xx', false)
  assert.is(lang(), 'de', 'an unknown language changes nothing')
  await setLanguage('en', false)
  assert.is(t('yes'), 'Yes')
})

test('a question reads in the chosen language where translated; answers keep the original options', async () => {
  const q: Question = {
    id: 'q1',
    kind: 'choice',
    prompt: 'Where do you hear the news?',
    options: ['Chat', 'Email'],
    required: true,
    translations: { de: { prompt: 'Wo erfährst du Neuigkeiten?', options: ['Chat', 'E-Mail'] } },
  }
  assert.equal(wording(q), { prompt: 'Where do you hear the news?', options: ['Chat', 'Email'] })
  await setLanguage('de', false)
  assert.equal(wording(q), { prompt: 'Wo erfährst du Neuigkeiten?', options: ['Chat', 'E-Mail'] })
  assert.is(optionText(q, 'Email'), 'E-Mail')
  assert.is(optionText(q, 'Unknown'), 'Unknown')
  const untranslated: Question = { id: 'q2', kind: 'yesno', prompt: 'Is it fine?', required: true }
  assert.equal(wording(untranslated), { prompt: 'Is it fine?', options: [] })
})

test.run()

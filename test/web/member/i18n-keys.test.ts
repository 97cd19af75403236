// Every message the member pages ask for by a literal key exists in English (i18n/en.json, or
// en-later.json for pages loaded later); i18n.test.ts checks that German has every English key.
// A missing key shows its name ("r.cRead") on the page.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const dir = join(import.meta.dirname, '../../../web/member')
const catalog = (file: string): Record<string, string> =>
  JSON.parse(readFileSync(join(dir, 'i18n', file), 'utf8'))
const english = { ...catalog('en.json'), ...catalog('en-later.json') }

const test = suite('member i18n keys')

test('every t() and tn() key written out in web/member/ has an English message', () => {
  const missing: string[] = []
  let seen = 0
  for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f))) {
    const source = readFileSync(join(dir, file), 'utf8')
    for (const [, fn, key] of source.matchAll(/\b(tn?)\(\s*'([^'{}]+)'/g)) {
      seen++
      const known = fn === 'tn' ? `${key}.other` in english : key in english
      if (!known) missing.push(`${file}: ${fn}('${key}')`)
    }
  }
  assert.ok(seen > 100, `${seen} keys found`)
  assert.equal(missing, [])
})

test.run()

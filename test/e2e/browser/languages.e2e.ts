// Scenario 2b: a member whose phone is set to German reads the member pages and the trust
// pulse's questions in German, switches to English, and the choice stays after a reload. They
// only look: the pulse's answers stay those of scenario 2.
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { e2e, need, shot, visit } from './harness'

const Languages = suite('languages: a German phone, then English')

const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })
const htmlLang = (p: Page) => p.evaluate(() => document.documentElement.lang)

Languages(
  'a member with a German phone reads German pages and questions, and switches to English',
  async () => {
    // Fay's phone, set to German, joined before the pulse opened (scenario 1).
    const { context, page: p } = need(e2e.story.phones?.get('fay@example.org'), 'the phone of fay')
    try {
      await p.goto('/m')
      await h1(p, 'Riverside Makers').waitFor()
      assert.is(await htmlLang(p), 'de')
      const switcher = p.getByRole('combobox', { name: 'Sprache' })
      assert.is(await switcher.inputValue(), 'de')
      const home = p.getByRole('region', { name: 'Offene Pulse' })
      const item = home
        .getByRole('listitem')
        .filter({ has: p.getByRole('link', { name: 'Trust pulse' }) })
      await item.getByText('Noch nicht beantwortet').waitFor()
      assert.match((await item.textContent()) ?? '', /12 Fragen · schließt in \d+ Tagen/)
      await p
        .getByRole('region', { name: 'Was die Organisator*innen über dich erfasst haben' })
        .waitFor()
      await visit(p, 'member-home-de')

      await item.getByRole('link', { name: 'Trust pulse' }).click()
      await h1(p, 'Trust pulse').waitFor()
      await p
        .getByText('Deine Antworten zählen in einer Gruppe von 6 Personen: team: build.')
        .waitFor()
      const form = p.getByRole('form', { name: 'Deine Antworten' })
      const first = form.getByRole('group', { name: /^Frage 1 von 12/ })
      await first
        .getByText('Ich kann hier einen Fehler zugeben, ohne dass er mir nachgetragen wird.')
        .waitFor()
      await first.getByRole('radio', { name: 'Stimme voll und ganz zu' }).check()
      await form.getByText('1 von 12 beantwortet').waitFor()
      const last = form.getByRole('group', { name: /^Frage 12 von 12/ })
      assert.match((await last.textContent()) ?? '', /\(freiwillig\)/)
      await visit(p, 'member-pulse-de')

      await switcher.selectOption('en')
      await p.getByRole('combobox', { name: 'Language' }).waitFor()
      assert.is(await htmlLang(p), 'en')
      const english = p.getByRole('form', { name: 'Your answers' })
      const again = english.getByRole('group', { name: /^Question 1 of 12/ })
      await again
        .getByText('I can admit a mistake here without it being held against me.')
        .waitFor()
      assert.ok(
        await again.getByRole('radio', { name: 'Strongly agree' }).isChecked(),
        'the answer is kept',
      )
      await shot(p, 'member-pulse-switched-en')

      await p.reload()
      await p.getByRole('form', { name: 'Your answers' }).waitFor()
      assert.is(await htmlLang(p), 'en', 'the choice is remembered on this device')
      assert.is(await p.getByRole('combobox', { name: 'Language' }).inputValue(), 'en')
    } finally {
      await context.close()
    }
  },
)

Languages.run()

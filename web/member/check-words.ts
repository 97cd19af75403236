import type { Unchecked } from '../../api/privacy/key-list'
import type { PaddingWarning } from '../../api/privacy/log-chain'
import { addEnglish, locale, t, tn } from './i18n'
import later from './i18n/en-later.json'
import { describeCohort, grouped, type Problem } from './key-check'

// The member page's checks in plain words (i18n: `pb.*` problems, `uc.*` what could not be
// checked, `pad.*` the padding pattern; in English in en-later.json, as this file loads only when
// a page has one to show). Codes are shown grouped, as people read them aloud, each on one line.

addEnglish(later)

/** "12 May 2026" for a log day (`YYYY-MM-DD`, UTC). */
const day = (d: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${d}T12:00:00Z`),
  )

/** A code within a sentence: its groups of four kept on one line. */
const inline = (code: string) => grouped(code).replace(/ /g, '\u00a0')

/** One sentence saying what a failed check found. */
export function problemText(p: Problem): string {
  const who = 'who' in p && p.who ? describeCohort(p.who) : ''
  switch (p.code) {
    case 'wrong-cohort':
      return t('pb.wrong-cohort', {
        listed: describeCohort(p.listed),
        expected: describeCohort(p.expected),
      })
    case 'under-k':
      return t('pb.under-k', { who, joined: p.joined, k: p.k })
    case 'eligible-sum':
      return t('pb.eligible-sum', { sum: p.sum, n: p.eligible })
    case 'joined-sum':
      return t('pb.joined-sum', { sum: p.sum, n: p.joined })
    case 'k-below-floor':
      return t('pb.k-below-floor', { k: p.k })
    case 'pin-differs':
      return t('pb.pin-differs', { was: inline(p.was), now: inline(p.now) })
    case 'link-differs':
      return t('pb.link-differs', { link: inline(p.link), now: inline(p.now) })
    case 'log-differs':
      return t('pb.log-differs', { log: inline(p.log), now: inline(p.now) })
    case 'log-rewritten':
      return t('pb.log-rewritten', { seq: p.seq })
    default:
      // own-key-*, labels-repeat, not-a-prefix, not-rsa-2048, key-id-not-derived
      return t(`pb.${p.code}`, { who })
  }
}

/** Why something could not be checked for an older pulse. */
export const uncheckedText = (u: Unchecked) => t(`uc.${u}`)

/** The padding pattern in the log for the member's own group, as a sentence. */
export function paddingText(w: PaddingWarning): string {
  if (w.kind === 'just-k') return t('pad.just-k', { k: w.k })
  const what = [
    w.added > 0 ? tn('pad.added', w.added) : '',
    w.reinvited > 0 ? tn('pad.reinvited', w.reinvited) : '',
  ]
  return t('pad.day', { day: day(w.day), what: what.filter(Boolean).join(', ') })
}

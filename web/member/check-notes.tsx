import type { Unchecked } from '../../api/privacy/key-list'
import type { PaddingWarning } from '../../api/privacy/log-chain'
import { paddingText, problemText, uncheckedText } from './check-words'
import { t } from './i18n'
import type { Problem } from './key-check'

// The checks' findings in words (check-words.ts), loaded by import() only when a pulse's page has
// one to show: most pulses pass every check, so answering them does not download these.

/** What a failed check found, one item each (inside the refusal, check-panel.tsx). */
export function ProblemList({ problems }: { problems: Problem[] }) {
  return (
    <ul>
      {problems.map((p, i) => (
        <li key={i}>{problemText(p)}</li>
      ))}
    </ul>
  )
}

/** What could not be checked for an older pulse, and why. */
export function UncheckedNotes({ unchecked }: { unchecked: Unchecked[] }) {
  return (
    <section class="notice" aria-labelledby="unchecked-title">
      <h2 id="unchecked-title">{t('uc.title')}</h2>
      <ul>
        {unchecked.map((u) => (
          <li key={u}>{uncheckedText(u)}</li>
        ))}
      </ul>
    </section>
  )
}

/** The padding pattern for the member's own group in the community's log: worth a look. */
export function PaddingNotes({ padding }: { padding: PaddingWarning[] }) {
  return (
    <section class="notice warning" aria-labelledby="padding-title">
      <h2 id="padding-title">{t('pad.title')}</h2>
      <ul>
        {padding.map((w, i) => (
          <li key={i}>{paddingText(w)}</li>
        ))}
      </ul>
      <p>{t('pad.note')}</p>
    </section>
  )
}

import { normalizeFingerprint } from '../../api/privacy/fingerprint'
import { sentThisSession } from './answer-model'
import { model } from './app-state'
import { t } from './i18n'
import { describeCohort, grouped } from './key-check'
import { StepTitle } from './page-title'
import type { PulseView } from './pulses-model'
import { lazy } from './router'

const notes = () => import('./check-notes')
const ProblemList = lazy(() => notes().then((m) => m.ProblemList))
const UncheckedNotes = lazy(() => notes().then((m) => m.UncheckedNotes))
const PaddingNotes = lazy(() => notes().then((m) => m.PaddingNotes))

// What a pulse's page says of its checks (verify.ts): the member's group, the pulse's code to
// compare aloud or with the chat message's link, what could not be checked for older pulses, the
// padding pattern in the community's log, and, when a check failed, the refusal to send. The
// findings' words (check-notes.tsx) load only when there is one to show.

/** The group the member's answers count in, the pulse's code, and what the checks noticed. */
export function CheckPanel({ view }: { view: PulseView }) {
  const { record } = view
  const check = record.check
  if (!check) {
    const loading = model.state.value === 'loading' || view.status === 'fetching'
    return <p class="group-info">{t(loading ? 'ck.checking' : 'unchecked')}</p>
  }
  const sameAsLink = record.linkCode === normalizeFingerprint(check.fingerprint)
  return (
    <>
      {check.size > 0 && (
        <p class="group-info">
          {t('group', { n: check.size, who: describeCohort(check.cohort, check.pooled) })}
        </p>
      )}
      <section class="pulse-code" aria-labelledby="code-title">
        <h2 id="code-title">{t('ck.title')}</h2>
        <p class="fingerprint">{grouped(check.fingerprint)}</p>
        <p>{t(sameAsLink ? 'ck.sameAsLink' : 'ck.compare')}</p>
        {check.loneRoot && <p>{t('ck.loneRoot')}</p>}
      </section>
      {check.unchecked.length > 0 && <UncheckedNotes unchecked={check.unchecked} />}
      {view.status !== 'refused' && record.padding && record.padding.length > 0 && (
        <PaddingNotes padding={record.padding} />
      )}
    </>
  )
}

/** A check failed: nothing is sent from here, saying why and what to do. */
export function Refusal({ view }: { view: PulseView }) {
  const problems = model.checks.blockers(view.record)
  return (
    <section class="notice warning" aria-labelledby="refused-title">
      <StepTitle id="refused-title" focus={sentThisSession.has(view.pid)}>
        {t('ck.refused')}
      </StepTitle>
      <p>{t('ck.why')}</p>
      <ProblemList problems={problems} />
      <p>{t('ck.todo')}</p>
    </section>
  )
}

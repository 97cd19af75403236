import { useEffect } from 'preact/hooks'
import { sentThisSession } from './answer-model'
import { AnswerSteps } from './answer-steps'
import { model, store } from './app-state'
import { closesIn } from './format'
import { t, tn } from './i18n'
import { describeCohort } from './key-check'
import { deviceNotice } from './notices'
import { PageTitle, StepTitle } from './page-title'
import type { PulseView } from './pulses-model'

/** The group the member's answers count in, and a visible warning when the key list is off. */
function GroupInfo({ view }: { view: PulseView }) {
  const check = view.record.check
  useEffect(() => void (!check && model.state.value === 'ready' && model.checkKeys(view.entry)), [])
  if (!check) return <p class="group-info">{t('unchecked')}</p>
  return (
    <>
      {check.size > 0 && (
        <p class="group-info">
          {t('group', { n: check.size, who: describeCohort(check.cohort, check.pooled) })}
        </p>
      )}
      {!check.ok && (
        <div class="notice warning">
          <h2>{t('odd')}</h2>
          <ul>
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>{t('oddNote')}</p>
        </div>
      )}
    </>
  )
}

function Status({ view }: { view: PulseView }) {
  const { pid, record, status } = view
  const note = model.notes.value[pid]
  const notice = deviceNotice(status, model.cut.value)
  switch (status) {
    case 'ready':
      return (
        <>
          {notice && <p class="notice warning">{notice.lines[0]}</p>}
          <AnswerSteps view={view} />
        </>
      )
    case 'other-device':
    case 'spent':
      return (
        <section class="notice warning" aria-labelledby="device-title">
          <StepTitle id="device-title" focus={status === 'spent' && sentThisSession.has(pid)}>
            {notice!.title}
          </StepTitle>
          {notice!.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {status === 'spent' && <a href="/m">{t('back')}</a>}
        </section>
      )
    case 'done':
      return (
        <section class="notice success" aria-labelledby="done-title">
          <StepTitle id="done-title" focus={sentThisSession.has(pid)}>
            {t('thanks')}
          </StepTitle>
          <p>
            {t('receipt')} <code class="receipt">{record.receipt}</code>
          </p>
          <p class="meta">{t('receiptNote')}</p>
          <a href="/m">{t('back')}</a>
        </section>
      )
    case 'sending':
    case 'pending':
      return (
        <section class="notice" aria-labelledby="pending-title">
          <StepTitle id="pending-title">{t('saved')}</StepTitle>
          <p role="status">
            {status === 'sending' ? t('sending') : (note?.message ?? t('notSent'))}
          </p>
          <p>{t('resend')}</p>
          <button type="button" disabled={status === 'sending'} onClick={() => model.flush(pid)}>
            {t('tryNow')}
          </button>
        </section>
      )
    default:
      return (
        <div class="notice warning" role="status">
          <p>{record.failed ?? note?.message ?? notice?.lines[0] ?? t(`dt.${status}`)}</p>
          {status === 'offline' && (
            <button type="button" onClick={() => model.load()}>
              {t('retry')}
            </button>
          )}
          {status === 'moved' && (
            <button type="button" onClick={() => model.setMoved(pid, false)}>
              {t('useHere')}
            </button>
          )}
        </div>
      )
  }
}

export function PulsePage({ pid }: { pid: string }) {
  const view = model.pulses.value.find((p) => p.pid === pid)
  if (!view) {
    const loading = model.state.value === 'loading' || model.state.value === 'idle'
    const answered = store.pulse(pid).receipt
    return (
      <>
        <PageTitle>{t(loading ? 'loading' : 'notOpen')}</PageTitle>
        {!loading && (
          <p>
            {t(answered ? 'wasAnswered' : 'notYours')} <a href="/m">{t('goHome')}</a>
          </p>
        )}
      </>
    )
  }
  const { entry } = view
  return (
    <>
      <PageTitle>{entry.survey.title}</PageTitle>
      <p class="meta">
        {closesIn(entry.pulse.closesAt)} · {tn('q', entry.survey.questions.length)}
      </p>
      {entry.survey.description && <p>{entry.survey.description}</p>}
      <GroupInfo view={view} />
      <Status view={view} />
    </>
  )
}

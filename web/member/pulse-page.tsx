import { sentThisSession } from './answer-model'
import { AnswerSteps } from './answer-steps'
import { model, openedFragment, store } from './app-state'
import { CheckPanel, Refusal } from './check-panel'
import { t, tn } from './i18n'
import { linkCodeOf } from './key-check'
import { deviceNotice, whenItCloses } from './notices'
import { PageTitle, StepTitle } from './page-title'
import type { PulseView } from './pulses-model'
import { match } from './router'

// The chat message links a pulse with its code (`#fp=…`): kept, to compare with every list the
// page fetches for it (key-check.ts).
const linked = match('/m/pulses/:pid', location.pathname)?.pid
const linkCode = linkCodeOf(openedFragment)
if (linked && linkCode) model.save(linked, { linkCode })

function Status({ view }: { view: PulseView }) {
  const { pid, record, status } = view
  const note = model.notes.value[pid]
  const notice = deviceNotice(status, model.cut.value)
  switch (status) {
    case 'refused':
      return null // the refusal comes first on the page (check-panel.tsx)
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
          <p role="status">{status === 'sending' ? t('sending') : t(note?.message ?? 'notSent')}</p>
          <p>{t('resend')}</p>
          <button type="button" disabled={status === 'sending'} onClick={() => model.flush(pid)}>
            {t('tryNow')}
          </button>
        </section>
      )
    default:
      return (
        <div class="notice warning" role="status">
          <p>{t(record.failed ?? note?.message ?? '') || notice?.lines[0] || t(`dt.${status}`)}</p>
          {status === 'failed' && <a href="/m">{t('back')}</a>}
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
    const { receipt, failed } = store.pulse(pid)
    // Answers that arrived too late, or a device without membership, say so, not "not for you".
    const why = receipt
      ? 'wasAnswered'
      : (failed ?? (model.cut.value ? `ld.${model.state.value}` : 'notYours'))
    return (
      <>
        <PageTitle>{t(loading ? 'loading' : 'notOpen')}</PageTitle>
        {!loading && (
          <p>
            {t(why)} <a href="/m">{t('goHome')}</a>
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
        {whenItCloses(view)} ·{' '}
        {tn('q', entry.survey.questions.length + (entry.pulse.followUps?.length ?? 0))}
      </p>
      {entry.survey.description && <p>{entry.survey.description}</p>}
      {view.status === 'refused' && <Refusal view={view} />}
      <CheckPanel view={view} />
      <Status view={view} />
    </>
  )
}

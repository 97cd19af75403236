import { useEffect } from 'preact/hooks'
import { sentThisSession } from './answer-model'
import { AnswerSteps } from './answer-steps'
import { model, store } from './app-state'
import { closesIn } from './format'
import { describeCohort } from './key-check'
import { PageTitle, StepTitle } from './page-title'
import type { PulseStatus, PulseView } from './pulses-model'

/** The group the member's answers count in, and a visible warning when the key list is off. */
function GroupInfo({ view }: { view: PulseView }) {
  const check = view.record.check
  useEffect(() => void (!check && model.state.value === 'ready' && model.checkKeys(view.entry)), [])
  if (!check) return <p class="group-info">The size of your group has not been checked yet.</p>
  return (
    <>
      {check.size > 0 && (
        <p class="group-info">
          Your answers are counted in a group of {check.size} people: {describeCohort(check.cohort, check.pooled)}
          .
        </p>
      )}
      {!check.ok && (
        <div class="notice warning">
          <h2>Something does not add up</h2>
          <ul>
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>
            Your answers may be less anonymous than promised. You may want to ask the organizer
            about this before you answer.
          </p>
        </div>
      )}
    </>
  )
}

function Status({ view }: { view: PulseView }) {
  const { pid, record, status } = view
  const note = model.notes.value[pid]
  switch (status) {
    case 'ready':
      return <AnswerSteps view={view} />
    case 'done':
      return (
        <section class="notice success" aria-labelledby="done-title">
          <StepTitle id="done-title" focus={sentThisSession.has(pid)}>
            Thank you, your answers are in
          </StepTitle>
          <p>
            Receipt: <code class="receipt">{record.receipt}</code>
          </p>
          <p class="meta">
            The receipt is a fingerprint of your anonymous token: it shows your answers arrived, and
            is not linked to you.
          </p>
          <a href="/m">Back to your pulses</a>
        </section>
      )
    case 'sending':
    case 'pending':
      return (
        <section class="notice" aria-labelledby="pending-title">
          <StepTitle id="pending-title">Your answers are saved on this device</StepTitle>
          <p role="status">
            {status === 'sending' ? 'Sending…' : (note?.message ?? 'They have not been sent yet.')}
          </p>
          <p>
            They are sent again when you are back online or open trustpulse again, always with the
            same anonymous token, so they are never counted twice.
          </p>
          <button type="button" disabled={status === 'sending'} onClick={() => model.flush(pid)}>
            Try again now
          </button>
        </section>
      )
    default:
      return (
        <div class="notice warning" role="status">
          <p>{record.failed ?? note?.message ?? details[status]}</p>
          {status === 'offline' && (
            <button type="button" onClick={() => model.load()}>
              Try again
            </button>
          )}
          {status === 'moved' && (
            <button type="button" onClick={() => model.setMoved(pid, false)}>
              Use it on this device again
            </button>
          )}
        </div>
      )
  }
}

const details: Partial<Record<PulseStatus, string>> = {
  fetching: 'Getting your anonymous token…',
  offline: 'Your anonymous token could not be fetched: there is no connection to the server.',
  'other-device':
    'A token for this pulse was already fetched on another device or browser (each member gets one). Answer there, or choose “Move to another device” next to this pulse there and open the link it shows here.',
  moved: "You moved this pulse's token to another device: please answer there.",
}

export function PulsePage({ pid }: { pid: string }) {
  const view = model.pulses.value.find((p) => p.pid === pid)
  if (!view) {
    const loading = model.state.value === 'loading' || model.state.value === 'idle'
    const answered = store.pulse(pid).receipt
    return (
      <>
        <PageTitle>{loading ? 'Loading…' : 'Pulse not open'}</PageTitle>
        {!loading && (
          <p>
            {answered
              ? 'You answered this pulse. It is closed now.'
              : 'This pulse is not open for you.'}{' '}
            <a href="/m">Go to your pulses</a>
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
        {closesIn(entry.pulse.closesAt)} · {entry.survey.questions.length} questions
      </p>
      {entry.survey.description && <p>{entry.survey.description}</p>}
      <GroupInfo view={view} />
      <Status view={view} />
    </>
  )
}

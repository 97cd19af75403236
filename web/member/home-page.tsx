import { signal } from '@preact/signals'
import { model, store } from './app-state'
import { closesIn } from './format'
import { PageTitle } from './page-title'
import type { PulseStatus, PulseView } from './pulses-model'
import { lazy } from './router'

const MovePanel = lazy(() => import('./move-panel').then((m) => m.MovePanel))
// Loaded once there are shared results to show.
const ResultsList = lazy(() => import('./results-list').then((m) => m.ResultsList))
const moving = signal<string | undefined>(undefined)

const statusText: Record<PulseStatus, string> = {
  fetching: 'Getting your anonymous token…',
  offline: 'Not answered yet',
  ready: 'Not answered yet',
  sending: 'Sending your answers…',
  pending: 'Answers saved here, waiting to be sent',
  done: 'Done, thank you',
  'other-device': 'Your token for this pulse is on another device',
  moved: 'Token moved to another device',
  failed: 'Cannot be answered from this device',
}

const loadText = {
  idle: '',
  loading: 'Checking for open pulses…',
  ready: '',
  offline: 'No connection: showing what this device remembers.',
  'signed-out': 'This device has no working membership: open the invitation link you were sent.',
  error: 'Your pulses could not be loaded. Please try again later.',
}

function PulseItem({ view }: { view: PulseView }) {
  const { pid, entry, status } = view
  const count = entry.survey.questions.length
  return (
    <li class="pulse-card" data-status={status}>
      <a href={`/m/pulses/${encodeURIComponent(pid)}`} class="pulse-link">
        {entry.survey.title}
      </a>
      <p class="meta">
        {count} {count === 1 ? 'question' : 'questions'} · {closesIn(entry.pulse.closesAt)}
      </p>
      <p class="pulse-status">{statusText[status]}</p>
      {(status === 'ready' || status === 'offline') &&
        (view.record.token || view.record.prepared) &&
        (moving.value === pid ? (
          <MovePanel pid={pid} onClose={() => (moving.value = undefined)} />
        ) : (
          <button type="button" class="link-button" onClick={() => (moving.value = pid)}>
            Move to another device
          </button>
        ))}
      {status === 'moved' && (
        <button type="button" class="link-button" onClick={() => model.setMoved(pid, false)}>
          Use it on this device again
        </button>
      )}
    </li>
  )
}

export function HomePage() {
  const pulses = model.pulses.value
  const attributes = Object.entries(model.attributes.value ?? {})
  return (
    <>
      <PageTitle>{model.community.value?.name ?? 'Your pulses'}</PageTitle>
      <p role="status" class="load-status">
        {loadText[model.state.value]}
      </p>
      {!store.persistent() && (
        <p class="notice warning">
          This browser is not keeping data for this site, so your anonymous tokens will be lost when
          you close it. Answer now, or open your link in a browser that keeps site data.
        </p>
      )}
      <section aria-labelledby="open-pulses">
        <h2 id="open-pulses">Open pulses</h2>
        {pulses.length ? (
          <ul class="pulse-list">
            {pulses.map((view) => (
              <PulseItem key={view.pid} view={view} />
            ))}
          </ul>
        ) : (
          <p>{model.state.value === 'loading' ? 'Loading…' : 'No open pulses right now.'}</p>
        )}
      </section>
      {!!model.results.value?.length && <ResultsList />}
      {attributes.length > 0 && (
        <section aria-labelledby="about-you">
          <h2 id="about-you">What the organizers recorded about you</h2>
          <dl class="attributes">
            {attributes.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <p class="meta">
            Your answers are grouped by these, in groups large enough that no one can tell who
            answered what.
          </p>
        </section>
      )}
    </>
  )
}

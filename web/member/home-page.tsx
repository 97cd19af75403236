import { signal } from '@preact/signals'
import { model, store } from './app-state'
import { closesIn } from './format'
import { t, tn } from './i18n'
import { loadNotice } from './notices'
import { PageTitle } from './page-title'
import type { PulseView } from './pulses-model'
import { lazy } from './router'

const MovePanel = lazy(() => import('./move-panel').then((m) => m.MovePanel))
// Loaded once there are shared results to show.
const ResultsList = lazy(() => import('./results-list').then((m) => m.ResultsList))
const moving = signal(false)

function PulseItem({ view }: { view: PulseView }) {
  const { pid, entry, status } = view
  const count = entry.survey.questions.length
  return (
    <li class="pulse-card" data-status={status}>
      <a href={`/m/pulses/${encodeURIComponent(pid)}`} class="pulse-link">
        {entry.survey.title}
      </a>
      <p class="meta">
        {tn('q', count)} · {closesIn(entry.pulse.closesAt)}
      </p>
      <p class="pulse-status">{t(`st.${status}`)}</p>
      {status === 'moved' && (
        <button type="button" class="link-button" onClick={() => model.setMoved(pid, false)}>
          {t('useHere')}
        </button>
      )}
    </li>
  )
}

/** What the load left: nothing, a line, or why this device lost access and what it can still do. */
function LoadStatus({ pulses }: { pulses: PulseView[] }) {
  const { lines, warning } = loadNotice(model.state.value, model.cut.value, pulses)
  return (
    <div role="status" class={warning ? 'load-status notice warning' : 'load-status'}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  )
}

/** Moving the membership to another device (move-panel.tsx), offered while this device holds it. */
function AnotherDevice() {
  if (model.state.value !== 'ready' && !moving.value) return null
  return (
    <section aria-labelledby="another-device">
      {moving.value ? (
        <MovePanel onClose={() => (moving.value = false)} />
      ) : (
        <>
          <h2 id="another-device">{t('mv.offer')}</h2>
          <p>{t('mv.offerNote')}</p>
          <button type="button" onClick={() => (moving.value = true)}>
            {t('move')}
          </button>
        </>
      )}
    </section>
  )
}

export function HomePage() {
  const pulses = model.pulses.value
  const attributes = Object.entries(model.attributes.value ?? {})
  return (
    <>
      <PageTitle>{model.community.value?.name ?? t('yourPulses')}</PageTitle>
      <LoadStatus pulses={pulses} />
      {!store.persistent() && <p class="notice warning">{t('notKept')}</p>}
      <section aria-labelledby="open-pulses">
        <h2 id="open-pulses">{t('open')}</h2>
        {pulses.length ? (
          <ul class="pulse-list">
            {pulses.map((view) => (
              <PulseItem key={view.pid} view={view} />
            ))}
          </ul>
        ) : (
          <p>{t(model.state.value === 'loading' ? 'loading' : 'none')}</p>
        )}
      </section>
      <AnotherDevice />
      {!!model.results.value?.length && <ResultsList />}
      {attributes.length > 0 && (
        <section aria-labelledby="about-you">
          <h2 id="about-you">{t('aboutYou')}</h2>
          <dl class="attributes">
            {attributes.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <p class="meta">{t('aboutNote')}</p>
        </section>
      )}
    </>
  )
}

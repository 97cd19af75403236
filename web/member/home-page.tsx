import { signal } from '@preact/signals'
import { model, store } from './app-state'
import { closesIn } from './format'
import { t, tn } from './i18n'
import { PageTitle } from './page-title'
import type { PulseView } from './pulses-model'
import { lazy } from './router'

const MovePanel = lazy(() => import('./move-panel').then((m) => m.MovePanel))
// Loaded once there are shared results to show.
const ResultsList = lazy(() => import('./results-list').then((m) => m.ResultsList))
const moving = signal<string | undefined>(undefined)

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
      {(status === 'ready' || status === 'offline') &&
        (view.record.token || view.record.prepared) &&
        (moving.value === pid ? (
          <MovePanel pid={pid} onClose={() => (moving.value = undefined)} />
        ) : (
          <button type="button" class="link-button" onClick={() => (moving.value = pid)}>
            {t('move')}
          </button>
        ))}
      {status === 'moved' && (
        <button type="button" class="link-button" onClick={() => model.setMoved(pid, false)}>
          {t('useHere')}
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
      <PageTitle>{model.community.value?.name ?? t('yourPulses')}</PageTitle>
      <p
        role="status"
        class={model.state.value === 'access-reset' ? 'load-status notice warning' : 'load-status'}
      >
        {t(`ld.${model.state.value}`)}
      </p>
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

import { signal } from '@preact/signals'
import { model, store } from './app-state'
import { t, tn } from './i18n'
import { loadNotice, showsPulseList, whenItCloses } from './notices'
import { PageTitle } from './page-title'
import type { PulseStatus, PulseView } from './pulses-model'
import { lazy } from './router'

const MovePanel = lazy(() => import('./move-panel').then((m) => m.MovePanel))
// Loaded once there are shared results to show.
const ResultsList = lazy(() => import('./results-list').then((m) => m.ResultsList))
// What the organizers are doing about what members said (actions-list.tsx), loaded apart too.
const ActionsList = lazy(() => import('./actions-list').then((m) => m.ActionsList))
const moving = signal(false)

/** Where a pulse can be answered from this device: its card's action is the page's main one. */
const answerable: PulseStatus[] = ['ready', 'fetching', 'offline']

/**
 * An open pulse: its title, size, when it closes and where it stands, and a link to it that
 * looks like the button it is for the member ("Answer now"; "Open" once answered or elsewhere).
 */
function PulseItem({ view }: { view: PulseView }) {
  const { pid, entry, status } = view
  const count = entry.survey.questions.length + (entry.pulse.followUps?.length ?? 0)
  const main = answerable.includes(status)
  // Its name says which pulse; what it shows starts the same, for those who speak to click.
  const action = t(main ? 'cta.answer' : 'cta.open')
  return (
    <li class="pulse-card" data-status={status}>
      <h3 class="pulse-title">{entry.survey.title}</h3>
      <p class="meta">
        {tn('q', count)} · {whenItCloses(view)}
      </p>
      <p class="pulse-status">{t(`st.${status}`)}</p>
      <p class="pulse-actions">
        <a
          href={`/m/pulses/${encodeURIComponent(pid)}`}
          class={main ? 'button primary pulse-link' : 'button pulse-link'}
          aria-label={`${action}: ${entry.survey.title}`}
        >
          {action}
        </a>
        {status === 'moved' && (
          <button type="button" class="link-button" onClick={() => model.setMoved(pid, false)}>
            {t('useHere')}
          </button>
        )}
      </p>
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
      <PageTitle>
        {model.community.value?.name ??
          t(model.state.value === 'signed-out' ? 'noMember' : 'yourPulses')}
      </PageTitle>
      <LoadStatus pulses={pulses} />
      {!store.persistent() && <p class="notice warning">{t('notKept')}</p>}
      {showsPulseList(model.state.value, model.cut.value, pulses) && (
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
      )}
      <AnotherDevice />
      {!model.cut.value && <ActionsList />}
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

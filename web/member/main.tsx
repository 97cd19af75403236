import { render, type ComponentType } from 'preact'
import '../styles/member.css'
import { api, model, router, store } from './app-state'
import { HomePage } from './home-page'
import { lang, languages, setLanguage, startLanguage, t } from './i18n'
import { PageTitle } from './page-title'
import { PulsePage } from './pulse-page'
import { runQueue } from './reply-secrets'
import { lazy, match } from './router'

// Pages a member needs once (joining) or rarely (taking over a token) load only when opened.
const JoinPage = lazy(() => import('./join-page').then((m) => m.JoinPage))
const ImportPage = lazy(() => import('./import-page').then((m) => m.ImportPage))

function NotFound() {
  return (
    <>
      <PageTitle>{t('notFound')}</PageTitle>
      <p>
        <a href="/m">{t('goHome')}</a>
      </p>
    </>
  )
}

const routes: [string, ComponentType<any>][] = [
  ['/join', JoinPage],
  ['/m', HomePage],
  ['/m/pulses/:pid', PulsePage],
  ['/m/import', ImportPage],
]

/** The page at the current path, given the path's params; a new address mounts a new page. */
function Page() {
  const path = router.path.value
  for (const [pattern, Component] of routes) {
    const params = match(pattern, path)
    if (params) return <Component key={path} {...params} />
  }
  return <NotFound key={path} />
}

/** The language of the pages, remembered on this device once chosen. */
function LanguageSwitcher() {
  return (
    <label class="language">
      {t('lang')}
      <select value={lang()} onChange={(e) => setLanguage(e.currentTarget.value)}>
        {Object.entries(languages).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
}

function App() {
  return (
    <>
      <header class="site-header">
        <a href="/m" class="brand">
          trustpulse
        </a>
        <LanguageSwitcher />
      </header>
      <main>
        <Page />
      </main>
    </>
  )
}

// Tokens for every open pulse are fetched when the app opens (the join and move pages do it once
// this device is the member's).
if (location.pathname !== '/join' && location.pathname !== '/m/import') model.load()
// Answers waiting to be sent go as soon as the device is back online, and every minute anyway.
addEventListener('online', () =>
  model.state.value === 'offline' ? model.load() : model.retryPending(),
)
setInterval(() => model.retryPending(), 60_000)
// Follow-ups to the member's comments wait on the device for their random moment (reply-secrets.ts).
runQueue(api, store)

// A member who reads German sees German from the first paint: its catalog comes first.
// If it cannot be fetched (offline), the pages show in English.
startLanguage()
  .catch(() => {})
  .then(() => render(<App />, document.getElementById('app')!))

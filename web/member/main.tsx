import { render } from 'preact'
import { LocationProvider, Route, Router, lazy } from 'preact-iso'
import '../styles/member.css'
import { model } from './app-state'
import { HomePage } from './home-page'
import { PageTitle } from './page-title'
import { PulsePage } from './pulse-page'

// Pages a member needs once (joining) or rarely (taking over a token) load only when opened.
const JoinPage = lazy(() => import('./join-page').then((m) => m.JoinPage))
const ImportPage = lazy(() => import('./import-page').then((m) => m.ImportPage))

function NotFound() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        <a href="/m">Go to your pulses</a>
      </p>
    </>
  )
}

function App() {
  return (
    <LocationProvider>
      <header class="site-header">
        <a href="/m" class="brand">
          trustpulse
        </a>
      </header>
      <main>
        <Router>
          <Route path="/join" component={JoinPage} />
          <Route path="/m" component={HomePage} />
          <Route path="/m/pulses/:pid" component={PulsePage} />
          <Route path="/m/import" component={ImportPage} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </LocationProvider>
  )
}

// Tokens for every open pulse are fetched when the app opens (the join page does it after joining).
if (location.pathname !== '/join') model.load()
// Answers waiting to be sent go as soon as the device is back online, and every minute anyway.
addEventListener('online', () =>
  model.state.value === 'offline' ? model.load() : model.retryPending(),
)
setInterval(() => model.retryPending(), 60_000)

render(<App />, document.getElementById('app')!)

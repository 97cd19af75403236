import type { ComponentType } from 'preact'
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso'
import { Layout } from './components/layout'
import { Loading, Problem } from './components/problem'
import { Redirect } from './components/redirect'
import { currentCommunityId } from './models/communities'
import {
  entryPath,
  isPublicPath,
  loadSession,
  organizer,
  safeNext,
  sessionError,
} from './models/session'

const Login = lazy(() => import('./pages/login-page'))
const Setup = lazy(() => import('./pages/setup-page'))
const TeamInvite = lazy(() => import('./pages/team-invite-page'))
const ForgotPassword = lazy(() => import('./pages/forgot-password-page'))
const ResetPassword = lazy(() => import('./pages/reset-password-page'))
const Account = lazy(() => import('./pages/account-page'))
const Communities = lazy(() => import('./pages/communities-page'))
const Settings = lazy(() => import('./pages/settings-page'))
const Team = lazy(() => import('./pages/team-page'))
const Members = lazy(() => import('./pages/members-page'))
const Outbox = lazy(() => import('./pages/outbox-page'))
const Surveys = lazy(() => import('./pages/surveys-page'))
const NewSurvey = lazy(() => import('./pages/new-survey-page'))
const Designer = lazy(() => import('./pages/designer-page'))
const Pulses = lazy(() => import('./pages/pulses-page'))
const Report = lazy(() => import('./pages/report-page'))
const Dashboard = lazy(() => import('./pages/dashboard-page'))
const Meetings = lazy(() => import('./pages/meetings-page'))
const NewMeeting = lazy(() => import('./pages/new-meeting-page'))
const Meeting = lazy(() => import('./pages/meeting-page'))
const Actions = lazy(() => import('./pages/actions-page'))
const NewAction = lazy(() => import('./pages/action-form-page').then((m) => m.NewActionPage))
const EditAction = lazy(() => import('./pages/action-form-page').then((m) => m.EditActionPage))
const NotFound = lazy(() => import('./pages/not-found-page'))

void loadSession()

/**
 * Gives a page a fresh instance (and fresh models) whenever the id in its address changes, e.g.
 * when the community switcher moves from one community's members to another's.
 */
function keyed<P extends { params: Record<string, string> }>(
  Page: ComponentType<P>,
  param: string,
) {
  return (props: P) => <Page key={props.params[param]} {...props} />
}

const pages = {
  settings: keyed(Settings, 'cid'),
  team: keyed(Team, 'cid'),
  members: keyed(Members, 'cid'),
  outbox: keyed(Outbox, 'cid'),
  surveys: keyed(Surveys, 'cid'),
  newSurvey: keyed(NewSurvey, 'cid'),
  designer: keyed(Designer, 'sid'),
  pulses: keyed(Pulses, 'sid'),
  report: keyed(Report, 'pid'),
  dashboard: keyed(Dashboard, 'sid'),
  meetings: keyed(Meetings, 'cid'),
  newMeeting: keyed(NewMeeting, 'cid'),
  meeting: keyed(Meeting, 'mid'),
  actions: keyed(Actions, 'cid'),
  newAction: keyed(NewAction, 'cid'),
  editAction: keyed(EditAction, 'aid'),
}

const CommunityHome = ({ params }: { params: { cid: string } }) => (
  <Redirect to={`/communities/${params.cid}/surveys`} />
)

/** Keeps signed-out visitors on public pages and signed-in organizers off login and setup. */
function SessionGate() {
  const { url, path, query } = useLocation()
  const who = organizer.value
  if (who === undefined) {
    const error = sessionError.value
    return error ? <Problem error={error} retry={loadSession} /> : <Loading />
  }
  if (who === null && !isPublicPath(path)) return <Redirect to={entryPath(url)} />
  if (who && (path === '/login' || path === '/setup' || path === '/')) {
    return <Redirect to={safeNext(query.next)} />
  }
  return <Routes />
}

const communityScoped = /^\/(communities\/[^/]+|surveys|pulses|meetings|actions)(\/|$)/

function onRouteChange(url: string) {
  if (!communityScoped.test(url)) currentCommunityId.value = undefined
  // Move focus to the new page's heading so keyboard and screen reader users start there.
  requestAnimationFrame(() => document.getElementById('page-title')?.focus())
}

function Routes() {
  return (
    <ErrorBoundary onError={(e) => console.error(e)}>
      <Router onRouteChange={onRouteChange}>
        <Route path="/login" component={Login} />
        <Route path="/setup" component={Setup} />
        <Route path="/team-invite" component={TeamInvite} />
        <Route path="/forgot-password" component={ForgotPassword} />
        <Route path="/reset-password" component={ResetPassword} />
        <Route path="/account" component={Account} />
        <Route path="/communities" component={Communities} />
        <Route path="/communities/:cid" component={CommunityHome} />
        <Route path="/communities/:cid/settings" component={pages.settings} />
        <Route path="/communities/:cid/team" component={pages.team} />
        <Route path="/communities/:cid/members" component={pages.members} />
        <Route path="/communities/:cid/messages" component={pages.outbox} />
        <Route path="/communities/:cid/surveys" component={pages.surveys} />
        <Route path="/communities/:cid/surveys/new" component={pages.newSurvey} />
        <Route path="/surveys/:sid" component={pages.designer} />
        <Route path="/surveys/:sid/pulses" component={pages.pulses} />
        <Route path="/surveys/:sid/dashboard" component={pages.dashboard} />
        <Route path="/pulses/:pid/report" component={pages.report} />
        <Route path="/communities/:cid/meetings" component={pages.meetings} />
        <Route path="/communities/:cid/meetings/new" component={pages.newMeeting} />
        <Route path="/meetings/:mid" component={pages.meeting} />
        <Route path="/communities/:cid/actions" component={pages.actions} />
        <Route path="/communities/:cid/actions/new" component={pages.newAction} />
        <Route path="/actions/:aid/edit" component={pages.editAction} />
        <Route default component={NotFound} />
      </Router>
    </ErrorBoundary>
  )
}

export function App() {
  return (
    <LocationProvider>
      <Layout>
        <SessionGate />
      </Layout>
    </LocationProvider>
  )
}

import { useModel } from '@preact/signals'
import type { Community, Report, Survey } from '../api-types'
import { usePrintTables, useTitleFocus } from '../components/report-hooks'
import { Page, Section } from '../components/page'
import { Async, Problem } from '../components/problem'
import { FollowUpResults } from '../components/follow-up-results'
import { DimensionScores, GroupsSection, QuestionsSection } from '../components/report-sections'
import { SurveyScope } from '../components/survey-scope'
import { can } from '../models/communities'
import { formatDateTime } from '../models/dates'
import { participation } from '../models/participation'
import { formatRate, formatResponded } from '../models/report-format'
import { PulseReportModel, type PulseReport } from '../models/report-model'
import '../../styles/report.css'

/** A pulse's report at /pulses/:pid/report: participation, every question, groups, comments. */
export default function ReportPage({ params }: { params: { pid: string } }) {
  const m = useModel(() => new PulseReportModel(params.pid))
  usePrintTables()
  if (!m.report.data.value) {
    return (
      <Page title="Report" crumbs={[{ label: 'Communities', href: '/communities' }]}>
        <Async of={m.report} label="Loading the report…">
          {() => null}
        </Async>
      </Page>
    )
  }
  return (
    <SurveyScope survey={m.survey}>
      {(survey, community) => <ReportView m={m} survey={survey} community={community} />}
    </SurveyScope>
  )
}

function ReportView({
  m,
  survey,
  community,
}: {
  m: PulseReport
  survey: Survey
  community: Community
}) {
  useTitleFocus()
  const report = m.report.data.value!
  const pulse = report.pulse
  const everyone = report.groups[0]
  // Organizers turn what a report shows into actions, prefilled with the survey and question.
  const plan = can(community.role, 'organizer')
    ? `/communities/${community.id}/actions/new?survey=${encodeURIComponent(survey.id)}`
    : undefined
  return (
    <Page
      title={`Report: ${survey.title}`}
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: surveys`, href: `/communities/${community.id}/surveys` },
        { label: `Pulses: ${survey.title}`, href: `/surveys/${survey.id}/pulses` },
      ]}
      intro={
        pulse.status === 'closed'
          ? `The pulse that closed ${formatDateTime(pulse.closesAt)}. Numbers are shown only for groups of at least ${pulse.minGroupSize} people.`
          : `The pulse that opened ${formatDateTime(pulse.opensAt)}.`
      }
    >
      <ReportActions m={m} survey={survey} community={community} />
      <Participation report={report} />
      {report.released && everyone?.suppressed && (
        <p class="notice">
          Hidden to protect anonymity: fewer than {pulse.minGroupSize} people responded, so this
          pulse shows no numbers.
        </p>
      )}
      {report.released && everyone && !everyone.suppressed && (
        <>
          <DimensionScores dimensions={everyone.dimensions ?? []} />
          <QuestionsSection
            m={m}
            survey={survey}
            pulse={pulse}
            everyone={everyone}
            planHref={plan ? (qid) => `${plan}&question=${encodeURIComponent(qid)}` : undefined}
          />
          <FollowUpResults
            pulse={pulse}
            everyone={everyone}
            cid={community.id}
            after={survey.questions.length}
          />
          <GroupsSection m={m} survey={survey} pulse={pulse} />
        </>
      )}
    </Page>
  )
}

/** Links to the survey's trends and, for organizers, sharing the results with members. */
function ReportActions({
  m,
  survey,
  community,
}: {
  m: PulseReport
  survey: Survey
  community: Community
}) {
  const pulse = m.pulse.value!
  const canShare = can(community.role, 'organizer') && pulse.status === 'closed'
  const error = m.sharing.error.value
  return (
    <>
      <div class="report-actions">
        <a href={`/surveys/${survey.id}/dashboard`}>Trends across all pulses</a>
        {can(community.role, 'organizer') && (
          <a
            href={`/communities/${community.id}/actions/new?survey=${encodeURIComponent(survey.id)}`}
          >
            Plan an action
          </a>
        )}
        {pulse.shared && <span class="badge badge-shared">Shared with members</span>}
        {canShare && (
          <button
            type="button"
            class="button-secondary"
            disabled={m.sharing.pending.value}
            onClick={() => void m.toggleShare()}
          >
            {pulse.shared ? 'Stop sharing results' : 'Share results with members'}
          </button>
        )}
      </div>
      {error && <Problem error={error} />}
    </>
  )
}

function Participation({ report }: { report: Report }) {
  const { pulse, participation: p } = report
  const closed = pulse.status === 'closed'
  const view = participation(pulse)
  return (
    <Section title="Participation">
      <dl class="report-stats">
        <div>
          <dt>Eligible</dt>
          <dd>{p.eligible}</dd>
        </div>
        {closed && (
          <>
            <div>
              <dt>Responded</dt>
              <dd>{formatResponded(p.responded, pulse.minGroupSize)}</dd>
            </div>
            <div>
              <dt>Rate</dt>
              <dd>{formatRate(p.responded, p.eligible)}</dd>
            </div>
          </>
        )}
      </dl>
      {!closed && <p>{view.text}.</p>}
      {!report.released && (
        <p class="notice" role="status">
          Results appear after the pulse closes
          {pulse.status === 'open' && <>, on {formatDateTime(pulse.closesAt)}</>}. {view.note}
        </p>
      )}
    </Section>
  )
}

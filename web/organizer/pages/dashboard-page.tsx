import { useModel } from '@preact/signals'
import type { Community, Survey, Trend } from '../api-types'
import { usePrintTables, useTitleFocus } from '../components/report-hooks'
import { GroupTrend } from '../components/group-trend'
import { CutControls, GroupsHeatmap } from '../components/groups-view'
import { LatestPulse } from '../components/latest-pulse'
import { Page, Section } from '../components/page'
import { Async } from '../components/problem'
import { SurveyScope } from '../components/survey-scope'
import {
  DimensionTrend,
  NpsTrend,
  ParticipationTrend,
  QuestionTrend,
} from '../components/trend-sections'
import { DashboardModel, type Dashboard } from '../models/dashboard-model'
import { groupsAt, pulseAxis } from '../models/trend-view'
import '../../styles/report.css'
import '../../styles/actions.css'

/** A survey's dashboard at /surveys/:sid/dashboard: trends over its closed pulses. */
export default function DashboardPage({ params }: { params: { sid: string } }) {
  const m = useModel(() => new DashboardModel(params.sid))
  usePrintTables()
  return (
    <SurveyScope survey={m.survey}>
      {(survey, community) => <DashboardView m={m} survey={survey} community={community} />}
    </SurveyScope>
  )
}

function DashboardView(p: { m: Dashboard; survey: Survey; community: Community }) {
  useTitleFocus()
  const { m, survey, community } = p
  return (
    <Page
      title={`Dashboard: ${survey.title}`}
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: surveys`, href: `/communities/${community.id}/surveys` },
        { label: `Pulses: ${survey.title}`, href: `/surveys/${survey.id}/pulses` },
      ]}
      intro="How this survey's results move from pulse to pulse. Only closed pulses count, and only groups large enough to stay anonymous are shown."
    >
      <Async of={m.trend} label="Loading the trends…">
        {(trend) =>
          trend.pulses.length === 0 ? (
            <p class="notice">
              No pulse of this survey has closed yet. Trends appear here once the first one closes.{' '}
              <a href={`/surveys/${survey.id}/pulses`}>See the pulses</a>
            </p>
          ) : (
            <>
              <div class="dash-grid">
                <ParticipationTrend m={m} />
                <NpsTrend m={m} trend={trend} />
                <DimensionTrend m={m} trend={trend} />
                <QuestionTrend m={m} trend={trend} />
              </div>
              {m.latest.data.value && (
                <LatestPulse report={m.latest.data.value} questions={survey.questions} />
              )}
              <GroupsSection m={m} survey={survey} attributes={community.attributes} />
              <Downloads m={m} />
            </>
          )
        }
      </Async>
    </Page>
  )
}

function GroupsSection({
  m,
  survey,
  attributes,
}: {
  m: Dashboard
  survey: Survey
  attributes: string[]
}) {
  if (!attributes.length) return null
  return (
    <Section title="Groups">
      <CutControls
        id="heat"
        attributes={attributes}
        by={m.by}
        columns={m.columns}
        metric={m.metric}
      />
      <Async of={m.cut} label="Loading the groups…">
        {(trend) => {
          const pid = m.heatPulseId.value
          if (!pid) return <p class="empty">No closed pulse was cut by {m.by.value}.</p>
          const at = trend.pulses.findIndex((x) => x.id === pid)
          const name = at >= 0 ? pulseAxis(trend.pulses).names[at] : ''
          return (
            <>
              <GroupTrend m={m} trend={trend} />
              <h3>One pulse</h3>
              <div class="report-controls">
                <PulseChoice m={m} trend={trend} />
              </div>
              <GroupsHeatmap
                id="heatmap"
                title={`Groups by ${m.by.value}, ${name}`}
                groups={groupsAt(trend, pid)}
                questions={survey.questions}
                columns={m.columns.value}
                metric={m.metric.value}
                by={m.by.value}
                k={m.heatPulseK.value}
                other={m.other.value}
              />
            </>
          )
        }}
      </Async>
    </Section>
  )
}

function PulseChoice({ m, trend }: { m: Dashboard; trend: Trend }) {
  const names = pulseAxis(trend.pulses).names
  return (
    <div class="field">
      <label for="heat-pulse">Pulse</label>
      <select
        id="heat-pulse"
        value={m.heatPulseId.value}
        onChange={(e) => (m.heatPulse.value = e.currentTarget.value)}
      >
        {trend.pulses.map((x, i) => (
          <option key={x.id} value={x.id}>
            {names[i]}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The trend as CSV: exactly the numbers the reports show, hidden cells left empty. */
function Downloads({ m }: { m: Dashboard }) {
  const by = m.by.value
  return (
    <Section title="Download">
      <p class="hint">
        One row per group, pulse and question, with the same numbers as these charts; hidden cells
        are left empty.
      </p>
      <ul class="downloads">
        <li>
          <a href={m.csvAllUrl.value} download>
            Trend as CSV, everyone
          </a>
        </li>
        {by && (
          <li>
            <a href={m.csvUrl.value} download>
              Trend as CSV, by {by}
            </a>
          </li>
        )}
      </ul>
    </Section>
  )
}

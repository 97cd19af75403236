import { useModel } from '@preact/signals'
import type { Community, MeetingBrief, MeetingTrendPoint } from '../api-types'
import { Columns } from '../components/bar-charts'
import { CommunityScope } from '../components/community-scope'
import { LineChart } from '../components/line-chart'
import { Page, Section } from '../components/page'
import { Async } from '../components/problem'
import { can } from '../models/communities'
import { formatDateTime } from '../models/dates'
import { balanceLabels, formatIndex } from '../models/meeting-format'
import { giniSeries, meetingAxis, MeetingsModel, type Meetings } from '../models/meetings-model'
import { formatMean } from '../models/report-format'
import '../../styles/report.css'
import '../../styles/meetings.css'

export default function MeetingsPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <MeetingsView community={c} />}</CommunityScope>
}

/** A community's tracked meetings: how balanced each was, and the trend beside the trust pulse's voice. */
function MeetingsView({ community }: { community: Community }) {
  const m = useModel(() => new MeetingsModel(community.id))
  const run = can(community.role, 'organizer')
  return (
    <Page
      title={`${community.name}: meetings`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
      intro="How evenly the seats at your meetings spoke. Seats are numbers or initials the facilitator chose, never linked to members."
    >
      {run && (
        <p>
          <a class="button" href={`/communities/${community.id}/meetings/new`}>
            New meeting
          </a>
        </p>
      )}
      <Async of={m.trend} label="Loading the trend…">
        {(trend) =>
          trend.meetings.length > 0 ? <TrendSection m={m} points={trend.meetings} /> : null
        }
      </Async>
      <Section title="Meetings">
        <Async of={m.list} label="Loading meetings…">
          {(list) =>
            list.length === 0 ? (
              <p class="empty">No meetings tracked yet.{run && ' Start one with “New meeting”.'}</p>
            ) : (
              <MeetingList list={list} />
            )
          }
        </Async>
      </Section>
    </Page>
  )
}

function TrendSection({ m, points }: { m: Meetings; points: MeetingTrendPoint[] }) {
  const axis = meetingAxis(points)
  const latest = points.at(-1)!
  const voice = m.voiceLine.value
  return (
    <>
      <div class="dash-grid">
        <Section title="Balance over time">
          <p class="hint">
            Gini is 0 when every seat spoke equally and rises as a few seats take over (at most
            (n−1)/n). It counts speaking time when every turn had an end, else turns.
          </p>
          <LineChart
            id="gini-trend"
            title="Gini per meeting (0 = even)"
            summary={`Latest meeting: Gini ${formatIndex(latest.gini)}.`}
            axis={axis}
            series={[giniSeries(points)]}
            domain={[0, 1]}
            format={(v) => v.toFixed(1)}
          />
        </Section>
        <Section title="Silent seats">
          <Columns
            id="silent-trend"
            title="Seats that never spoke, per meeting"
            summary={`Silent seats per meeting: ${points.map((p) => `${p.silentSeats} of ${p.seats}`).join(', ')}.`}
            columns={points.map((p, i) => ({
              label: axis.labels[i].split(' ')[0],
              fraction: p.seats ? p.silentSeats / p.seats : 0,
              text: String(p.silentSeats),
              tone: 'plain',
            }))}
            table={{
              caption: 'Silent seats per meeting',
              head: ['Meeting', 'Title', 'Silent seats', 'Seats'],
              rows: points.map((p, i) => ({
                head: axis.names[i],
                cells: [p.title, String(p.silentSeats), String(p.seats)],
              })),
            }}
          />
        </Section>
        {voice && (
          <Section title="Trust pulse: voice">
            <p class="hint">
              The “{voice.series.name}” dimension of{' '}
              <a href={`/surveys/${voice.survey.id}/dashboard`}>{voice.survey.title}</a>, pulse by
              pulse (1–5): do people feel heard?
            </p>
            <LineChart
              id="voice-trend"
              title="Voice, mean per pulse (1–5)"
              summary={`Latest pulse: ${voice.series.values.at(-1) === undefined ? 'hidden' : formatMean(voice.series.values.at(-1)!)}.`}
              axis={voice.axis}
              series={[voice.series]}
              domain={[1, 5]}
              baseline={3}
              format={formatMean}
            />
          </Section>
        )}
      </div>
      <p class="downloads-line">
        <a href={m.csvUrl.value} download>
          Meetings trend as CSV
        </a>
      </p>
    </>
  )
}

function MeetingList({ list }: { list: MeetingBrief[] }) {
  return (
    <ul class="cards meeting-cards">
      {list.map((x) => (
        <li key={x.id} class="card">
          <h3 class="card-title">
            <a href={`/meetings/${x.id}`}>{x.title}</a>
            {x.status === 'running' && <span class="badge badge-open">running</span>}
          </h3>
          <p class="card-text">
            <span class={`balance-tag balance-${x.measures.balance}`}>
              {balanceLabels[x.measures.balance]}.
            </span>{' '}
            {x.measures.summary}
          </p>
          <p class="meta">
            {formatDateTime(x.startedAt)} · {x.measures.turns}{' '}
            {x.measures.turns === 1 ? 'turn' : 'turns'} · Gini {formatIndex(x.measures.gini)}
          </p>
        </li>
      ))}
    </ul>
  )
}

import type { Community, MeetingDetail } from '../api-types'
import { formatDateTime } from '../models/dates'
import { balanceLabels, formatDuration, formatIndex, formatShare } from '../models/meeting-format'
import { HBars } from './bar-charts'
import { Page, Section } from './page'

/** An ended (or, for viewers, running) meeting: the summary in words, one suggestion, and every measure. */
export function MeetingSummary({
  detail,
  community,
}: {
  detail: MeetingDetail
  community: Community
}) {
  const m = detail.measures
  const byTime = m.basis === 'time'
  const values = m.perSeat.map((s) => (byTime ? (s.speakingMs ?? 0) : s.turns))
  const total = values.reduce((a, b) => a + b, 0)
  const most = Math.max(1, ...values)
  const minutes = detail.endedAt
    ? (Date.parse(detail.endedAt) - Date.parse(detail.startedAt)) / 60_000
    : undefined
  return (
    <Page
      title={detail.title}
      crumbs={[
        { label: 'Communities', href: '/communities' },
        { label: `${community.name}: meetings`, href: `/communities/${community.id}/meetings` },
      ]}
    >
      <p class="meta">
        {detail.status === 'running' ? 'Running since' : 'Started'}{' '}
        {formatDateTime(detail.startedAt)}
        {minutes !== undefined && ` · ${Math.round(minutes)} min`} · {detail.seats} seats
      </p>
      <div class={`notice meeting-verdict balance-${m.balance}`}>
        <p>
          <strong>{balanceLabels[m.balance]}.</strong> {m.summary}
        </p>
        {m.suggestion && (
          <p>
            <strong>For the next meeting:</strong> {m.suggestion}
          </p>
        )}
      </div>
      <Section title={byTime ? 'Speaking time per seat' : 'Turns per seat'}>
        <HBars
          id="seat-bars"
          title={byTime ? 'Speaking time per seat' : 'Turns per seat'}
          summary={m.summary}
          textWidth={110}
          bars={m.perSeat.map((s, i) => ({
            label: s.label,
            fraction: values[i] / most,
            text: `${byTime ? formatDuration(values[i]) : s.turns} · ${formatShare(total ? values[i] / total : null)}`,
            tone: s.turns === 0 ? 'unfav' : 'plain',
          }))}
          table={{
            caption: 'Turns and speaking time per seat',
            head: ['Seat', 'Turns', 'Speaking time', 'Share'],
            rows: m.perSeat.map((s, i) => ({
              head: s.label,
              cells: [
                String(s.turns),
                s.speakingMs === null ? '—' : formatDuration(s.speakingMs),
                formatShare(total ? values[i] / total : null),
              ],
            })),
          }}
        />
      </Section>
      <Section title="Measures">
        <dl class="facts">
          <dt>Turns</dt>
          <dd>{m.turns}</dd>
          <dt>Silent seats</dt>
          <dd>
            {m.silentSeats} of {m.seats}
          </dd>
          <dt>Top two seats</dt>
          <dd>{formatShare(m.topTwoShare)}</dd>
          <dt>Gini (0 = even)</dt>
          <dd>{formatIndex(m.gini)}</dd>
          <dt>Entropy (1 = even)</dt>
          <dd>{formatIndex(m.entropy)}</dd>
          <dt>Turns per minute</dt>
          <dd>{m.turnsPerMinute === null ? '—' : m.turnsPerMinute.toFixed(1)}</dd>
        </dl>
        <p class="hint">
          {byTime
            ? 'Every turn had an end, so shares, Gini and entropy count speaking time.'
            : 'Shares, Gini and entropy count turns (speaking time counts only when every turn has an end).'}{' '}
          Silent seats count: a meeting where one seat of four never spoke is not even.
        </p>
      </Section>
    </Page>
  )
}

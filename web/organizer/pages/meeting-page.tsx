import { createModel, signal, useModel } from '@preact/signals'
import { useEffect, useMemo } from 'preact/hooks'
import * as api from '../api'
import type { Community, MeetingDetail } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { MeetingSummary } from '../components/meeting-summary'
import { Page } from '../components/page'
import { Async } from '../components/problem'
import { Problem } from '../components/problem'
import { can } from '../models/communities'
import { formatIndex, formatShare } from '../models/meeting-format'
import { resource } from '../models/resource'
import { SYNC_EVERY_MS, trackerModel, type Tracker } from '../models/tracker-model'
import '../../styles/report.css'
import '../../styles/meetings.css'

const MeetingModel = createModel((mid: string) => ({
  detail: resource(() => api.getMeeting(mid)),
  confirmEnd: signal(false),
}))

/** /meetings/:mid: the tracker while the meeting runs (organizers), its summary once it ended or for viewers. */
export default function MeetingPage({ params }: { params: { mid: string } }) {
  const m = useModel(() => new MeetingModel(params.mid))
  return (
    <Async of={m.detail} label="Loading the meeting…">
      {(detail) => (
        <CommunityScope cid={detail.communityId}>
          {(community) =>
            detail.status === 'running' && can(community.role, 'organizer') ? (
              <TrackerView
                detail={detail}
                community={community}
                confirmEnd={m.confirmEnd}
                onEnded={m.detail.reload}
              />
            ) : (
              <MeetingSummary detail={detail} community={community} />
            )
          }
        </CommunityScope>
      )}
    </Async>
  )
}

const crumbs = (community: Community) => [
  { label: 'Communities', href: '/communities' },
  { label: `${community.name}: meetings`, href: `/communities/${community.id}/meetings` },
]

function TrackerView(p: {
  detail: MeetingDetail
  community: Community
  confirmEnd: ReturnType<typeof signal<boolean>>
  onEnded: () => void
}) {
  const t = useMemo(() => trackerModel(p.detail), [p.detail.id])
  useEffect(() => {
    void t.sync()
    const timer = setInterval(() => void t.sync(), SYNC_EVERY_MS)
    const online = () => void t.sync()
    addEventListener('online', online)
    return () => {
      clearInterval(timer)
      removeEventListener('online', online)
    }
  }, [t])
  const ended = t.ended.value
  useEffect(() => {
    if (ended) p.onEnded()
  }, [ended])
  return (
    <Page title={p.detail.title} crumbs={crumbs(p.community)}>
      <SyncStatus t={t} />
      {t.ending.value ? (
        <p class="notice">
          Ending the meeting: its summary appears as soon as the last taps are sent.
        </p>
      ) : (
        <>
          <p class="hint tracker-hint">
            Tap a seat when someone starts speaking; tap it again when they stop (optional).
          </p>
          <SeatGrid t={t} />
          <BalanceBar t={t} />
          <div class="tracker-actions">
            <button
              type="button"
              class="button-secondary"
              onClick={t.undo}
              disabled={!t.canUndo.value}
            >
              Undo last tap
            </button>
            {p.confirmEnd.value ? (
              <span class="confirm-end" role="group" aria-label="End the meeting?">
                <button type="button" class="button-danger" onClick={() => void t.end()}>
                  Yes, end it
                </button>
                <button
                  type="button"
                  class="button-secondary"
                  onClick={() => (p.confirmEnd.value = false)}
                >
                  Keep going
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => (p.confirmEnd.value = true)}>
                End meeting
              </button>
            )}
          </div>
        </>
      )}
    </Page>
  )
}

/** Whether every tap has reached the server; taps wait on this device when it cannot. */
function SyncStatus({ t }: { t: Tracker }) {
  const pending = t.pending.value
  const status = t.status.value
  const text =
    status === 'refused'
      ? 'The server refused the last taps.'
      : pending === 0 && !t.ending.value
        ? 'All taps saved.'
        : status === 'waiting'
          ? `Offline: ${pending} ${pending === 1 ? 'change' : 'changes'} kept on this device, sent when the connection returns.`
          : `Sending ${pending} ${pending === 1 ? 'change' : 'changes'}…`
  return (
    <>
      <p class={`sync-status sync-${status}`}>{text}</p>
      {/* Announced only when taps stop reaching the server, not after every tap. */}
      <p class="visually-hidden" role="status">
        {status === 'waiting' ? 'No connection: taps are kept on this device.' : ''}
      </p>
      {t.dropped.value > 0 && (
        <p class="notice notice-warning">
          {t.dropped.value} {t.dropped.value === 1 ? 'tap was' : 'taps were'} refused by the server
          (timed outside the meeting) and left out.
        </p>
      )}
      {status === 'refused' && t.problem.value && (
        <Problem error={t.problem.value} retry={() => void t.sync()} />
      )}
    </>
  )
}

function SeatGrid({ t }: { t: Tracker }) {
  const counts = t.counts.value
  const speaking = t.speaking.value
  return (
    <div class="seat-grid" role="group" aria-label="Seats">
      {t.detail.labels.map((label, i) => {
        const seat = i + 1
        const n = counts[i]
        return (
          <button
            type="button"
            key={seat}
            class="seat"
            aria-pressed={speaking === seat}
            onClick={() => t.tap(seat)}
          >
            {/* Named "Seat AN 2 turns" from its text; pressed while that seat speaks. */}
            <span class="visually-hidden">Seat </span>
            <span class="seat-label">{label}</span>{' '}
            <span class="seat-count">
              {n} {n === 1 ? 'turn' : 'turns'}
            </span>
          </button>
        )
      })}
    </div>
  )
}

/** Each seat's share of the turns so far as one bar, and the balance in words for screen readers. */
function BalanceBar({ t }: { t: Tracker }) {
  const counts = t.counts.value
  const total = counts.reduce((a, b) => a + b, 0)
  const live = t.live.value
  return (
    <section class="balance" aria-labelledby="balance-heading">
      <h2 id="balance-heading">Balance so far</h2>
      <div class="balance-bar" aria-hidden="true">
        {total === 0 ? (
          <span class="balance-empty" />
        ) : (
          counts.map((n, i) =>
            n > 0 ? (
              <span
                key={i}
                class={`balance-seg seg-${i % 8}`}
                style={{ flexGrow: n }}
                title={t.detail.labels[i]}
              >
                {t.detail.labels[i]}
              </span>
            ) : null,
          )
        )}
      </div>
      <p class="balance-text" aria-live="polite">
        {live.summary}
      </p>
      <p class="balance-numbers">
        Gini {formatIndex(live.gini)} · top two {formatShare(live.topTwoShare)} · silent seats{' '}
        {live.silentSeats}
      </p>
    </section>
  )
}

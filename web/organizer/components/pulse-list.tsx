import type { Pulse } from '../api-types'
import { formatDateTime } from '../models/dates'
import { deletable, participation, pulseReason, statusLabels } from '../models/participation'
import type { Pulses } from '../models/pulses-model'

/** Participation as a native progress bar with the same numbers in words beside it. */
export function ParticipationBar({ pulse }: { pulse: Pulse }) {
  const view = participation(pulse)
  const id = `part-${pulse.id}`
  return (
    <div class="participation">
      {view.value !== undefined && (
        <progress
          id={id}
          value={view.value}
          max={view.max}
          aria-label="Participation"
          aria-valuetext={view.text}
          aria-describedby={view.note ? `${id}-note` : undefined}
        />
      )}
      <p class="participation-text">{view.text}</p>
      {view.note && (
        <p class="hint" id={`${id}-note`}>
          {view.note}
        </p>
      )}
    </div>
  )
}

interface PulseListProps {
  m: Pulses
  canAct: boolean
}

/**
 * The survey's pulses by quarter, newest first: the newest quarter (and any with a pulse still
 * to open or close) shown, older ones folded under their heading, so a year of weekly pulses
 * stays a short page.
 */
export function PulseList({ m, canAct }: PulseListProps) {
  const quarters = m.quarters.value
  if (quarters.length === 0) return <p class="empty">No pulses yet. Open the first one below.</p>
  return (
    <div class="pulse-quarters">
      {quarters.map((q) => (
        <details key={q.key} class="pulse-quarter" open={q.expanded}>
          <summary>
            <span class="quarter-label">{q.label}</span>{' '}
            <span class="quarter-summary">{q.summary}</span>
          </summary>
          <ol class="pulse-list" aria-label={`Pulses opening ${q.label}`}>
            {q.pulses.map((pulse) => (
              <PulseItem key={pulse.id} m={m} pulse={pulse} canAct={canAct} />
            ))}
          </ol>
        </details>
      ))}
    </div>
  )
}

/** One pulse: its state, times, privacy settings, participation and what can be done with it. */
function PulseItem({ m, pulse, canAct }: { m: Pulses; pulse: Pulse; canAct: boolean }) {
  const reason = pulseReason(pulse)
  const busy = m.busy.value === pulse.id
  const onClose = () => {
    const sure = confirm(
      'Close this pulse now? Members can no longer answer it. Its results are computed once, at closing, and its raw answers are then deleted.',
    )
    if (sure) void m.perform('close', pulse.id)
  }
  const onDelete = () => {
    const what =
      pulse.status === 'closed'
        ? 'Nobody was counted in it, so it has no results to keep.'
        : 'It has not opened, so nobody has been asked yet.'
    if (confirm(`Delete this pulse for good? ${what} Its messages to members go with it.`))
      void m.remove(pulse.id)
  }
  return (
    <li class={`pulse pulse-${pulse.status}`}>
      <div class="pulse-head">
        <span class={`badge badge-${pulse.status}`}>{statusLabels[pulse.status]}</span>
        {pulse.shared && <span class="badge badge-shared">Shared with members</span>}
        <span class="pulse-when">
          <time dateTime={pulse.opensAt}>{formatDateTime(pulse.opensAt)}</time>
          {' to '}
          <time dateTime={pulse.closesAt}>{formatDateTime(pulse.closesAt)}</time>
        </span>
      </div>
      <p class="pulse-privacy">
        Groups of {pulse.minGroupSize}+, comments from {pulse.minCommentGroupSize} respondents
        {pulse.privacyMode === 'noise' ? ', with noise' : ''}
      </p>
      {pulse.fingerprint && (
        <p class="pulse-fingerprint">
          Fingerprint <code>{pulse.fingerprint}</code>
          <span class="hint">
            {' '}
            Members see the same code on their page and in the chat message; another code means
            someone was shown a different pulse.
          </span>
        </p>
      )}
      {reason && <p class="pulse-reason">{reason}</p>}
      <div class="pulse-body">
        <ParticipationBar pulse={pulse} />
        <div class="actions">
          {pulse.status === 'closed' && <a href={`/pulses/${pulse.id}/report`}>Report</a>}
          {canAct && pulse.status === 'open' && (
            <button type="button" class="button-secondary" disabled={busy} onClick={onClose}>
              Close now
            </button>
          )}
          {canAct && pulse.status === 'closed' && (
            <button
              type="button"
              class="button-secondary"
              disabled={busy}
              onClick={() => void m.perform(pulse.shared ? 'unshare' : 'share', pulse.id)}
            >
              {pulse.shared ? 'Stop sharing results' : 'Share results with members'}
            </button>
          )}
          {canAct && deletable(pulse) && (
            <button type="button" class="button-danger-quiet" disabled={busy} onClick={onDelete}>
              Delete pulse
            </button>
          )}
        </div>
      </div>
    </li>
  )
}

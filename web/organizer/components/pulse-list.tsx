import type { Pulse } from '../api-types'
import { formatDateTime } from '../models/dates'
import { participation, pulseReason, statusLabels } from '../models/participation'
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

/** The survey's pulses, newest first, with their state, times, participation and actions. */
export function PulseList({ m, canAct }: PulseListProps) {
  const pulses = m.sorted.value
  if (pulses.length === 0) return <p class="empty">No pulses yet. Open the first one below.</p>
  const onClose = (pulse: Pulse) => {
    const sure = confirm(
      'Close this pulse now? Members can no longer answer it. Its results are computed once, at closing, and its raw answers are then deleted.',
    )
    if (sure) void m.perform('close', pulse.id)
  }
  return (
    <ol class="pulse-list">
      {pulses.map((pulse) => {
        const reason = pulseReason(pulse)
        const busy = m.busy.value === pulse.id
        return (
          <li key={pulse.id} class={`pulse pulse-${pulse.status}`}>
            <div class="pulse-head">
              <span class={`badge badge-${pulse.status}`}>{statusLabels[pulse.status]}</span>
              {pulse.shared && <span class="badge badge-shared">Shared with members</span>}
            </div>
            <dl class="facts">
              <dt>Opens</dt>
              <dd>
                <time dateTime={pulse.opensAt}>{formatDateTime(pulse.opensAt)}</time>
              </dd>
              <dt>Closes</dt>
              <dd>
                <time dateTime={pulse.closesAt}>{formatDateTime(pulse.closesAt)}</time>
              </dd>
              <dt>Privacy</dt>
              <dd>
                groups of {pulse.minGroupSize}+, comments from {pulse.minCommentGroupSize}{' '}
                respondents{pulse.privacyMode === 'noise' ? ', with noise' : ''}
              </dd>
            </dl>
            {reason && <p class="pulse-reason">{reason}</p>}
            <ParticipationBar pulse={pulse} />
            <div class="actions">
              {pulse.status === 'closed' && <a href={`/pulses/${pulse.id}/report`}>Report</a>}
              {canAct && pulse.status === 'open' && (
                <button
                  type="button"
                  class="button-secondary"
                  disabled={busy}
                  onClick={() => onClose(pulse)}
                >
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
            </div>
          </li>
        )
      })}
    </ol>
  )
}

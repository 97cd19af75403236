import { useModel } from '@preact/signals'
import type { Action, ActionStatus } from '../api-types'
import {
  ActionCardModel,
  followUpLine,
  formatDay,
  heardLine,
  statusLabels,
  statuses,
} from '../models/actions-model'
import { errorAt } from '../models/field-errors'
import { Field } from './field'
import { Problem } from './problem'

interface Props {
  action: Action
  /** The organizer may change it (else it is read only, for viewers). */
  edit: boolean
  onChange: (action: Action) => void
  onDelete: (action: Action) => void
}

/**
 * One action: what it answers, what will change, its status and dates, its updates and how its
 * follow-up question was answered; for organizers, a status change and a new update in place.
 */
export function ActionCard({ action, edit, onChange, onDelete }: Props) {
  const id = `action-${action.id}`
  return (
    <article class="action-card" aria-labelledby={`${id}-title`}>
      <header class="action-head">
        <h3 id={`${id}-title`}>{action.title}</h3>
        <span class={`badge status-${action.status.replace(' ', '-')}`}>
          {statusLabels[action.status]}
        </span>
        {action.draft && <span class="badge">Draft: not shown to members</span>}
      </header>
      <p class="meta">
        Answers {heardLine(action)} · {action.heard.survey.title}
      </p>
      {action.plan && <p class="action-plan">{action.plan}</p>}
      <Dates action={action} />
      {action.updates.length > 0 && (
        <>
          <h4>Updates</h4>
          <ol class="action-updates">
            {action.updates.map((u) => (
              <li key={u.id}>
                <time dateTime={u.date}>{formatDay(u.date)}</time>: {u.text}
              </li>
            ))}
          </ol>
        </>
      )}
      {action.followUps.length > 0 && <FollowUps action={action} />}
      {edit && <Changes action={action} onChange={onChange} onDelete={onDelete} />}
    </article>
  )
}

/** How its follow-up question was answered: the latest pulses, the rest one click away. */
function FollowUps({ action }: { action: Action }) {
  const points = action.followUps
  const latest = points.length > 4 ? points.slice(-3) : points
  const list = (shown: typeof points) => (
    <ul class="action-results">
      {shown.map((p) => (
        <li key={p.pulseId}>{followUpLine(p)}</li>
      ))}
    </ul>
  )
  return (
    <>
      <h4>Has it made a difference? (follow-up question)</h4>
      {list(latest)}
      {latest.length < points.length && (
        <details class="earlier-results">
          <summary>
            All {points.length} pulses that asked
            <span class="visually-hidden"> about {action.title}</span>
          </summary>
          {list(points)}
        </details>
      )}
    </>
  )
}

function Dates({ action }: { action: Action }) {
  const parts = [
    action.startedOn && `started ${formatDay(action.startedOn)}`,
    action.endedOn &&
      `${action.status === 'dropped' ? 'dropped' : 'done'} ${formatDay(action.endedOn)}`,
    action.targetDate && `target ${formatDay(action.targetDate)}`,
  ].filter(Boolean)
  return parts.length ? <p class="meta">{parts.join(' · ')}</p> : null
}

function Changes({ action, onChange, onDelete }: Omit<Props, 'edit'>) {
  const m = useModel(() => new ActionCardModel(action, onChange))
  const id = `action-${action.id}`
  const statusError = m.saveStatus.error.value
  const updateErrors = m.addUpdate.fieldErrors.value
  const updateError = m.addUpdate.error.value
  return (
    <div class="action-changes">
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          void m.saveStatus.run()
        }}
      >
        <label for={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={m.status.value}
          onChange={(e) => (m.status.value = e.currentTarget.value as ActionStatus)}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
        <button
          type="submit"
          class="button-secondary"
          disabled={m.saveStatus.pending.value || m.status.value === action.status}
        >
          Save status<span class="visually-hidden"> of {action.title}</span>
        </button>
      </form>
      {statusError && <Problem error={statusError} />}
      <form
        class="update-form"
        onSubmit={(e) => {
          e.preventDefault()
          void m.addUpdate.run()
        }}
        noValidate
      >
        <Field
          id={`${id}-update`}
          label={
            <>
              New update<span class="visually-hidden"> on {action.title}</span>
            </>
          }
          value={m.text}
          hint="A sentence or two on how it is going. Members see it."
          error={errorAt(updateErrors, 'text')}
        />
        <Field
          id={`${id}-update-date`}
          label="Date (default today)"
          type="date"
          value={m.date}
          error={errorAt(updateErrors, 'date')}
        />
        <button type="submit" class="button-secondary" disabled={m.addUpdate.pending.value}>
          Add update
        </button>
        {updateError && updateError.status !== 422 && <Problem error={updateError} />}
      </form>
      <p class="card-links">
        <a href={`/actions/${action.id}/edit`}>
          Edit<span class="visually-hidden"> {action.title}</span>
        </a>
        <button type="button" class="link-button danger" onClick={() => onDelete(action)}>
          Delete<span class="visually-hidden"> {action.title}</span>
        </button>
      </p>
    </div>
  )
}

import { useEffect } from 'preact/hooks'
import type { ChatKind, ReminderAudience } from '../api-types'
import type { DeliveryModel } from '../models/delivery-model'
import { errorAt } from '../models/field-errors'
import { Field } from './field'
import { Section } from './page'
import { Problem } from './problem'

type Model = InstanceType<typeof DeliveryModel>

const audiences: { value: ReminderAudience; label: string; explain: string }[] = [
  {
    value: 'everyone',
    label: 'Everyone',
    explain:
      'Every member of the pulse gets the same reminder. It says: “If you have already answered, thank you — nothing more to do.”',
  },
  { value: 'none', label: 'No reminder', explain: 'Members get only the “pulse is open” message.' },
]

/** The reminder settings and the chat webhooks of the Messages page (owners change them). */
export function DeliverySettingsSections({ m, owner }: { m: Model; owner: boolean }) {
  useEffect(() => m.fill(), [m.settings.data.value])
  const onSave = (e: Event) => {
    e.preventDefault()
    void m.saveReminders()
  }
  return (
    <>
      <Section title="Reminder">
        <form class="form" onSubmit={onSave}>
          {m.save.error.value && m.save.error.value.status !== 422 && (
            <Problem error={m.save.error.value} />
          )}
          <fieldset class="group" disabled={!owner} aria-describedby="audience-why">
            <legend>Who gets the one reminder before a pulse closes</legend>
            <p class="hint" id="audience-why">
              A reminder never singles anyone out: it goes to every member of the pulse or to no
              one. trustpulse does not know who answered, and never uses what a member’s device did
              to choose who is reminded.
            </p>
            {audiences.map((a) => (
              <div class="choice-row" key={a.value}>
                <input
                  type="radio"
                  id={`audience-${a.value}`}
                  name="reminder-audience"
                  checked={m.audience.value === a.value}
                  onChange={() => (m.audience.value = a.value)}
                  aria-describedby={`audience-${a.value}-hint`}
                />
                <label for={`audience-${a.value}`}>{a.label}</label>
                <p class="hint" id={`audience-${a.value}-hint`}>
                  {a.explain}
                </p>
              </div>
            ))}
          </fieldset>
          <Field
            id="reminder-lead"
            label="Hours before closing"
            type="number"
            min={1}
            max={336}
            value={m.leadHours}
            disabled={!owner}
            hint="Never in the first half of a pulse’s run."
            error={errorAt(m.save.fieldErrors.value, 'reminderLeadHours')}
          />
          {owner ? (
            <div class="actions">
              <button type="submit" disabled={m.save.pending}>
                {m.save.pending.value ? 'Saving…' : 'Save reminder settings'}
              </button>
            </div>
          ) : (
            <p class="hint">Only an owner can change these settings.</p>
          )}
        </form>
      </Section>
      <Section title="Chat">
        <p class="hint">
          Posts to a Slack or Microsoft Teams channel when a pulse opens (with the link to the
          member page) and when results are shared (participation and headline scores only). Webhook
          addresses are secrets: they are stored encrypted and only their end is shown.
        </p>
        {m.webhook.error.value && m.webhook.error.value.status !== 422 && (
          <Problem error={m.webhook.error.value} />
        )}
        {(['slack', 'teams'] as ChatKind[]).map((kind) => (
          <Webhook key={kind} m={m} kind={kind} owner={owner} />
        ))}
      </Section>
    </>
  )
}

function Webhook({ m, kind, owner }: { m: Model; kind: ChatKind; owner: boolean }) {
  const name = kind === 'slack' ? 'Slack' : 'Microsoft Teams'
  const current = m.settings.data.value?.chat[kind] ?? null
  const busy = m.webhook.pending.value && m.webhookKind.value === kind
  const onSave = (e: Event) => {
    e.preventDefault()
    void m.changeWebhook(kind, 'set')
  }
  return (
    <form class="form webhook" onSubmit={onSave} aria-label={`${name} webhook`}>
      <p>
        <strong>{name}:</strong> {current ? <code>{current}</code> : 'not connected'}
      </p>
      {owner && (
        <>
          <Field
            id={`webhook-${kind}`}
            label={
              current ? `Replace the ${name} webhook address` : `${name} incoming webhook address`
            }
            type="url"
            value={m.webhookInput[kind]}
            required
            error={
              m.webhookKind.value === kind ? errorAt(m.webhook.fieldErrors.value, 'url') : undefined
            }
          />
          <div class="actions">
            <button type="submit" disabled={busy}>
              Save<span class="visually-hidden"> the {name} webhook</span>
            </button>
            {current && (
              <>
                <button
                  type="button"
                  class="button-secondary"
                  disabled={busy}
                  onClick={() => m.changeWebhook(kind, 'test')}
                >
                  Send a test message<span class="visually-hidden"> to {name}</span>
                </button>
                <button
                  type="button"
                  class="button-danger-quiet"
                  disabled={busy}
                  onClick={() => m.changeWebhook(kind, 'remove')}
                >
                  Remove<span class="visually-hidden"> the {name} webhook</span>
                </button>
              </>
            )}
          </div>
        </>
      )}
    </form>
  )
}

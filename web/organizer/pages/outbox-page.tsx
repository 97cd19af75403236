import { useModel } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { ChatKind, Community, OutboxMessage, ReminderAudience } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { Field } from '../components/field'
import { Page, Section } from '../components/page'
import { Async, Problem } from '../components/problem'
import { formatDateTime } from '../models/dates'
import { DeliveryModel, kindLabels, statusLabels } from '../models/delivery-model'
import { errorAt } from '../models/field-errors'

export default function OutboxPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Outbox community={c} />}</CommunityScope>
}

type Model = InstanceType<typeof DeliveryModel>

function Outbox({ community }: { community: Community }) {
  const m = useModel(() => new DeliveryModel(community.id))
  const owner = community.role === 'owner'
  return (
    <Page
      title={`${community.name}: messages`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
      intro="Invitations, “a pulse is open”, one reminder before a pulse closes, and chat posts. Messages carry no tracking: no pixels, no click counting."
    >
      <Section title="Outbox">
        <Async of={m.outbox} label="Loading messages…">
          {(page) => (
            <>
              <p class="hint">
                {page.email
                  ? `Email is sent through ${page.email}; failures are retried with growing pauses and stay listed here.`
                  : 'Email is not configured on this server, so emails wait here: copy each message (or its link) and send it yourself. Copying an invitation forgets its key.'}
              </p>
              <MessageList m={m} emailConfigured={page.email !== null} />
            </>
          )}
        </Async>
      </Section>
      <Async of={m.settings} label="Loading settings…">
        {() => <Settings m={m} owner={owner} />}
      </Async>
    </Page>
  )
}

function MessageList({ m, emailConfigured }: { m: Model; emailConfigured: boolean }) {
  const list = m.messages.value
  if (list.length === 0) return <p>No messages yet. Importing members queues their invitations.</p>
  return (
    <>
      {m.act.error.value && <Problem error={m.act.error.value} />}
      <ul class="outbox-list">
        {list.map((message) => (
          <MessageItem
            key={message.id}
            m={m}
            message={message}
            canRetry={emailConfigured || message.channel !== 'email'}
          />
        ))}
      </ul>
      {m.next.value && (
        <button
          type="button"
          class="button-secondary"
          disabled={m.more.pending}
          onClick={() => m.loadMore()}
        >
          {m.more.pending.value ? 'Loading…' : 'Show older messages'}
        </button>
      )}
    </>
  )
}

function MessageItem({
  m,
  message,
  canRetry,
}: {
  m: Model
  message: OutboxMessage
  canRetry: boolean
}) {
  const where =
    message.channel === 'email'
      ? message.recipient
      : `${message.channel === 'slack' ? 'Slack' : 'Teams'} (${message.recipient})`
  // Without an email provider, retrying an email would only wait again.
  const retryable = canRetry && (message.status === 'queued' || message.status === 'failed')
  const titleId = `message-${message.id}`
  return (
    <li class="outbox-item" aria-labelledby={titleId}>
      <p id={titleId} class="outbox-head">
        <strong>{kindLabels[message.kind]}</strong> to {where}{' '}
        <span class={`badge badge-${message.status}`}>{statusLabels[message.status]}</span>
      </p>
      <p class="hint">
        Queued {formatDateTime(message.createdAt)}
        {message.sentAt && `, sent ${formatDateTime(message.sentAt)}`}
        {message.attempts > 0 &&
          ` · ${message.attempts} attempt${message.attempts === 1 ? '' : 's'}`}
        {message.nextAttemptAt &&
          message.status === 'failed' &&
          ` · next try ${formatDateTime(message.nextAttemptAt)}`}
      </p>
      {message.error && <p class="outbox-error">Reason: {message.error}</p>}
      <details>
        <summary>Show the message</summary>
        <pre class="outbox-text">
          {message.channel === 'email'
            ? `Subject: ${message.subject}\n\n${message.text}`
            : message.text}
        </pre>
      </details>
      <div class="actions">
        <button
          type="button"
          class="button-secondary button-small"
          onClick={() => m.copyMessage(message)}
        >
          Copy message<span class="visually-hidden"> to {where}</span>
        </button>
        {message.link && (
          <button
            type="button"
            class="button-secondary button-small"
            onClick={() => m.copyLink(message)}
          >
            Copy link<span class="visually-hidden"> for {where}</span>
          </button>
        )}
        {retryable && (
          <button
            type="button"
            class="button-secondary button-small"
            disabled={m.act.pending}
            onClick={() => m.retry(message)}
          >
            Retry now<span class="visually-hidden"> for {where}</span>
          </button>
        )}
      </div>
    </li>
  )
}

const audiences: { value: ReminderAudience; label: string; explain: string }[] = [
  {
    value: 'everyone',
    label: 'Everyone',
    explain:
      'Every member of the pulse gets the same reminder. It says: “If you have already answered, thank you — nothing more to do.”',
  },
  { value: 'none', label: 'No reminder', explain: 'Members get only the “pulse is open” message.' },
]

function Settings({ m, owner }: { m: Model; owner: boolean }) {
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

import { useModel } from '@preact/signals'
import type { Community, OutboxMessage } from '../api-types'
import { CommunityScope } from '../components/community-scope'
import { DeliverySettingsSections } from '../components/delivery-settings'
import { Page, Section } from '../components/page'
import { Async, Problem } from '../components/problem'
import { formatDateTime } from '../models/dates'
import { DeliveryModel } from '../models/delivery-model'
import {
  kindChoices,
  kindLabels,
  OutboxModel,
  statusChoices,
  statusLabels,
  waitingWords,
} from '../models/outbox-model'

export default function OutboxPage({ params }: { params: { cid: string } }) {
  return <CommunityScope cid={params.cid}>{(c) => <Outbox community={c} />}</CommunityScope>
}

type Model = InstanceType<typeof OutboxModel>

function Outbox({ community }: { community: Community }) {
  const m = useModel(() => new OutboxModel(community.id))
  const settings = useModel(() => new DeliveryModel(community.id))
  const email = m.outbox.data.value?.email
  return (
    <Page
      title={`${community.name}: messages`}
      crumbs={[{ label: 'Communities', href: '/communities' }]}
      intro="Invitations, “a pulse is open”, one reminder before a pulse closes, and chat posts. Messages carry no tracking: no pixels, no click counting."
    >
      <Section title="Outbox">
        {m.outbox.data.value && (
          <p class="hint">
            {email
              ? `Email is sent through ${email}; failures are retried with growing pauses and stay listed here.`
              : 'Email is not configured on this server, so emails wait here: copy each message (or its link), or all of them at once, and send them yourself. Copying an invitation forgets its key.'}
          </p>
        )}
        <HandOver m={m} />
        <Filters m={m} />
        <Async of={m.outbox} label="Loading messages…">
          {() => <MessageList m={m} emailConfigured={!!email} />}
        </Async>
      </Section>
      <Async of={settings.settings} label="Loading settings…">
        {() => <DeliverySettingsSections m={settings} owner={community.role === 'owner'} />}
      </Async>
    </Page>
  )
}

/** Every waiting email at once: one text to paste, or CSV for a mail merge. */
function HandOver({ m }: { m: Model }) {
  const n = m.waiting.value
  const busy = m.handover.pending.value
  const words = waitingWords(n, m.kind.value)
  if (n === 0 && !m.unclipped.value) return null
  return (
    <div class="outbox-handover" role="group" aria-labelledby="handover-title">
      <p id="handover-title" class="outbox-head">
        <strong>{words}</strong> to send by hand
      </p>
      {m.handover.error.value && <Problem error={m.handover.error.value} />}
      {n > 0 && (
        <>
          <p class="hint">
            Each is exactly what its member should receive: the address, the subject and the text
            with their own links. Both buttons mark them as copied by hand and forget the
            invitations’ keys, so send them right away.
          </p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => m.copyAll()}>
              Copy all {words}
            </button>
            <button
              type="button"
              class="button-secondary"
              disabled={busy}
              onClick={() => m.downloadCsv()}
            >
              Download CSV for a mail merge
            </button>
          </div>
        </>
      )}
      {m.unclipped.value && (
        <div class="field">
          <label for="handover-text">
            The clipboard refused the text: select it here and copy it
          </label>
          <textarea id="handover-text" readOnly rows={8} value={m.unclipped.value} />
        </div>
      )}
    </div>
  )
}

function Filters({ m }: { m: Model }) {
  return (
    <div class="outbox-filters" role="group" aria-label="Filter messages">
      <div class="field">
        <label for="outbox-status">Show</label>
        <select
          id="outbox-status"
          value={m.status.value}
          onChange={(e) => m.filter('status', e.currentTarget.value)}
        >
          {statusChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="outbox-kind">Kind</label>
        <select
          id="outbox-kind"
          value={m.kind.value}
          onChange={(e) => m.filter('kind', e.currentTarget.value)}
        >
          {kindChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}

function MessageList({ m, emailConfigured }: { m: Model; emailConfigured: boolean }) {
  const list = m.messages.value
  const filtered = m.status.value !== '' || m.kind.value !== ''
  if (list.length === 0)
    return filtered ? (
      <p class="empty">No messages match these filters.</p>
    ) : (
      <p class="empty">No messages yet. Importing members queues their invitations.</p>
    )
  return (
    <>
      {m.act.error.value && <Problem error={m.act.error.value} />}
      <p class="hint">
        {list.length} message{list.length === 1 ? '' : 's'} shown
        {m.next.value ? ', older ones below' : ''}.
      </p>
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
  const skipped = message.status === 'skipped'
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
        <summary>
          Show the message<span class="visually-hidden"> to {where}</span>
        </summary>
        <pre class="outbox-text">
          {message.channel === 'email'
            ? `Subject: ${message.subject}\n\n${message.text}`
            : message.text}
        </pre>
      </details>
      {message.cannotCopy && !skipped && (
        <p class="hint outbox-uncopyable">Cannot copy. {message.cannotCopy}</p>
      )}
      {(!message.cannotCopy || retryable) && (
        <div class="actions">
          {!message.cannotCopy && (
            <button
              type="button"
              class="button-secondary button-small"
              onClick={() => m.copyMessage(message)}
            >
              Copy message<span class="visually-hidden"> to {where}</span>
            </button>
          )}
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
      )}
    </li>
  )
}

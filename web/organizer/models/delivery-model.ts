import { createModel, signal, type Signal } from '@preact/signals'
import * as api from '../api'
import type { ChatKind, OutboxMessage, ReminderAudience } from '../api-types'
import { copyText } from '../components/copy-button'
import { announce } from './announce'
import { mutation } from './mutation'
import { resource } from './resource'

/** The words for a message's kind and status, as the outbox shows them. */
export const kindLabels: Record<OutboxMessage['kind'], string> = {
  invite: 'Invitation',
  'pulse-open': 'Pulse is open',
  reminder: 'Reminder',
  results: 'Results shared',
}
export const statusLabels: Record<OutboxMessage['status'], string> = {
  queued: 'Waiting',
  sent: 'Sent',
  failed: 'Failed, will retry',
  copied: 'Copied by hand',
  skipped: 'Not sent',
}

/**
 * A community's outbox (pages of messages, copy, retry) and its delivery settings (reminder
 * audience and lead time, Slack and Teams webhooks).
 */
export const DeliveryModel = createModel((cid: string) => {
  const messages = signal<OutboxMessage[]>([])
  const next = signal<string | undefined>(undefined)
  const outbox = resource(async () => {
    const page = await api.listOutbox(cid)
    messages.value = page.messages
    next.value = page.next
    return page
  })
  const more = mutation(() => api.listOutbox(cid, next.value))
  const act = mutation((id: string, what: 'retry' | 'copied') =>
    what === 'retry' ? api.retryMessage(cid, id) : api.markCopied(cid, id),
  )
  const settings = resource(() => api.getDelivery(cid))
  const audience = signal<ReminderAudience>('everyone')
  const leadHours = signal('24')
  const save = mutation(() =>
    api.saveDelivery(cid, {
      reminderAudience: audience.value,
      reminderLeadHours: Number(leadHours.value),
    }),
  )
  const webhookInput: Record<ChatKind, Signal<string>> = { slack: signal(''), teams: signal('') }
  const webhook = mutation(async (kind: ChatKind, op: 'set' | 'remove' | 'test') => {
    if (op === 'set') return api.setWebhook(cid, kind, webhookInput[kind].value.trim())
    if (op === 'remove') return api.removeWebhook(cid, kind)
    return api.testWebhook(cid, kind)
  })
  const webhookKind = signal<ChatKind | undefined>(undefined)

  const replace = (updated: OutboxMessage) =>
    (messages.value = messages.value.map((m) => (m.id === updated.id ? updated : m)))

  return {
    outbox,
    messages,
    next,
    more,
    act,
    settings,
    audience,
    leadHours,
    save,
    webhookInput,
    webhook,
    webhookKind,

    async loadMore() {
      const page = await more.run()
      if (!page) return
      messages.value = [...messages.value, ...page.messages]
      next.value = page.next
    },

    /** Copies the message (subject and text); a waiting email is then marked copied by hand. */
    async copyMessage(m: OutboxMessage) {
      const ok = await copyText(
        m.channel === 'email' ? `Subject: ${m.subject}\n\n${m.text}` : m.text,
      )
      if (!ok) return announce('Could not copy. Select the message and copy it yourself.')
      if (
        m.channel === 'email' &&
        (m.status === 'queued' || m.status === 'failed' || m.status === 'skipped')
      ) {
        const updated = await act.run(m.id, 'copied')
        if (updated) replace(updated)
      }
      announce(`Message to ${m.recipient} copied`)
    },

    /** Copies the message's link (an invitation's own link, or the member page). */
    async copyLink(m: OutboxMessage) {
      if (!m.link) return
      const ok = await copyText(m.link)
      if (!ok) return announce('Could not copy. Open the message and copy the link yourself.')
      if (m.kind === 'invite' && (m.status === 'queued' || m.status === 'failed')) {
        const updated = await act.run(m.id, 'copied')
        if (updated) replace(updated)
      }
      announce(`Link for ${m.recipient} copied`)
    },

    async retry(m: OutboxMessage) {
      const updated = await act.run(m.id, 'retry')
      if (updated) {
        replace(updated)
        announce(`Message to ${m.recipient} will be sent again`)
      }
    },

    /** Puts the loaded settings into the form. */
    fill() {
      const s = settings.data.value
      if (!s) return
      audience.value = s.reminderAudience
      leadHours.value = String(s.reminderLeadHours)
    },

    async saveReminders() {
      const saved = await save.run()
      if (saved) {
        settings.set(saved)
        announce('Reminder settings saved')
      }
    },

    async changeWebhook(kind: ChatKind, op: 'set' | 'remove' | 'test') {
      webhookKind.value = kind
      const done = await webhook.run(kind, op)
      if (webhook.error.value) return
      const name = kind === 'slack' ? 'Slack' : 'Teams'
      if (op === 'test') return announce(`Test message delivered to ${name}`)
      webhookInput[kind].value = ''
      const s = settings.data.value
      if (s)
        settings.set({
          ...s,
          chat: { ...s.chat, [kind]: op === 'set' ? (done as { url: string }).url : null },
        })
      announce(op === 'set' ? `${name} webhook saved` : `${name} webhook removed`)
    },
  }
})

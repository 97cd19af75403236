import { createModel, signal, type Signal } from '@preact/signals'
import * as api from '../api'
import type { ChatKind, ReminderAudience } from '../api-types'
import { announce } from './announce'
import { mutation } from './mutation'
import { resource } from './resource'

/**
 * A community's delivery settings: reminder audience and lead time, Slack and Teams webhooks.
 * The outbox itself is OutboxModel's.
 */
export const DeliveryModel = createModel((cid: string) => {
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

  return {
    settings,
    audience,
    leadHours,
    save,
    webhookInput,
    webhook,
    webhookKind,

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

import { createModel, signal } from '@preact/signals'
import * as api from '../api'
import type { MessageKind, OutboxMessage, OutboxStatusFilter } from '../api-types'
import { copyText, downloadText } from '../components/copy-button'
import { announce } from './announce'
import { mutation } from './mutation'
import { resource } from './resource'

/** The words for a message's kind and status, as the outbox shows them. */
export const kindLabels: Record<MessageKind, string> = {
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
/** The filters' choices; '' is "all". */
export const statusChoices: { value: OutboxStatusFilter | ''; label: string }[] = [
  { value: '', label: 'All messages' },
  { value: 'waiting', label: 'Waiting (to send or copy)' },
  { value: 'failed', label: 'Failed' },
  { value: 'sent', label: 'Sent' },
  { value: 'copied', label: 'Copied by hand' },
  { value: 'skipped', label: 'Not sent (no longer applies)' },
]
export const kindChoices: { value: MessageKind | ''; label: string }[] = [
  { value: '', label: 'All kinds' },
  { value: 'invite', label: 'Invitations' },
  { value: 'pulse-open', label: 'Pulse is open' },
  { value: 'reminder', label: 'Reminders' },
  { value: 'results', label: 'Results shared (chat)' },
]
/** "25 waiting invitations", "1 waiting email". */
export function waitingWords(n: number, kind: MessageKind | ''): string {
  const one: Record<MessageKind | '', string> = {
    '': 'email',
    invite: 'invitation',
    'pulse-open': '“pulse is open” email',
    reminder: 'reminder',
    results: 'email',
  }
  return `${n} waiting ${one[kind]}${n === 1 ? '' : 's'}`
}

const isWaiting = (m: OutboxMessage) => m.status === 'queued' || m.status === 'failed'

/**
 * A community's outbox: pages of messages filtered by status and kind on the server, copying one
 * message or its link, handing every waiting email over at once (one text, or CSV), and retries.
 */
export const OutboxModel = createModel((cid: string) => {
  const status = signal<OutboxStatusFilter | ''>('')
  const kind = signal<MessageKind | ''>('')
  const messages = signal<OutboxMessage[]>([])
  const next = signal<string | undefined>(undefined)
  const waiting = signal(0)
  /** The last handed-over text that did not reach the clipboard: shown to select by hand. */
  const unclipped = signal<string | undefined>(undefined)
  const filters = () => ({ status: status.value || undefined, kind: kind.value || undefined })

  const outbox = resource(async () => {
    const asked = filters()
    const page = await api.listOutbox(cid, asked)
    // An answer for filters changed meanwhile is dropped: the newer request fills the list.
    if (asked.status !== filters().status || asked.kind !== filters().kind) return page
    messages.value = page.messages
    next.value = page.next
    waiting.value = page.waiting
    return page
  })
  const more = mutation(() => api.listOutbox(cid, { ...filters(), cursor: next.value }))
  const act = mutation((id: string, what: 'retry' | 'copied') =>
    what === 'retry' ? api.retryMessage(cid, id) : api.markCopied(cid, id),
  )
  const handover = mutation((format: 'text' | 'csv') =>
    api.handOver(cid, { format, kind: kind.value || undefined }),
  )

  const replace = (updated: OutboxMessage) => {
    messages.value = messages.value.map((m) => (m.id === updated.id ? updated : m))
    if (updated.channel === 'email' && !isWaiting(updated)) waiting.value = waiting.value - 1
  }

  return {
    outbox,
    status,
    kind,
    messages,
    next,
    waiting,
    more,
    act,
    handover,
    unclipped,

    /** Shows another status or kind: the server filters, so paging stays within the filter. */
    filter(which: 'status' | 'kind', value: string) {
      if (which === 'status') status.value = value as OutboxStatusFilter | ''
      else kind.value = value as MessageKind | ''
      unclipped.value = undefined
      void outbox.reload()
    },

    async loadMore() {
      const page = await more.run()
      if (!page) return
      messages.value = [...messages.value, ...page.messages]
      next.value = page.next
    },

    /**
     * Copies the message exactly as its recipient gets it (an email with its subject); a waiting
     * email is then marked copied by hand. A message that cannot be copied is never copied.
     */
    async copyMessage(m: OutboxMessage) {
      if (m.cannotCopy) return announce(`Cannot copy. ${m.cannotCopy}`)
      const ok = await copyText(
        m.channel === 'email' ? `Subject: ${m.subject}\n\n${m.text}` : m.text,
      )
      if (!ok) return announce('Could not copy. Select the message and copy it yourself.')
      if (m.channel === 'email' && isWaiting(m)) {
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
      if (m.kind === 'invite' && isWaiting(m)) {
        const updated = await act.run(m.id, 'copied')
        if (updated) replace(updated)
      }
      announce(`Link for ${m.recipient} copied`)
    },

    /**
     * Copies every waiting email (of the kind shown) as one text: each address, subject and
     * message. The server marks them copied as it hands them over, so a text the clipboard
     * refused is shown to copy by hand rather than lost.
     */
    async copyAll() {
      unclipped.value = undefined
      const done = await handover.run('text')
      if (!done) return
      if (await copyText(done.text)) {
        announce(`${done.count} messages copied and marked as copied by hand`)
      } else {
        unclipped.value = done.text
        announce('Could not copy. The messages are shown below: select them and copy them.')
      }
      await outbox.reload()
    },

    /** Downloads every waiting email (of the kind shown) as CSV for a mail merge. */
    async downloadCsv() {
      unclipped.value = undefined
      const done = await handover.run('csv')
      if (!done) return
      const day = new Date().toISOString().slice(0, 10)
      downloadText(`messages-${kind.value || 'all'}-${day}.csv`, done.text)
      announce(`${done.count} messages downloaded as CSV and marked as copied by hand`)
      await outbox.reload()
    },

    async retry(m: OutboxMessage) {
      const updated = await act.run(m.id, 'retry')
      if (updated) {
        replace(updated)
        announce(`Message to ${m.recipient} will be sent again`)
      }
    },
  }
})

import { computed, signal, type Signal } from '@preact/signals'
import * as api from '../api'
import type { Thread, Threads } from '../api-types'
import { announce } from './announce'
import { mutation, type Mutation } from './mutation'
import { resource, type Resource } from './resource'

/** The forms of one thread: a reply, and hiding the comment or one of its posts. */
export interface ThreadForms {
  draft: Signal<string>
  reason: Signal<string>
  /** What to hide: '' the comment, else a post's position. */
  target: Signal<string>
  reply: Mutation<[], Thread>
  hide: Mutation<[position?: number], Thread>
}

export interface ThreadsModel {
  threads: Resource<Threads>
  /** Loads the threads the first time they are wanted. */
  want: () => void
  /** The threads on one text question's comments, in the server's (random, stable) order. */
  of: (questionId: string) => Thread[]
  formsFor: (threadId: string) => ThreadForms
}

/**
 * A pulse's threads on its released comments (docs/api.md, "Threads"), read once for every text
 * question, with each thread's forms: organizers reply, or hide a comment or post that breaks the
 * community's rules (the reason is shown in its place). A change answers the thread as it now
 * stands, which replaces the one shown.
 */
export function threadsModel(pid: string): ThreadsModel {
  const threads = resource(() => api.getThreads(pid), { lazy: true })
  const byQuestion = computed(() => {
    const out = new Map<string, Thread[]>()
    for (const t of threads.data.value?.threads ?? [])
      out.set(t.questionId, [...(out.get(t.questionId) ?? []), t])
    return out
  })
  const replace = (updated: Thread) => {
    const data = threads.data.value
    if (data)
      threads.set({
        ...data,
        threads: data.threads.map((t) => (t.id === updated.id ? updated : t)),
      })
  }
  const forms = new Map<string, ThreadForms>()

  function formsFor(threadId: string): ThreadForms {
    let found = forms.get(threadId)
    if (found) return found
    const draft = signal('')
    const reason = signal('')
    const target = signal('')
    const reply = mutation(async () => {
      const updated = await api.replyToComment(pid, threadId, draft.value)
      replace(updated)
      draft.value = ''
      announce('Reply added')
      return updated
    })
    const hide = mutation(async (position?: number) => {
      const updated = await api.hideInThread(pid, threadId, reason.value, position)
      replace(updated)
      reason.value = ''
      announce(position === undefined ? 'Comment hidden' : 'Post hidden')
      return updated
    })
    forms.set(threadId, (found = { draft, reason, target, reply, hide }))
    return found
  }

  return {
    threads,
    want: () => {
      if (!threads.data.value && !threads.loading.value && !threads.error.value)
        void threads.reload()
    },
    of: (questionId) => byQuestion.value.get(questionId) ?? [],
    formsFor,
  }
}

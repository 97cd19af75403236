import { signal, type Signal } from '@preact/signals'
import { maskEmails } from '../../api/reports/redact'
import type { Thread, Threads } from '../../api/threads/view'
import { api, store } from './app-state'
import { t, tn } from './i18n'
import { forgetComments, runQueue, whenQueueSent } from './reply-secrets'
import {
  cancelFollowUp,
  followUpState,
  mineOf,
  queueFollowUp,
  type FollowUpState,
} from './threads-model'

// A shared pulse's comments with their threads (docs/api.md, "Threads"), loaded when the member
// opens the comments. Every device fetches the same threads the same way; this one marks the
// comments it wrote by their reply hashes, which only it can do, and lets the member answer back.

type Loaded = { threads: Threads; mine: Map<string, string> }
type State = Loaded | 'loading' | 'failed'

const loaded = new Map<string, Signal<State | undefined>>()
/** Bumped when the device's own reply state changes, so what depends on it is shown again. */
const version = signal(0)
const drafts = new Map<string, Signal<string>>()
const draftOf = (id: string) => drafts.get(id) ?? (drafts.set(id, signal('')), drafts.get(id)!)

/** The pulse's threads, fetched once per page (a failed fetch is tried again when reopened). */
function stateOf(pid: string): Signal<State | undefined> {
  let s = loaded.get(pid)
  if (!s) loaded.set(pid, (s = signal<State | undefined>(undefined)))
  if (s.value === undefined || s.value === 'failed') {
    const state = s
    state.value = 'loading'
    api.threads(pid).then(
      async (threads) =>
        (state.value = { threads, mine: await mineOf(store, pid, threads.threads) }),
      () => (state.value = 'failed'),
    )
  }
  return s
}

const changed = () => {
  version.value++
  runQueue(api, store)
}
whenQueueSent(() => version.value++)

function Post({ by, text, hidden, mine }: Thread['posts'][number] & { mine: boolean }) {
  const who = by === 'organizers' ? t('th.organizers') : mine ? t('th.you') : t('th.writer')
  return (
    <li class={`thread-post thread-${by}`}>
      <span class="thread-by">{who}</span>
      {hidden ? <em>{t('th.hidden', { r: hidden.reason })}</em> : text}
    </li>
  )
}

/** Answering back to one's own comment: the warning first, then the text, queued on send. */
function AnswerBack({
  thread,
  secret,
  state,
}: {
  thread: Thread
  secret: string
  state: FollowUpState
}) {
  if (state?.kind === 'queued')
    return (
      <div class="notice" role="status">
        <p>{t('th.queued')}</p>
        <blockquote>{maskEmails(state.text)}</blockquote>
        <button type="button" onClick={() => (cancelFollowUp(store, thread.id), changed())}>
          {t('th.cancel')}
        </button>
      </div>
    )
  if (state?.kind === 'sent')
    return (
      <p class="notice success" role="status">
        {t('th.sent')}
      </p>
    )
  const draft = draftOf(thread.id)
  const id = `fu-${thread.id}`
  const send = (e: Event) => {
    e.preventDefault()
    const text = draft.value.trim()
    if (!text) return
    queueFollowUp(store, thread, secret, text)
    draft.value = ''
    changed()
  }
  return (
    <>
      {state?.kind === 'refused' && (
        <p class="notice warning" role="alert">
          {t('th.refused', { r: state.reason })}
        </p>
      )}
      <details class="answer-back">
        <summary>{t('th.answer')}</summary>
        <form onSubmit={send}>
          <p class="notice warning" id={`${id}-w`}>
            {t('th.style')}
          </p>
          <label for={id}>{t('th.label')}</label>
          <textarea
            id={id}
            rows={3}
            maxLength={2000}
            aria-describedby={`${id}-w ${id}-h`}
            value={draft.value}
            onInput={(e) => (draft.value = e.currentTarget.value)}
          />
          <p class="meta" id={`${id}-h`}>
            {t('th.how')}
          </p>
          <button type="submit" class="primary" disabled={!draft.value.trim()}>
            {t('th.send')}
          </button>
        </form>
      </details>
    </>
  )
}

function ThreadItem({ thread, secret }: { thread: Thread; secret?: string }) {
  void version.value
  const mine = secret !== undefined
  return (
    <li class={mine ? 'thread mine' : 'thread'}>
      {mine && <p class="thread-mark">{t('th.mine')}</p>}
      <p class="thread-comment">
        {thread.hidden ? <em>{t('th.hidden', { r: thread.hidden.reason })}</em> : thread.text}
      </p>
      {thread.posts.length > 0 && (
        <ol class="thread-posts" aria-label={t('th.replies')}>
          {thread.posts.map((p) => (
            <Post key={p.position} {...p} mine={mine} />
          ))}
        </ol>
      )}
      {mine && !thread.hidden && (
        <AnswerBack thread={thread} secret={secret} state={followUpState(store, thread)} />
      )}
    </li>
  )
}

/** "Forget my comments": this device then no longer knows which comments are the member's. */
function Forget({ pid }: { pid: string }) {
  const asking = draftOf(`forget-${pid}`)
  return (
    <div class="forget">
      <p class="meta">{t('th.device')}</p>
      {asking.value ? (
        <p>
          {t('th.forgetSure')}{' '}
          <button
            type="button"
            onClick={() => {
              forgetComments(store)
              for (const s of loaded.values())
                if (s.value && typeof s.value === 'object')
                  s.value = { ...s.value, mine: new Map() }
              asking.value = ''
              changed()
            }}
          >
            {t('th.forgetYes')}
          </button>{' '}
          <button type="button" onClick={() => (asking.value = '')}>
            {t('th.keep')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => (asking.value = 'yes')}>
          {t('th.forget')}
        </button>
      )}
    </div>
  )
}

/**
 * A text question's released comments with their threads, as every member of the community
 * sees them; the member's own marked, with a way to answer back.
 */
export function ThreadsView({
  pid,
  questionId,
  k,
}: {
  pid: string
  questionId: string
  k: number
}) {
  const state = stateOf(pid).value
  if (state === undefined || state === 'loading') return <p role="status">{t('r.cLoading')}</p>
  if (state === 'failed') return <p role="alert">{t('r.cFailed')}</p>
  if (!state.threads.released) return <p>{t('r.cHidden', { c: k })}</p>
  const threads = state.threads.threads.filter((th) => th.questionId === questionId)
  if (threads.length === 0) return <p>{t('r.cNone')}</p>
  return (
    <>
      <p class="meta">{tn('r.cNote', threads.length)}</p>
      <ul class="shared-comments threads">
        {threads.map((th) => (
          <ThreadItem key={th.id} thread={th} secret={state.mine.get(th.id)} />
        ))}
      </ul>
      {threads.some((th) => state.mine.has(th.id)) && <Forget pid={pid} />}
    </>
  )
}

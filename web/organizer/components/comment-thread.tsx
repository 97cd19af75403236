import type { Thread, ThreadPost } from '../api-types'
import type { ThreadsModel } from '../models/threads-model'
import { Field } from './field'
import { Problem } from './problem'

const hiddenText = (reason: string) => `Hidden by the organizers: ${reason}`

/** A post of a thread: who wrote it (the organizers, or the comment's author), or why it is hidden. */
function Post({ post }: { post: ThreadPost }) {
  return (
    <li class={`thread-post thread-${post.by}`}>
      <span class="thread-by">
        {post.by === 'organizers' ? 'Organizers' : 'The writer of this comment'}
      </span>
      {post.hidden ? <em class="hidden-note">{hiddenText(post.hidden.reason)}</em> : post.text}
    </li>
  )
}

/** Replying and hiding, for organizers: two small forms that open one at a time. */
function Moderation({ m, thread, id }: { m: ThreadsModel; thread: Thread; id: string }) {
  const f = m.formsFor(thread.id)
  const hideTargets = [
    ...(thread.hidden ? [] : [{ value: '', label: 'the comment' }]),
    ...thread.posts
      .filter((p) => !p.hidden)
      .map((p) => ({ value: String(p.position), label: `post ${p.position}` })),
  ]
  const target = hideTargets.some((t) => t.value === f.target.value)
    ? f.target.value
    : (hideTargets[0]?.value ?? '')
  return (
    <div class="thread-actions">
      {!thread.hidden && (
        <details>
          <summary>Reply</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              const details = e.currentTarget.closest('details')
              void f.reply.run().then((done) => done && details?.removeAttribute('open'))
            }}
          >
            <Field
              id={`${id}-reply`}
              label="Your reply"
              value={f.draft}
              multiline
              required
              hint="Members see it with this comment wherever the results are shared; the writer can answer back without being known. Names and emails known to trustpulse are redacted."
              error={f.reply.fieldErrors.value.text}
            />
            {f.reply.error.value && !f.reply.fieldErrors.value.text && (
              <Problem error={f.reply.error.value} />
            )}
            <button type="submit" disabled={f.reply.pending.value}>
              Send reply
            </button>
          </form>
        </details>
      )}
      {hideTargets.length > 0 && (
        <details>
          <summary>Hide…</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              const details = e.currentTarget.closest('details')
              void f.hide
                .run(target === '' ? undefined : Number(target))
                .then((done) => done && details?.removeAttribute('open'))
            }}
          >
            {hideTargets.length > 1 && (
              <label>
                What to hide{' '}
                <select value={target} onChange={(e) => (f.target.value = e.currentTarget.value)}>
                  {hideTargets.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <Field
              id={`${id}-reason`}
              label="Why (shown in its place)"
              value={f.reason}
              required
              hint="For text that breaks the community's rules. Its words are deleted for good."
              error={f.hide.fieldErrors.value.reason}
            />
            {f.hide.error.value && !f.hide.fieldErrors.value.reason && (
              <Problem error={f.hide.error.value} />
            )}
            <button type="submit" class="button-danger" disabled={f.hide.pending.value}>
              Hide
            </button>
          </form>
        </details>
      )}
    </div>
  )
}

/** A released comment with its thread, and for organizers the forms to reply and hide. */
export function CommentThread(props: {
  m: ThreadsModel
  thread: Thread
  id: string
  canModerate: boolean
}) {
  const { m, thread, id, canModerate } = props
  return (
    <li class="thread" aria-labelledby={`${id}-c`}>
      <p id={`${id}-c`} class="thread-comment">
        {thread.hidden ? (
          <em class="hidden-note">{hiddenText(thread.hidden.reason)}</em>
        ) : (
          thread.text
        )}
      </p>
      {thread.posts.length > 0 && (
        <ol class="thread-posts" aria-label="Replies">
          {thread.posts.map((p) => (
            <Post key={p.position} post={p} />
          ))}
        </ol>
      )}
      {canModerate && <Moderation m={m} thread={thread} id={id} />}
    </li>
  )
}

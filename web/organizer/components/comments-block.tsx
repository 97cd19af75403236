import { useEffect } from 'preact/hooks'
import type { Pulse, Question } from '../api-types'
import type { PulseReport } from '../models/report-model'
import { CommentThread } from './comment-thread'
import { Async } from './problem'

interface Props {
  m: PulseReport
  question: Question
  number: number
  pulse: Pulse
}

/**
 * A text question's comments, each with its thread (organizers' replies, the writer's answers),
 * never tied to a group; or why there are none to show (still open, or too few respondents to
 * keep a writer anonymous). Organizers reply and hide; viewers read.
 */
export function CommentsBlock({ m, question, number, pulse }: Props) {
  const id = `c-${question.id}`
  const min = pulse.minCommentGroupSize
  useEffect(() => m.threads.want(), [m])
  return (
    <article class="result result-wide" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <span class="result-number">Q{number}.</span> {question.prompt}
      </h3>
      <p class="meta">Free text · comments</p>
      <Async of={m.threads.threads} label="Loading comments…">
        {(data) => {
          const threads = m.threads.of(question.id)
          return !data.released ? (
            <p class="hidden-note">
              {pulse.status === 'closed'
                ? `Not shown: comments are shown after close, only when at least ${min} people responded, and ${pulse.responded === null ? `fewer than ${pulse.minGroupSize}` : `only ${pulse.responded}`} did. This keeps a writer from being recognised.`
                : `Comments are shown after close, only when at least ${min} people responded.`}
            </p>
          ) : threads.length === 0 ? (
            <p class="empty">Nobody wrote a comment.</p>
          ) : (
            <>
              <p class="hint">
                {threads.length} comment{threads.length === 1 ? '' : 's'}, in random order. Names
                and emails known to trustpulse were redacted. A writer's answers reach this page
                once a day, all together, so their timing says nothing about who wrote them.
              </p>
              <ul class="comments threads">
                {threads.map((thread, i) => (
                  <CommentThread
                    key={thread.id}
                    m={m.threads}
                    thread={thread}
                    id={`${id}-${i}`}
                    canModerate={m.canModerate.value}
                  />
                ))}
              </ul>
            </>
          )
        }}
      </Async>
    </article>
  )
}

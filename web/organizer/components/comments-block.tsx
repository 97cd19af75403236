import type { Pulse, Question } from '../api-types'
import type { PulseReport } from '../models/report-model'
import { Async } from './problem'

interface Props {
  m: PulseReport
  question: Question
  number: number
  pulse: Pulse
}

/**
 * A text question's comments, shuffled by the server and never tied to a group; or why there
 * are none to show (still open, or too few respondents to keep a writer anonymous).
 */
export function CommentsBlock({ m, question, number, pulse }: Props) {
  const id = `c-${question.id}`
  const min = pulse.minCommentGroupSize
  return (
    <article class="result result-wide" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <span class="result-number">Q{number}.</span> {question.prompt}
      </h3>
      <p class="meta">Free text · comments</p>
      <Async of={m.commentsFor(question.id)} label="Loading comments…">
        {(data) =>
          !data.released ? (
            <p class="hidden-note">
              {pulse.status === 'closed'
                ? `Not shown: comments are shown after close, only when at least ${min} people responded, and ${pulse.responded === null ? `fewer than ${pulse.minGroupSize}` : `only ${pulse.responded}`} did. This keeps a writer from being recognised.`
                : `Comments are shown after close, only when at least ${min} people responded.`}
            </p>
          ) : data.comments.length === 0 ? (
            <p class="empty">Nobody wrote a comment.</p>
          ) : (
            <>
              <p class="hint">
                {data.comments.length} comment{data.comments.length === 1 ? '' : 's'}, in random
                order. Names and emails known to trustpulse were redacted.
              </p>
              <ul class="comments">
                {data.comments.map((text, i) => (
                  <li key={i}>{text}</li>
                ))}
              </ul>
            </>
          )
        }
      </Async>
    </article>
  )
}

import { useSignal } from '@preact/signals'
import type { Question } from '../../api/surveys/question'
import type { Pulse } from './api'
import { t, wording } from './i18n'
import { lazy } from './router'

// The comments with their threads (result-threads.tsx: organizers' replies, the member's own
// comments, answering back) load only when the member opens them.
const ThreadsView = lazy(() => import('./result-threads').then((m) => m.ThreadsView))

/**
 * A text question's released comments, exactly as organizers read them (names and emails
 * replaced, never a group), each with its thread, fetched only when the member opens them.
 */
export function CommentsBlock({ pulse, question }: { pulse: Pulse; question: Question }) {
  const opened = useSignal(false)
  return (
    <div class="result-comments">
      <h4>{wording(question).prompt}</h4>
      <details onToggle={(e) => e.currentTarget.open && (opened.value = true)}>
        <summary>{t('r.cRead')}</summary>
        {opened.value && (
          <ThreadsView pid={pulse.id} questionId={question.id} k={pulse.minCommentGroupSize} />
        )}
      </details>
    </div>
  )
}

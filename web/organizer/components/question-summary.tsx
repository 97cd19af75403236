import * as q from '../models/question-list'

/**
 * A question shown read-only (its survey is locked, or the caller may only read): the wording,
 * answer type, options, dimension and whether it must be answered, without any controls.
 */
export function QuestionSummary(props: {
  question: q.DraftQuestion
  index: number
  count: number
}) {
  const { question: d, index, count } = props
  return (
    <li class="question-summary">
      <p class="question-summary-head">
        <span class="meta">
          Question {index + 1} of {count}
        </span>
        <span class="tag">{q.kindLabels[d.kind]}</span>
        {!d.required && <span class="tag tag-quiet">optional</span>}
        {d.dimension && <span class="tag tag-quiet">{d.dimension}</span>}
      </p>
      <p class="question-summary-prompt">{d.prompt}</p>
      {q.hasOptions(d.kind) && (
        <ul class="question-summary-options">
          {d.options.map((option, i) => (
            <li key={i}>{option}</li>
          ))}
        </ul>
      )}
    </li>
  )
}

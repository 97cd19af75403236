import { announce } from '../models/announce'
import type { QuestionErrors } from '../models/question-errors'
import type { DraftQuestion } from '../models/question-list'
import { keyboardTarget, movedMessage, questionLine } from '../models/question-outline'
import { MoveButtons } from './move-buttons'
import { QuestionEditor } from './question-editor'

interface QuestionRowProps {
  question: DraftQuestion
  index: number
  count: number
  open: boolean
  dragging: boolean
  errors?: QuestionErrors
  onToggle: (key: string) => void
  onChange: (index: number, change: (d: DraftQuestion) => DraftQuestion) => void
  onMove: (index: number, delta: number) => void
  onMoveTo: (from: number, to: number) => void
  onRemove: (index: number) => void
  /** A pointer went down on the drag handle. */
  onDragStart: (event: PointerEvent, index: number) => void
}

const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus())

/**
 * One question of the designer as a single line (number, prompt, answer type, dimension,
 * required) that opens to its editor. The line moves it: the ↑ ↓ buttons, Alt with an arrow key
 * on the line, or its drag handle; a move is announced and focus follows the question.
 */
export function QuestionRow(props: QuestionRowProps) {
  const { question: d, index: i, count, open, errors } = props
  const id = `q-${i}`
  const line = questionLine(d, i)
  const onKeyDown = (e: KeyboardEvent) => {
    const to = keyboardTarget(e, i, count)
    if (to === undefined) return
    e.preventDefault()
    props.onMoveTo(i, to)
    announce(movedMessage(i, to, count))
    focusLater(`q-${to}-toggle`)
  }
  const remove = () => {
    const prompt = d.prompt.trim()
    if (prompt && !confirm(`Delete question ${i + 1}, “${prompt}”?`)) return
    props.onRemove(i)
    announce(`question ${i + 1} deleted`)
    focusLater(count > 1 ? `q-${Math.min(i, count - 2)}-toggle` : 'add-question-kind')
  }
  const classes = ['question-row']
  if (open) classes.push('is-open')
  if (errors) classes.push('has-error')
  if (props.dragging) classes.push('is-dragging')
  return (
    <li class={classes.join(' ')}>
      <div class="question-line">
        <span
          class="drag-handle"
          aria-hidden="true"
          title="Drag to reorder"
          onPointerDown={(e) => props.onDragStart(e, i)}
        >
          ⠿
        </span>
        <button
          type="button"
          id={`${id}-toggle`}
          class="question-toggle"
          aria-expanded={open}
          aria-controls={`${id}-editor`}
          onClick={() => props.onToggle(d.key)}
          onKeyDown={onKeyDown}
        >
          {/* The spaces keep the words apart in the button's accessible name. */}
          <span class="question-number">
            <span class="visually-hidden">Question </span>
            {line.number}
          </span>{' '}
          <span class="question-line-prompt">{line.prompt}</span>{' '}
          <span class="question-line-tags">
            <span class="tag">{line.kind}</span>{' '}
            {line.dimension && <span class="tag tag-quiet">{line.dimension}</span>}{' '}
            <span class="tag tag-quiet">{line.required ? 'required' : 'optional'}</span>{' '}
            {line.placeholder && <span class="tag tag-warning">placeholder</span>}{' '}
            {errors && <span class="tag tag-error">to fix</span>}
          </span>
          <span class="question-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
        </button>
        <MoveButtons
          idPrefix="q"
          index={i}
          count={count}
          name={`question ${i + 1}`}
          onMove={props.onMove}
        />
      </div>
      <div id={`${id}-editor`} hidden={!open}>
        {open && (
          <QuestionEditor
            question={d}
            index={i}
            count={count}
            errors={errors}
            onChange={props.onChange}
            onDone={() => {
              props.onToggle(d.key)
              focusLater(`${id}-toggle`)
            }}
            onRemove={remove}
          />
        )}
      </div>
    </li>
  )
}

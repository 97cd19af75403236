import { announce } from '../models/announce'

interface MoveButtonsProps {
  /** Ids become `${idPrefix}-${index}-up|down|remove`, so focus can follow a moved item. */
  idPrefix: string
  index: number
  count: number
  /** Names the item for screen readers: "Move <name> up". */
  name: string
  onMove: (index: number, delta: number) => void
  /** Returning false (e.g. a declined confirm) leaves focus and announcements alone. */
  onRemove?: (index: number) => boolean | void
  /** Where focus goes when the last item is removed. */
  fallbackFocus?: string
  disabled?: boolean
  removeLabel?: string
  /** Shows words next to the arrows (for big items such as whole questions). */
  withText?: boolean
}

const focusLater = (...ids: string[]) =>
  requestAnimationFrame(() => {
    for (const id of ids) {
      const el = document.getElementById(id) as HTMLButtonElement | null
      if (el && !el.disabled) return el.focus()
    }
  })

/**
 * Move up, move down and remove buttons for one item of an ordered list. After a move, focus
 * follows the item to its new place and the new position is announced, so keyboard users can
 * press the same button again to keep moving it.
 */
export function MoveButtons(props: MoveButtonsProps) {
  const { idPrefix: p, index, count, name, disabled } = props
  const move = (delta: number) => {
    const to = index + delta
    props.onMove(index, delta)
    announce(`${name} moved to position ${to + 1} of ${count}`)
    const same = delta < 0 ? 'up' : 'down'
    const other = delta < 0 ? 'down' : 'up'
    focusLater(`${p}-${to}-${same}`, `${p}-${to}-${other}`)
  }
  const remove = () => {
    if (props.onRemove?.(index) === false) return
    announce(`${name} removed`)
    const next = Math.min(index, count - 2)
    focusLater(`${p}-${next}-remove`, props.fallbackFocus ?? '')
  }
  return (
    <span class="move-buttons">
      <button
        type="button"
        id={`${p}-${index}-up`}
        class={props.withText ? 'button-icon button-small' : 'button-icon'}
        disabled={disabled || index === 0}
        onClick={() => move(-1)}
        aria-label={`Move ${name} up`}
        title="Move up"
      >
        <span aria-hidden="true">↑</span>
        {props.withText && ' Up'}
      </button>
      <button
        type="button"
        id={`${p}-${index}-down`}
        class={props.withText ? 'button-icon button-small' : 'button-icon'}
        disabled={disabled || index === count - 1}
        onClick={() => move(1)}
        aria-label={`Move ${name} down`}
        title="Move down"
      >
        <span aria-hidden="true">↓</span>
        {props.withText && ' Down'}
      </button>
      {props.onRemove && (
        <button
          type="button"
          id={`${p}-${index}-remove`}
          class={`button-icon button-danger-quiet${props.withText ? ' button-small' : ''}`}
          disabled={disabled}
          onClick={remove}
          aria-label={`${props.removeLabel ?? 'Remove'} ${name}`}
          title={props.removeLabel ?? 'Remove'}
        >
          <span aria-hidden="true">✕</span>
          {props.withText && ` ${props.removeLabel ?? 'Remove'}`}
        </button>
      )}
    </span>
  )
}

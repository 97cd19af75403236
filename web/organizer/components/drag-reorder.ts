import { dragTarget } from '../models/question-outline'

/**
 * Follows a pointer that went down on a row's drag handle until it is released: each time it
 * crosses a neighbour's middle, `moveTo(from, to)` moves the row there (so the list shows where
 * it will land), and `done(from, to)` reports where it ended. For pointer users only: keyboard
 * users move rows with their move buttons.
 */
export function followDrag(
  event: PointerEvent,
  from: number,
  list: HTMLElement,
  moveTo: (from: number, to: number) => void,
  done: (from: number, to: number) => void,
): void {
  if (event.button !== 0) return
  event.preventDefault() // no text selection, no focus change
  let current = from
  const onMove = (e: PointerEvent) => {
    const rows = [...list.children].map((row) => row.getBoundingClientRect())
    const to = dragTarget(e.clientY, rows, current)
    if (to === current) return
    moveTo(current, to)
    current = to
  }
  const onEnd = () => {
    removeEventListener('pointermove', onMove)
    removeEventListener('pointerup', onEnd)
    removeEventListener('pointercancel', onEnd)
    done(from, current)
  }
  addEventListener('pointermove', onMove)
  addEventListener('pointerup', onEnd)
  addEventListener('pointercancel', onEnd)
}

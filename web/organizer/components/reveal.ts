/**
 * After the next render, scrolls the element `id` (a heading that just appeared, with tabIndex
 * -1) to the top of the view and moves focus to it, so keyboard and screen-reader users land
 * where sighted users look: a section opened far below the fold is otherwise never seen.
 */
export function revealHeading(id: string): void {
  requestAnimationFrame(() => {
    const heading = document.getElementById(id)
    if (!heading) return
    heading.scrollIntoView({ block: 'start' })
    heading.focus({ preventScroll: true })
  })
}

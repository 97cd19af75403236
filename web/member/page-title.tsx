import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

let first = true

/**
 * The page's h1. It names the document, and after a navigation inside the app it takes focus,
 * so keyboard and screen-reader users start reading at the new page.
 */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    const text = ref.current?.textContent
    if (text) document.title = `${text} · trustpulse`
    if (!first) ref.current?.focus()
    first = false
  }, [children])
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  )
}

type StepTitleProps = { children: ComponentChildren; id?: string; focus?: boolean }

/** An h2 that takes focus when it appears (unless `focus` is false): a page's next step. */
export function StepTitle({ children, id, focus = true }: StepTitleProps) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => void (focus && ref.current?.focus()), [])
  return (
    <h2 tabIndex={-1} ref={ref} id={id}>
      {children}
    </h2>
  )
}

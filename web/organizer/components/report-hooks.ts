import { useEffect } from 'preact/hooks'

/**
 * Opens every "Show as table" while the page prints, so paper carries the numbers, and closes
 * again the ones that were closed. (CSS cannot open a `<details>` in every browser.)
 */
export function usePrintTables(): void {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = []
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('details.table-view:not([open])')]
      for (const d of opened) d.open = true
    }
    const after = () => {
      for (const d of opened) d.open = false
      opened = []
    }
    addEventListener('beforeprint', before)
    addEventListener('afterprint', after)
    return () => {
      removeEventListener('beforeprint', before)
      removeEventListener('afterprint', after)
    }
  }, [])
}

/**
 * Puts focus back on the page's heading once the report has loaded, when the loading state's
 * heading that had it was replaced (focus then falls to the body, and a screen reader user would
 * start from the top of the document instead of the page).
 */
export function useTitleFocus(): void {
  useEffect(() => {
    const active = document.activeElement
    if (!active || active === document.body) document.getElementById('page-title')?.focus()
  }, [])
}

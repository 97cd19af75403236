import { effect, type ReadonlySignal } from '@preact/signals'

/**
 * While `dirty` is true, warns before the page is left: the browser's own prompt on reload,
 * close or typed address (beforeunload), and a confirm() on in-app links (caught before
 * the router sees the click). Dispose the returned effect when the page goes away.
 */
export function guardLeaving(dirty: ReadonlySignal<boolean>, message: string): () => void {
  return effect(() => {
    if (!dirty.value) return
    const onUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement
      const href = link?.getAttribute('href') ?? ''
      if (!link || link.download || link.origin !== location.origin || href.startsWith('#')) {
        return
      }
      if (!confirm(message)) {
        event.preventDefault()
        event.stopPropagation()
      }
    }
    addEventListener('beforeunload', onUnload)
    document.addEventListener('click', onClick, true)
    return () => {
      removeEventListener('beforeunload', onUnload)
      document.removeEventListener('click', onClick, true)
    }
  })
}

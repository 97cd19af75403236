import { signal } from '@preact/signals'
import type { ComponentType, FunctionComponent } from 'preact'

// The member pages' router, a few lines in place of preact-iso: the address bar's path as a
// signal, history navigation, in-app links, route patterns and lazily loaded pages. Links stay
// real <a href> links (keyboard, middle-click, "open in new tab" all work); a plain click on one
// that stays in the member pages is turned into a history entry instead of a page load. Focus
// moves to the new page's h1 when it renders (page-title.tsx), so screen readers announce it.

type SetUrl = (data: null, unused: string, url: string) => void

/** What the router uses of `window` (a stand-in in unit tests). */
export type RouterWindow = {
  location: { href: string; origin: string; pathname: string; search: string }
  history: { pushState: SetUrl; replaceState: SetUrl }
  addEventListener(type: 'click' | 'popstate', listener: (e: any) => void): void
  scrollTo(x: number, y: number): void
}

/** The paths the member pages handle (api/runtime/pages.ts serves member.html for them). */
export const inApp = (path: string) => path === '/join' || path === '/m' || path.startsWith('/m/')

/** A pathname without trailing slashes ('/' for the root), as routes are matched against it. */
const clean = (path: string) => path.replace(/\/+$/, '') || '/'

/**
 * The params of `path` when it matches `pattern` (segments compared exactly, `:name` matching
 * one non-empty segment, URI-decoded), else undefined.
 */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = clean(path).split('/')
  if (want.length !== got.length) return
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    if (want[i][0] === ':' && got[i]) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i])
      } catch {
        return // a malformed escape: no page has that address
      }
    } else if (want[i] !== got[i]) return
  }
  return params
}

/** A router over `w`: the current path, navigation, and the window's click and popstate. */
export function createRouter(w: RouterWindow) {
  const path = signal(clean(w.location.pathname))

  /** Goes to `to` (a path within the app) as a new history entry, or in place of this one. */
  function navigate(to: string, { replace = false } = {}) {
    w.history[replace ? 'replaceState' : 'pushState'](null, '', to)
    path.value = clean(new URL(to, w.location.href).pathname)
    if (!replace) w.scrollTo(0, 0)
  }

  /**
   * A plain left click on a same-origin link into the member pages navigates in the app; with a
   * modifier key, another button, a target, a download or a fragment, the browser handles it.
   */
  function onClick(e: MouseEvent) {
    if (e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null
    if (!a || a.origin !== w.location.origin || !inApp(a.pathname) || a.hash) return
    if (a.hasAttribute('download') || !/^(_self)?$/i.test(a.target)) return
    e.preventDefault()
    const to = a.pathname + a.search
    navigate(to, { replace: to === w.location.pathname + w.location.search })
  }

  w.addEventListener('click', onClick)
  w.addEventListener('popstate', () => (path.value = clean(w.location.pathname)))
  return { path, navigate }
}

/**
 * A component that loads on first render (a page or panel only some members need). Nothing is
 * shown while it loads; if loading fails, a line says so instead of an empty page.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
): FunctionComponent<P> {
  const loaded = signal<ComponentType<P> | false | undefined>(undefined)
  let started = false
  return (props: P) => {
    if (!started) {
      started = true
      load().then(
        (c) => (loaded.value = c),
        () => (loaded.value = false),
      )
    }
    const C = loaded.value
    if (C) return <C {...props} />
    return C === false ? (
      <p role="alert">This part of the page could not be loaded. Please reload to try again.</p>
    ) : null
  }
}

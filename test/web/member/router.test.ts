import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createRouter, inApp, lazy, match, type RouterWindow } from '../../../web/member/router'

const test = suite('router')
const origin = 'https://tp.example'

/** A window with an address bar, a history that records its calls, and its listeners. */
function fakeWindow(start = '/m') {
  const calls: string[] = []
  const listeners: Record<string, (e: any) => void> = {}
  const location = { origin, pathname: '', search: '', href: '' }
  const go = (url: string) => {
    const u = new URL(url, location.href || origin)
    Object.assign(location, { pathname: u.pathname, search: u.search, href: u.href })
  }
  go(origin + start)
  const w: RouterWindow = {
    location,
    history: {
      pushState: (_data, _unused, url) => (calls.push(`push ${url}`), go(url)),
      replaceState: (_data, _unused, url) => (calls.push(`replace ${url}`), go(url)),
    },
    addEventListener: (type, listener) => void (listeners[type] = listener),
    scrollTo: (x, y) => void calls.push(`scroll ${x},${y}`),
  }
  /** The browser going back to `url`: the address changes, then popstate fires. */
  const back = (url: string) => (go(url), listeners.popstate({}))
  return { w, calls, listeners, back }
}

type LinkOptions = { target?: string; download?: boolean }
/** A click target inside an `<a href>` (as `closest('a[href]')` finds it), or on no link. */
function inside(href: string | undefined, { target = '', download = false }: LinkOptions = {}) {
  const u = href === undefined ? undefined : new URL(href, origin + '/m')
  const a = u && {
    origin: u.origin,
    pathname: u.pathname,
    search: u.search,
    hash: u.hash,
    target,
    hasAttribute: (name: string) => name === 'download' && download,
  }
  return { closest: (selector: string) => (selector === 'a[href]' ? (a ?? null) : null) }
}

/** Dispatches a click on `target` to the router; true when it took over (preventDefault). */
function click(listeners: Record<string, (e: any) => void>, target: unknown, init = {}) {
  let prevented = false
  const event = {
    button: 0,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
    target,
    preventDefault: () => void (prevented = true),
    ...init,
  }
  listeners.click(event)
  return prevented
}

test('match: fixed segments match exactly, trailing slashes aside', () => {
  assert.equal(match('/m', '/m'), {})
  assert.equal(match('/m', '/m/'), {})
  assert.equal(match('/join', '/join'), {})
  assert.is(match('/m', '/m/x'), undefined)
  assert.is(match('/m', '/'), undefined)
  assert.is(match('/join', '/joint'), undefined)
  assert.is(match('/m/import', '/m/imports'), undefined)
})

test('match: a :param takes one non-empty segment, URI-decoded', () => {
  assert.equal(match('/m/pulses/:pid', '/m/pulses/p1'), { pid: 'p1' })
  assert.equal(match('/m/pulses/:pid', '/m/pulses/p1/'), { pid: 'p1' })
  assert.equal(match('/m/pulses/:pid', '/m/pulses/a%2Fb%20c'), { pid: 'a/b c' })
  assert.is(match('/m/pulses/:pid', '/m/pulses'), undefined)
  assert.is(match('/m/pulses/:pid', '/m/pulses/'), undefined)
  assert.is(match('/m/pulses/:pid', '/m/pulses//x'), undefined)
  assert.is(match('/m/pulses/:pid', '/m/pulses/a/b'), undefined)
  assert.is(match('/m/pulses/:pid', '/m/other/p1'), undefined)
  assert.is(match('/m/pulses/:pid', '/m/pulses/%E0%A4%A'), undefined) // malformed escape
})

test('inApp: the paths served as member pages', () => {
  for (const p of ['/join', '/m', '/m/', '/m/pulses/p1', '/m/import']) assert.ok(inApp(p), p)
  for (const p of ['/', '/login', '/joins', '/mx', '/api/me', '/members'])
    assert.not.ok(inApp(p), p)
})

test('path starts from the address bar, without trailing slashes', () => {
  assert.is(createRouter(fakeWindow('/m/pulses/p1').w).path.value, '/m/pulses/p1')
  assert.is(createRouter(fakeWindow('/m/').w).path.value, '/m')
})

test('navigate pushes a history entry and scrolls up; replace does neither', () => {
  const { w, calls } = fakeWindow('/join')
  const router = createRouter(w)
  router.navigate('/m', { replace: true })
  assert.is(router.path.value, '/m')
  assert.equal(calls, ['replace /m'])
  router.navigate('/m/pulses/p%201')
  assert.is(router.path.value, '/m/pulses/p%201')
  assert.equal(match('/m/pulses/:pid', router.path.value), { pid: 'p 1' })
  assert.equal(calls, ['replace /m', 'push /m/pulses/p%201', 'scroll 0,0'])
})

test('back and forward (popstate) follow the address bar', () => {
  const { w, back } = fakeWindow('/m/pulses/p1')
  const router = createRouter(w)
  back('/m')
  assert.is(router.path.value, '/m')
})

test('a plain click on an in-app link navigates without loading a page', () => {
  const { w, calls, listeners } = fakeWindow('/m')
  const router = createRouter(w)
  assert.ok(click(listeners, inside('/m/pulses/p1')))
  assert.is(router.path.value, '/m/pulses/p1')
  assert.equal(calls, ['push /m/pulses/p1', 'scroll 0,0'])
  assert.ok(click(listeners, inside(`${origin}/m?x=1`))) // absolute, same origin
  assert.equal(calls.slice(2), ['push /m?x=1', 'scroll 0,0'])
})

test('a link to the page already open replaces its history entry', () => {
  const { w, calls, listeners } = fakeWindow('/m')
  createRouter(w)
  assert.ok(click(listeners, inside('/m')))
  assert.equal(calls, ['replace /m'])
})

test('clicks the browser should handle are left alone', () => {
  const { w, calls, listeners } = fakeWindow('/m')
  const router = createRouter(w)
  const link = inside('/m/pulses/p1')
  const ignored: [string, unknown, object?][] = [
    ['ctrl', link, { ctrlKey: true }],
    ['meta', link, { metaKey: true }],
    ['shift', link, { shiftKey: true }],
    ['alt', link, { altKey: true }],
    ['middle button', link, { button: 1 }],
    ['already handled', link, { defaultPrevented: true }],
    ['target _blank', inside('/m/pulses/p1', { target: '_blank' })],
    ['download', inside('/m/pulses/p1', { download: true })],
    ['other origin', inside('https://elsewhere.example/m')],
    ['organizer app', inside('/')],
    ['API', inside('/api/me/results')],
    ['fragment', inside('#top')],
    ['path with fragment', inside('/m/import#s,a,b,c,d')],
    ['no link', inside(undefined)],
    ['text or window target', {}],
    ['no target', null],
  ]
  for (const [name, target, init] of ignored) {
    assert.not.ok(click(listeners, target, init), name)
  }
  assert.equal(calls, [])
  assert.is(router.path.value, '/m')
  assert.ok(click(listeners, inside('/m/pulses/p1', { target: '_self' })))
})

test('lazy: renders nothing until loaded, then the component with its props', async () => {
  let loads = 0
  const Page = (props: { pid: string }) => null
  const Lazy = lazy(async () => (loads++, Page))
  assert.is(Lazy({ pid: 'p1' }), null)
  assert.is(Lazy({ pid: 'p1' }), null)
  await new Promise((r) => setTimeout(r))
  const vnode = Lazy({ pid: 'p2' }) as any
  assert.is(vnode.type, Page)
  assert.is(vnode.props.pid, 'p2')
  assert.is(loads, 1)
})

test('lazy: a failed load says so instead of leaving the page blank', async () => {
  const Lazy = lazy(() => Promise.reject(new Error('offline')))
  assert.is(Lazy({}), null)
  await new Promise((r) => setTimeout(r))
  const vnode = Lazy({}) as any
  assert.is(vnode.type, 'p')
  assert.is(vnode.props.role, 'alert')
})

test.run()

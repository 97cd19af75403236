import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { ApiError } from './api'
import { api, model, openedFragment, router, store } from './app-state'
import { PageTitle } from './page-title'
import { memberKey } from './protocol'

type JoinState = 'joining' | 'used' | 'offline' | 'missing'
const state = signal<JoinState>('joining')

/**
 * Exchanges the invite key for a member key drawn here (DESIGN.md, "Members hold their own
 * credential"). The pair is saved first, so a lost reply is retried with the same pair, which
 * the server accepts again; the device's previous key is kept until the new one works.
 */
async function join(): Promise<boolean> {
  const pending = store.get().pendingJoin
  if (!pending) {
    state.value = 'missing'
    return false
  }
  state.value = 'joining'
  try {
    const { community } = await api.join(pending.inviteKey, pending.memberKey)
    store.update((s) => {
      s.memberKey = pending.memberKey
      s.community = community
      delete s.pendingJoin
    })
    return true
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0
    if (status === 0 || status >= 500) state.value = 'offline'
    else {
      store.update((s) => delete s.pendingJoin)
      // Opening one's own invite link again on a device that already joined is fine.
      if (
        store.get().memberKey &&
        (await api.me().then(
          () => true,
          () => false,
        ))
      )
        return true
      state.value = 'used'
    }
    return false
  }
}

const start = () => {
  if (openedFragment && location.pathname === '/join') {
    store.update((s) => (s.pendingJoin = { inviteKey: openedFragment, memberKey: memberKey() }))
  }
  return join()
}
let started: Promise<boolean> | undefined

export function JoinPage() {
  const done = async (p: Promise<boolean>) => {
    if (await p) {
      model.load()
      router.navigate('/m', { replace: true })
    }
  }
  useEffect(() => void done((started ??= start())), [])
  return (
    <>
      <PageTitle>{state.value === 'joining' ? 'Joining' : 'Your invitation'}</PageTitle>
      <div role="status" aria-live="polite">
        {state.value === 'joining' && <p>Setting up your anonymous membership…</p>}
      </div>
      {state.value === 'used' && (
        <div class="notice warning" role="alert">
          <p>
            <strong>This invitation link was already used, or is no longer valid.</strong>
          </p>
          <p>
            An invitation link works only once. If you did not open it before, someone else may
            have. Please ask the organizer who sent it to you for a new one.
          </p>
        </div>
      )}
      {state.value === 'offline' && (
        <div class="notice" role="alert">
          <p>The server could not be reached. Your invitation is kept on this device.</p>
          <button type="button" onClick={() => done(join())}>
            Try again
          </button>
        </div>
      )}
      {state.value === 'missing' && (
        <p>
          This link is incomplete. Please open the link from your invitation again, or{' '}
          <a href="/m">go to your pulses</a> if you joined before.
        </p>
      )}
    </>
  )
}

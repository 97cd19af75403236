import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { ApiError, isAccessReset } from './api'
import { api, model, openedFragment, router, store } from './app-state'
import later from './i18n/en-later.json'
import { addEnglish, t } from './i18n'
import { refusalOf, wellFormedInvite } from './invite-link'
import { PageTitle } from './page-title'
import { memberKey } from './protocol'

addEnglish(later)

type JoinState = 'joining' | 'used' | 'invalid' | 'damaged' | 'reset' | 'offline' | 'missing'
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
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0
    if (status === 0 || status >= 500) state.value = 'offline'
    else {
      store.update((s) => delete s.pendingJoin)
      // Opening one's own invite link again on a device that already joined is fine. A device
      // whose key a re-invite revoked is told so, not to ask for yet another invite.
      const here = store.get().memberKey
        ? await api.me().then(
            () => 'joined' as const,
            (e) => (isAccessReset(e) ? ('reset' as const) : undefined),
          )
        : undefined
      if (here === 'joined') return true
      state.value = here ?? refusalOf(error)
    }
    return false
  }
}

const start = () => {
  if (openedFragment && location.pathname === '/join') {
    // A link cut short or changed on the way cannot be an invite: say so, without asking.
    if (!wellFormedInvite(openedFragment)) {
      state.value = 'damaged'
      return Promise.resolve(false)
    }
    store.update((s) => (s.pendingJoin = { inviteKey: openedFragment, memberKey: memberKey() }))
  }
  return join()
}
let started: Promise<boolean> | undefined

/** "This link is incomplete … {link} …", the link placed where the sentence puts it. */
function Missing() {
  const [before, after] = t('j.missing').split('{link}')
  return (
    <p>
      {before}
      <a href="/m">{t('j.link')}</a>
      {after}
    </p>
  )
}

/** What a refused link says: what happened, then what to do. Only "used" suspects someone else. */
const refused: Partial<Record<JoinState, [string, string]>> = {
  used: ['j.used', 'j.usedNote'],
  reset: ['j.used', 'ld.access-reset'],
  invalid: ['j.invalid', 'j.damagedNote'],
  damaged: ['j.damaged', 'j.damagedNote'],
}

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
      <PageTitle>{t(state.value === 'joining' ? 'j.joining' : 'j.title')}</PageTitle>
      <div role="status" aria-live="polite">
        {state.value === 'joining' && <p>{t('j.setup')}</p>}
      </div>
      {refused[state.value] && (
        <div class="notice warning" role="alert">
          <p>
            <strong>{t(refused[state.value]![0])}</strong>
          </p>
          <p>{t(refused[state.value]![1])}</p>
        </div>
      )}
      {state.value === 'offline' && (
        <div class="notice" role="alert">
          <p>{t('j.offline')}</p>
          <button type="button" onClick={() => done(join())}>
            {t('retry')}
          </button>
        </div>
      )}
      {state.value === 'missing' && <Missing />}
    </>
  )
}

import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { api, model, openedFragment, store } from './app-state'
import { addEnglish, t, tn } from './i18n'
import later from './i18n/en-later.json'
import { arrive, type Arrival } from './move'
import { decodeMoveLink } from './move-link'
import { PageTitle } from './page-title'

addEnglish(later)

type ImportState = { kind: 'waiting' | 'damaged' | 'newer' } | Arrival
const state = signal<ImportState>({ kind: 'waiting' })
const link = location.pathname === '/m/import' ? decodeMoveLink(openedFragment) : undefined

/**
 * Completes the member's move to this device (move.ts). A link read here is saved before the
 * exchange, so after a lost connection "try again" (or opening this page again) needs nothing
 * more; without a readable link, a move saved earlier is tried again.
 */
async function takeOver() {
  state.value = { kind: 'waiting' }
  if (link === 'newer') state.value = { kind: 'newer' }
  else if (!link && !store.get().pendingMove) state.value = { kind: 'damaged' }
  else state.value = await arrive(api, model, store, link)
  if (state.value.kind !== 'done') void model.load() // what this device can still do, for home
}
let started = false

/** The outcome in words. */
function said(s: ImportState): string {
  switch (s.kind) {
    case 'done':
      return s.taken ? tn('im.done', s.taken) : t('im.doneNone')
    case 'missing':
      return t('im.damaged')
    default:
      return t(`im.${s.kind}`)
  }
}

/** Where the link another device made for the member's move is opened (move-panel.tsx). */
export function ImportPage() {
  useEffect(() => {
    if (!started) takeOver()
    started = true
  }, [])
  const s = state.value
  return (
    <>
      <PageTitle>{t('im.title')}</PageTitle>
      <div role="status" class={s.kind === 'used' ? 'notice warning' : undefined}>
        <p>{said(s)}</p>
      </div>
      {s.kind === 'offline' && (
        <button type="button" onClick={takeOver}>
          {t('retry')}
        </button>
      )}
      <p>
        <a href="/m">{t('im.home')}</a>
      </p>
    </>
  )
}

import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { model, openedFragment } from './app-state'
import { addEnglish, t } from './i18n'
import later from './i18n/en-later.json'
import { decodeMove, importToken } from './move'
import { PageTitle } from './page-title'

addEnglish(later)

type ImportState = 'waiting' | 'done' | 'damaged' | 'unfit' | 'signed-out' | 'access-reset'
const state = signal<ImportState>('waiting')
const moved = location.pathname === '/m/import' ? decodeMove(openedFragment) : undefined
let pid: string | undefined

async function takeOver() {
  if (!moved) return (state.value = 'damaged')
  await model.load()
  pid = moved.pid
  if (await importToken(model, moved)) state.value = 'done'
  else {
    const why = model.state.value
    state.value = why === 'signed-out' || why === 'access-reset' ? why : 'unfit'
  }
}
let started = false

const messages: Record<Exclude<ImportState, 'done'>, string> = {
  waiting: 'im.waiting',
  damaged: 'im.damaged',
  unfit: 'im.unfit',
  'signed-out': 'im.signedOut',
  // Not "ask for a new invite": the organizer already sent one.
  'access-reset': 'ld.access-reset',
}

/** Takes over a token moved from the member's other device (move-panel.tsx). */
export function ImportPage() {
  useEffect(() => {
    if (!started) takeOver()
    started = true
  }, [])
  return (
    <>
      <PageTitle>{t('im.title')}</PageTitle>
      <div role="status">
        {state.value === 'done' ? (
          <p>
            {t('im.done')}{' '}
            <a href={`/m/pulses/${encodeURIComponent(pid ?? '')}`}>{t('im.answer')}</a>
          </p>
        ) : (
          <p>{t(messages[state.value])}</p>
        )}
      </div>
      <p>
        <a href="/m">{t('im.home')}</a>
      </p>
    </>
  )
}

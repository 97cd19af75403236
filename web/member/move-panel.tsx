import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { ApiError } from './api'
import { api, model, store } from './app-state'
import { addEnglish, locale, t, tn } from './i18n'
import later from './i18n/en-later.json'
import { makeMove } from './move'
import { StepTitle } from './page-title'
import { qrMatrix, qrPath } from './qr'

addEnglish(later)

type Step =
  | { kind: 'making' }
  | { kind: 'failed'; offline: boolean }
  | { kind: 'ready'; url: string; expiresAt: string; tokens: number }
  /** This device's key stopped working: moved (the link was used) or reset by a re-invite. */
  | { kind: 'ended' }

const time = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(iso))

/** The link as a QR code, or a line saying it is too long for one. */
function LinkCode({ url }: { url: string }) {
  let matrix: boolean[][]
  try {
    matrix = qrMatrix(url)
  } catch {
    return <p>{t('mv.noQr')}</p>
  }
  const side = matrix.length + 8
  return (
    <svg class="qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={t('mv.qr')}>
      <rect width={side} height={side} fill="#fff" />
      <path d={qrPath(matrix)} fill="#000" />
    </svg>
  )
}

/**
 * Moves the member to another device: makes the move link (move.ts) and shows it, with a QR
 * code, as the secret it is; then waits until the server says this device's key was replaced.
 */
export function MovePanel({ onClose }: { onClose: () => void }) {
  const step = useSignal<Step>({ kind: 'making' })
  const copied = useSignal('')
  useEffect(() => {
    let gone = false
    makeMove(api, model, store, location.origin).then(
      (made) => void (gone || (step.value = { kind: 'ready', ...made })),
      (e) => {
        if (gone) return
        const status = e instanceof ApiError ? e.status : -1
        if (status === 401) step.value = { kind: 'ended' }
        else step.value = { kind: 'failed', offline: status === 0 }
      },
    )
    return () => void (gone = true)
  }, [])

  // Waits for the other device: asks every few seconds, and at once when the member comes back
  // to this page (after opening the link in another browser on the same phone).
  const waiting = step.value.kind === 'ready'
  useEffect(() => {
    if (!waiting) return
    const check = () =>
      model.checkAccess().then((works) => void (works || (step.value = { kind: 'ended' })))
    const timer = setInterval(check, 3000)
    const onVisible = () => document.visibilityState === 'visible' && check()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [waiting])

  const s = step.value
  const copy = (url: string) =>
    navigator.clipboard.writeText(url).then(
      () => (copied.value = t('mv.copied')),
      () => (copied.value = t('mv.copyFailed')),
    )
  return (
    <div class="move-panel">
      <StepTitle id="another-device">{t('mv.title')}</StepTitle>
      {s.kind === 'making' && <p role="status">{t('mv.making')}</p>}
      {s.kind === 'failed' && <p role="alert">{t(s.offline ? 'mv.offline' : 'mv.error')}</p>}
      {s.kind === 'ended' && (
        <p role="status">
          {t(model.state.value === 'moved' ? 'mv.moved' : `ld.${model.state.value}`)}
        </p>
      )}
      {s.kind === 'ready' && (
        <>
          <p class="notice warning">
            <strong>{t('mv.secret')}</strong>
          </p>
          <p>{tn('mv.intro', s.tokens)}</p>
          <LinkCode url={s.url} />
          <label class="field">
            {t('mv.link')}
            <input type="text" readOnly value={s.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p>{t('mv.once', { time: time(s.expiresAt) })}</p>
          <p role="status">{copied}</p>
          <p class="meta">{t('mv.waiting')}</p>
        </>
      )}
      <div class="actions">
        {s.kind === 'ready' && (
          <button type="button" onClick={() => copy(s.url)}>
            {t('mv.copy')}
          </button>
        )}
        <button type="button" class="link-button" onClick={onClose}>
          {t('mv.close')}
        </button>
      </div>
    </div>
  )
}

import { useSignal } from '@preact/signals'
import { model, store } from './app-state'
import { addEnglish, t } from './i18n'
import later from './i18n/en-later.json'
import { movableToken, moveUrl } from './move'
import { StepTitle } from './page-title'
import { qrMatrix, qrPath } from './qr'

addEnglish(later)

/**
 * Shows the link (and QR code) that moves a pulse's unused token to another of the member's
 * devices. The token travels in the link's fragment, which is never sent to any server.
 */
export function MovePanel({ pid, onClose }: { pid: string; onClose: () => void }) {
  const copied = useSignal('')
  const token = movableToken(pid, store.pulse(pid))
  if (!token) return null
  const url = moveUrl(location.origin, token)
  const matrix = qrMatrix(url)
  const side = matrix.length + 8
  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => (copied.value = t('mv.copied')),
      () => (copied.value = t('mv.copyFailed')),
    )
  return (
    <section class="move-panel" aria-labelledby={`move-${pid}`}>
      <StepTitle id={`move-${pid}`}>{t('mv.title')}</StepTitle>
      <p>{t('mv.intro')}</p>
      <svg class="qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={t('mv.qr')}>
        <rect width={side} height={side} fill="#fff" />
        <path d={qrPath(matrix)} fill="#000" />
      </svg>
      <label class="field">
        {t('mv.link')}
        <input type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p role="status">{copied}</p>
      <div class="actions">
        <button type="button" onClick={copy}>
          {t('mv.copy')}
        </button>
        <button
          type="button"
          onClick={() => {
            model.setMoved(pid, true)
            onClose()
          }}
        >
          {t('mv.done')}
        </button>
        <button type="button" class="link-button" onClick={onClose}>
          {t('mv.cancel')}
        </button>
      </div>
    </section>
  )
}

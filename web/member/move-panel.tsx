import { useSignal } from '@preact/signals'
import { model, store } from './app-state'
import { movableToken, moveUrl } from './move'
import { StepTitle } from './page-title'
import { qrMatrix, qrPath } from './qr'

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
      () => (copied.value = 'Link copied.'),
      () => (copied.value = 'Copying failed: select the link and copy it yourself.'),
    )
  return (
    <section class="move-panel" aria-labelledby={`move-${pid}`}>
      <StepTitle id={`move-${pid}`}>Move this token to another device</StepTitle>
      <p>
        Scan this code with your other device, or copy the link and open it there. Whoever opens the
        link can answer this pulse once in your place, so keep it to yourself.
      </p>
      <svg class="qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label="QR code of the link">
        <rect width={side} height={side} fill="#fff" />
        <path d={qrPath(matrix)} fill="#000" />
      </svg>
      <label class="field">
        Link
        <input type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p role="status">{copied}</p>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy link
        </button>
        <button
          type="button"
          onClick={() => {
            model.setMoved(pid, true)
            onClose()
          }}
        >
          Done, I opened it there
        </button>
        <button type="button" class="link-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </section>
  )
}

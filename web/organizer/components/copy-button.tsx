import { useSignal } from '@preact/signals'
import { announce } from '../models/announce'

/** Copies text to the clipboard; falls back to a selected scratch textarea where the API is missing. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused: try the old way below.
  }
  const scratch = document.createElement('textarea')
  scratch.value = text
  scratch.setAttribute('readonly', '')
  scratch.className = 'copy-scratch'
  document.body.append(scratch)
  scratch.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  scratch.remove()
  return ok
}

interface CopyButtonProps {
  text: string
  /** The visible label, e.g. "Copy link". */
  label?: string
  /** Said after copying: "<what> copied". Also names the button for screen readers. */
  what: string
  class?: string
}

/** A button that copies `text` and says so, visibly for two seconds and to screen readers. */
export function CopyButton({ text, label = 'Copy', what, class: cls }: CopyButtonProps) {
  const state = useSignal<'idle' | 'copied' | 'failed'>('idle')
  const onClick = async () => {
    const ok = await copyText(text)
    state.value = ok ? 'copied' : 'failed'
    announce(
      ok
        ? `${what} copied`
        : `Could not copy. Select the ${what.toLowerCase()} and copy it yourself.`,
    )
    setTimeout(() => (state.value = 'idle'), 2000)
  }
  const shown =
    state.value === 'copied' ? 'Copied' : state.value === 'failed' ? 'Copy failed' : label
  return (
    <button
      type="button"
      class={cls ?? 'button-secondary button-small'}
      onClick={onClick}
      aria-label={
        state.value === 'idle' && label === 'Copy' ? `Copy ${what.toLowerCase()}` : undefined
      }
    >
      {shown}
    </button>
  )
}

/** Offers `text` as a file download (invite links as CSV, for a mail merge). */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** An invite link shown once: readonly text the organizer can select, with a copy button. */
export function LinkToCopy({ url, what, id }: { url: string; what: string; id: string }) {
  return (
    <div class="link-to-copy">
      <label for={id} class="visually-hidden">
        {what}
      </label>
      <input id={id} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      <CopyButton text={url} what={what} label="Copy" />
    </div>
  )
}

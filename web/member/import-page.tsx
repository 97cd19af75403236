import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { model, openedFragment } from './app-state'
import { decodeMove, importToken } from './move'
import { PageTitle } from './page-title'

type ImportState = 'waiting' | 'done' | 'damaged' | 'unfit' | 'signed-out'
const state = signal<ImportState>('waiting')
const moved = location.pathname === '/m/import' ? decodeMove(openedFragment) : undefined
let pid: string | undefined

async function takeOver() {
  if (!moved) return (state.value = 'damaged')
  await model.load()
  pid = moved.pid
  if (await importToken(model, moved)) state.value = 'done'
  else state.value = model.state.value === 'signed-out' ? 'signed-out' : 'unfit'
}
let started = false

const text: Record<Exclude<ImportState, 'done'>, string> = {
  waiting: 'Taking over the token…',
  damaged: 'This link is incomplete or damaged. Please open it again from your other device.',
  unfit:
    'This token does not fit any open pulse of yours. The pulse may have closed, or the token may belong to someone else.',
  'signed-out':
    'This device has not joined yet. Open your invitation link here first (ask the organizer for a new one if it was used), then open this link again.',
}

/** Takes over a token moved from the member's other device (move-panel.tsx). */
export function ImportPage() {
  useEffect(() => {
    if (!started) takeOver()
    started = true
  }, [])
  return (
    <>
      <PageTitle>Move a token to this device</PageTitle>
      <div role="status">
        {state.value === 'done' ? (
          <p>
            Done: this device now holds the token.{' '}
            <a href={`/m/pulses/${encodeURIComponent(pid ?? '')}`}>Answer the pulse</a>
          </p>
        ) : (
          <p>{text[state.value]}</p>
        )}
      </div>
      <p>
        <a href="/m">Go to your pulses</a>
      </p>
    </>
  )
}

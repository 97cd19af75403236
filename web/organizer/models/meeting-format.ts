import type { Balance } from '../api-types'

/** "0.32", or "—" when there is nothing to measure. */
export const formatIndex = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toFixed(2)

/** "71%", or "—". */
export const formatShare = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`

/** "4 min 05 s" for a speaking time. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  const min = Math.floor(s / 60)
  const sec = s % 60
  return min > 0 ? `${min} min ${String(sec).padStart(2, '0')} s` : `${sec} s`
}

export const balanceLabels: Record<Balance, string> = {
  none: 'No turns',
  balanced: 'Balanced',
  uneven: 'Uneven',
  poor: 'Few voices',
}

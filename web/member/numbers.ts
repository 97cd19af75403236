import { locale } from './i18n'

// Numbers of shared results (results-list.tsx), apart from format.ts so that only the lazily
// loaded results list carries them.

/** A share 0–1 as a whole percentage ("67%", "67 %"). */
export const percent = (share: number) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share)

/** A count or mean with at most one decimal. */
export const num = (x: number) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(x)

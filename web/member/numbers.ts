import { locale } from './format'

// Numbers of shared results (results-list.tsx), apart from format.ts so that only the lazily
// loaded results list carries them.

/** A share 0–1 as a whole percentage. */
export const percent = (share: number) => `${Math.round(share * 100)}%`

/** A count or mean with at most one decimal. */
export const num = (x: number) => (Math.round(x * 10) / 10).toLocaleString(locale)

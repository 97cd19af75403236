import * as figures from './figures'
import { locale } from './i18n'

// Numbers of shared results (results-list.tsx) in the member's language, apart from format.ts so
// that only the lazily loaded results list carries them. The rounding is figures.ts's, the same
// as the organizer's reports.

/** A share 0–1 as a whole percentage ("67%", "67 %"). */
export const percent = (share: number) => figures.formatShare(share, locale())

/** Participation rounded down ("90%"): responded of eligible, "—" when not released. */
export const participationRate = (responded: number | null, eligible: number) =>
  figures.formatRate(responded, eligible, locale())

/** A mean with one decimal ("3.9", "3,9"). */
export const mean = (x: number) => figures.formatMean(x, locale())

/** eNPS, signed ("+24", "−38"). */
export const nps = (x: number) => figures.formatNps(x, locale())

/** A count of people or answers. */
export const num = (x: number) => figures.formatCount(x, locale())

// How a report's numbers read, on the member pages and on the organizer's alike: one rounding for
// both, so the same pulse never shows 90% to one and 91% to the other. Pure and import-free (the
// organizer app imports it too); the language comes in as an argument, English by default.
//
// Shares are whole percentages rounded half away from zero, participation is rounded down (a rate
// never reads higher than it is), means have exactly one decimal, eNPS is a whole number with its
// sign, and negative numbers carry a real minus sign (U+2212), never a hyphen.

const MINUS = '\u2212'

/** Intl's digits with a real minus sign; a value that rounds to zero is written without a sign. */
function write(value: number, options: Intl.NumberFormatOptions, locale?: string): string {
  const format = new Intl.NumberFormat(locale ?? 'en', options)
  const text = format.format(value)
  if (!/[1-9]/.test(text)) return format.format(0)
  return text.replace('-', MINUS)
}

/** A share 0–1 as a whole percentage: 0.7249 → "72%" (German "72 %"). */
export function formatShare(share: number, locale?: string): string {
  return write(share, { style: 'percent', maximumFractionDigits: 0 }, locale)
}

/**
 * Participation as a whole percentage rounded down: 10 of 11 → "90%", never "91%". "—" when the
 * count was not released (null).
 */
export function formatRate(responded: number | null, eligible: number, locale?: string): string {
  if (responded === null) return '—'
  const percent = eligible > 0 ? Math.floor((responded * 100) / eligible + 1e-9) : 0
  return formatShare(percent / 100, locale)
}

/** A mean with one decimal: 3.857 → "3.9", 4 → "4.0" (German "3,9"). */
export function formatMean(value: number, locale?: string): string {
  return write(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }, locale)
}

/** eNPS as a signed whole number: 24.3 → "+24", −38.46 → "−38", 0 → "0". */
export function formatNps(value: number, locale?: string): string {
  return write(value, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }, locale)
}

/** A count of people or answers: 1234 → "1,234" (German "1.234"); anything else to one decimal. */
export function formatCount(value: number, locale?: string): string {
  return write(value, { maximumFractionDigits: 1 }, locale)
}

// Dates and numbers in the member's variant of English (the pages are written in English).

export const locale = globalThis.navigator?.languages?.find((l) => /^en\b/i.test(l)) ?? 'en'
const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })

/** "closes in 3 days", "closes tomorrow", "closes in 5 hours"; "closed" once past. */
export function closesIn(iso: string, now = Date.now()): string {
  const minutes = (Date.parse(iso) - now) / 60_000
  if (!(minutes > 0)) return 'closed'
  if (minutes < 60) return `closes ${relative.format(Math.ceil(minutes), 'minute')}`
  if (minutes < 48 * 60) return `closes ${relative.format(Math.round(minutes / 60), 'hour')}`
  return `closes ${relative.format(Math.round(minutes / 1440), 'day')}`
}

/** "Friday 28 November 2025 at 17:00 CET" in the member's time zone. */
export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso))

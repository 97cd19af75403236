import { locale, t } from './i18n'

// Dates and relative times in the member's chosen language (i18n.ts), through Intl.

/** "closes in 3 days", "closes tomorrow", "closes in 5 hours"; "closed" once past. */
export function closesIn(iso: string, now = Date.now()): string {
  const minutes = (Date.parse(iso) - now) / 60_000
  if (!(minutes > 0)) return t('closed')
  const relative = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' })
  const when =
    minutes < 60
      ? relative.format(Math.ceil(minutes), 'minute')
      : minutes < 48 * 60
        ? relative.format(Math.round(minutes / 60), 'hour')
        : relative.format(Math.round(minutes / 1440), 'day')
  return t('closes', { when })
}

/** "Friday 28 November 2025 at 17:00" in the member's time zone and language. */
export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso))

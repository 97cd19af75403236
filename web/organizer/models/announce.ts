import { signal } from '@preact/signals'

/** The latest message for screen readers, read out by the layout's polite live region. */
export const announcement = signal('')

let timer: ReturnType<typeof setTimeout> | undefined

/** Says `message` politely; the same message twice in a row is still read twice. */
export function announce(message: string): void {
  announcement.value = ''
  clearTimeout(timer)
  timer = setTimeout(() => (announcement.value = message), 50)
}

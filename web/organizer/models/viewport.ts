import { signal } from '@preact/signals'

// Charts scale with their viewBox. On a phone a 400-unit canvas would shrink its text to about
// 10 px, so there they are drawn on a narrower canvas and their text stays near 13 px.
const query = typeof matchMedia === 'function' ? matchMedia('(max-width: 26rem)') : undefined

/** Whether the screen is phone-narrow (about 416 px or less). */
export const narrow = signal(query?.matches ?? false)
query?.addEventListener('change', (e) => (narrow.value = e.matches))

/** The width, in SVG units, that charts draw on. */
export const chartWidth = () => (narrow.value ? 320 : 400)

import { closesIn } from './format'
import { t, tn } from './i18n'
import type { PulseStatus, PulsesModel, PulseView } from './pulses-model'
import { CLOSED_BEFORE } from './submission'

// What the member pages say about this device and the member's others: after a re-invite or a
// move this device has no working key, yet the tokens it holds still work (submitting needs no
// credentials); the device that got the membership may lack a token another one holds.

type LoadState = PulsesModel['state']['value']

/**
 * The home page's lines after loading: the load's state, and, when this device holds no working
 * key, how many open pulses it can still answer or send from here. `warning` when its key was
 * revoked (a re-invite, a move).
 */
export function loadNotice(
  state: LoadState,
  cut: boolean,
  pulses: PulseView[],
): { lines: string[]; warning: boolean } {
  const still = pulses.filter((p) => ['ready', 'pending', 'sending'].includes(p.status)).length
  const lines = [t(`ld.${state}`), cut && still > 0 ? tn('ld.still', still) : ''].filter(Boolean)
  return { lines, warning: state === 'access-reset' || state === 'moved' }
}

/**
 * What a pulse's page says about where it can be answered, by status (undefined: nothing):
 * a title when it replaces the answers, and its paragraphs.
 */
export function deviceNotice(
  status: PulseStatus,
  cut: boolean,
): { title?: string; lines: string[] } | undefined {
  switch (status) {
    case 'ready':
      return cut ? { lines: [t('stillHere')] } : undefined
    case 'other-device':
      // Where the answer can still be given, and what happens if that device is gone.
      return { title: t('dt.other-device.title'), lines: [t('dt.other-device'), t('dt.lost')] }
    case 'spent':
      return { title: t('dt.spent.title'), lines: [t('dt.spent')] }
    case 'moved':
    case 'no-access':
      return { lines: [t(`dt.${status}`)] }
  }
}

/**
 * When a pulse closes, as the line under its title says it: "closed" once answers sent from here
 * arrived after it closed (an organizer may close a pulse before its date), so the page never
 * says "closes in 7 days" above "this pulse closed before your answers arrived".
 */
export const whenItCloses = (view: PulseView, now?: number) =>
  view.record.failed === CLOSED_BEFORE ? t('closed') : closesIn(view.entry.pulse.closesAt, now)

/**
 * Whether the home page lists open pulses: not for a device without a working membership (or
 * whose load failed) that holds nothing to answer. Its load line says why, and "no open pulses
 * right now" beside it would contradict that.
 */
export const showsPulseList = (state: LoadState, cut: boolean, pulses: PulseView[]) =>
  pulses.length > 0 || !(cut || state === 'error')

import { createMemberApi } from './api'
import { createPulsesModel } from './pulses-model'
import { createRouter } from './router'
import { createStore } from './store'

// The member app's single store, API and model, wired for the browser.

export const store = createStore()
export const api = createMemberApi({ memberKey: () => store.get().memberKey })
export const model = createPulsesModel(api, store)
export const router = createRouter(window)

/**
 * The fragment the page was opened with (an invite key, a moved token), taken out of the address
 * bar and the history entry before anything renders: it must not linger where others look.
 */
export const openedFragment = (() => {
  const fragment = location.hash.slice(1)
  if (fragment) history.replaceState(null, '', location.pathname + location.search)
  return fragment
})()

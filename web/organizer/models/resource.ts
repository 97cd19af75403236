import { signal, type ReadonlySignal } from '@preact/signals'
import type { ApiError } from '../api'
import { toApiError } from '../api-error'
import { noteUnauthorized } from './session'

export interface Resource<T> {
  data: ReadonlySignal<T | undefined>
  error: ReadonlySignal<ApiError | undefined>
  loading: ReadonlySignal<boolean>
  /** Loads again; an answer that arrives after a newer request started is dropped. */
  reload: () => Promise<void>
  /** Replaces the data locally, e.g. with the server's answer to a change. */
  set: (value: T) => void
}

/** Data read from the server with its loading and error state, loaded at once. */
export function resource<T>(load: () => Promise<T>, options: { lazy?: boolean } = {}): Resource<T> {
  const data = signal<T | undefined>(undefined)
  const error = signal<ApiError | undefined>(undefined)
  const loading = signal(false)
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = undefined
    try {
      const value = await load()
      if (mine === generation) data.value = value
    } catch (thrown) {
      noteUnauthorized(thrown)
      if (mine === generation) error.value = toApiError(thrown)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function set(value: T): void {
    generation++
    loading.value = false
    error.value = undefined
    data.value = value
  }

  if (!options.lazy) void reload()
  return { data, error, loading, reload, set }
}

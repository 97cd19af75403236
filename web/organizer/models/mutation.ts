import { computed, signal, type ReadonlySignal } from '@preact/signals'
import type { ApiError } from '../api'
import { toApiError } from '../api-error'
import { errorMap } from './field-errors'
import { noteUnauthorized } from './session'

export interface Mutation<A extends unknown[], R> {
  pending: ReadonlySignal<boolean>
  error: ReadonlySignal<ApiError | undefined>
  /** The 422 `errors` by path, first message per path. */
  fieldErrors: ReadonlySignal<Record<string, string>>
  /** Runs the change unless one is already running; resolves to undefined when it failed. */
  run: (...args: A) => Promise<R | undefined>
  reset: () => void
}

/** A state-changing request with its pending flag and its problem, for forms and buttons. */
export function mutation<A extends unknown[], R>(
  perform: (...args: A) => Promise<R>,
): Mutation<A, R> {
  const pending = signal(false)
  const error = signal<ApiError | undefined>(undefined)
  const fieldErrors = computed(() => errorMap(error.value?.errors))

  async function run(...args: A): Promise<R | undefined> {
    if (pending.value) return undefined
    pending.value = true
    error.value = undefined
    try {
      return await perform(...args)
    } catch (thrown) {
      noteUnauthorized(thrown)
      error.value = toApiError(thrown)
      return undefined
    } finally {
      pending.value = false
    }
  }

  return { pending, error, fieldErrors, run, reset: () => (error.value = undefined) }
}

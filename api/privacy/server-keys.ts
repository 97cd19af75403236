import type { AppDeps } from '../deps'
import { deriveKeys } from './sealed'

type Keys = Awaited<ReturnType<typeof deriveKeys>>
const derived = new WeakMap<Uint8Array, Promise<Keys>>()

/** The keys derived from the server secret (sealing, MAC), made once per secret. */
export function serverKeys(deps: Pick<AppDeps, 'secret'>): Promise<Keys> {
  let keys = derived.get(deps.secret)
  if (!keys) derived.set(deps.secret, (keys = deriveKeys(deps.secret)))
  return keys
}

// A bounded cache: imported keys, values that never change once made, prepared statements.

/** A bounded map that forgets the least recently used entry first. */
export class Lru<V> {
  readonly #entries = new Map<string, V>()
  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!)
  }

  delete(key: string): void {
    this.#entries.delete(key)
  }

  clear(): void {
    this.#entries.clear()
  }
}

/** The cached promise for `key`, else `make()`'s, cached; a rejected promise is forgotten so a
 * later call retries, and concurrent callers share one import. */
export function cached<V>(cache: Lru<Promise<V>>, key: string, make: () => Promise<V>): Promise<V> {
  const hit = cache.get(key)
  if (hit) return hit
  const made = make()
  cache.set(key, made)
  made.catch(() => cache.delete(key))
  return made
}

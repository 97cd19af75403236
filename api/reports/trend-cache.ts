import type { buildTrend } from './trend'

type Trend = ReturnType<typeof buildTrend>
interface Entry {
  signature: string
  trend: Trend
  /** The trend as UTF-8 JSON, encoded once. */
  json: Uint8Array<ArrayBuffer>
}

// Per database, at most this many survey-and-cut trends, least recently used out first.
const LIMIT = 32
const caches = new WeakMap<object, Map<string, Entry>>()
const encoder = new TextEncoder()

/**
 * A survey's trend for one cut, built by `build` only when the list of its released closed
 * pulses (`signature`) differs from the one the kept copy was built from. Closed pulses and
 * their released views never change, so a kept trend is exactly what `build` would return; it
 * is kept with its encoded JSON, so a repeated read neither rebuilds nor reserializes megabytes.
 */
export async function cachedTrend(
  db: object,
  key: string,
  signature: string,
  build: () => Promise<Trend>,
): Promise<{ trend: Trend; json: Uint8Array<ArrayBuffer> }> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  const kept = cache.get(key)
  if (kept && kept.signature === signature) {
    cache.delete(key)
    cache.set(key, kept)
    return kept
  }
  const trend = await build()
  const entry = { signature, trend, json: encoder.encode(JSON.stringify(trend)) }
  cache.delete(key)
  cache.set(key, entry)
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!)
  return entry
}

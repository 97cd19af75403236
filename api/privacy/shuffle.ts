// Random order is how stored and served rows stop saying when they were written (comments of a
// pool, follow-ups of a batch, comments as read): one shuffle, from the platform's CSPRNG.

/** A copy of `items` in uniformly random order (Fisher–Yates over crypto.getRandomValues). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items]
  const random = crypto.getRandomValues(new Uint32Array(out.length))
  for (let i = out.length - 1; i > 0; i--) {
    const j = random[i] % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

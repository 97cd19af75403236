/** Immutable list edits shared by the designer, option lists and attribute lists. */

/** Moves the item at `index` by `delta` places; out-of-range moves return the list unchanged. */
export function move<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list
  const next = [...list]
  const [item] = next.splice(index, 1)
  next.splice(to, 0, item)
  return next
}

export function removeAt<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

export function replaceAt<T>(list: T[], index: number, item: T): T[] {
  return list.map((old, i) => (i === index ? item : old))
}

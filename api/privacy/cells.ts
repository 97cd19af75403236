// Cells (DESIGN.md, "The anonymity model" 5): the units a closed pulse's numbers are released in.
// The cohorts of a pulse are the leaves of a tree whose nodes are the attribute prefixes they
// keep. A cell is one or more children of one node; cells start as single cohorts and are merged
// with a sibling, never by answers or respondent counts, until each holds 0 or ≥ k. Every
// released number is then a sum over whole cells, so no combination of released numbers can
// single out fewer than k people.

/** One entry of a pulse's key list: what the gate may read of a cohort besides its counts. */
export interface KeyEntry {
  /** The cohort's key id; the key list is ordered by it. */
  id: string
  /** The attributes the cohort keeps: a prefix of the pulse's attribute order, with values. */
  cohort: Record<string, string>
  /** Members who had joined when the cohort was formed (`eligible` where that was not recorded). */
  joined: number
}

/** A cell: cohorts released only together. */
export interface Cell {
  /** Its cohorts' key ids, in key-list order. */
  keyIds: string[]
  /** The attributes all its cohorts keep with the same value. */
  keeps: Record<string, string>
}

/** A node of the cohort tree, or a cohort (a leaf). */
interface Item {
  parent: Item | undefined
  children: Item[]
  /** Positions in the key list of the cohorts under it, ascending. */
  cohorts: number[]
  joined: number
}

/** Cells inside the tree: `members` are whole children of `node`. */
interface TreeCell {
  node: Item
  members: Set<Item>
  /** Positions in the key list, ascending. */
  cohorts: number[]
}

/** Test-only switches that show each rule is load-bearing (never set in the product). */
export interface CellRules {
  /** false: every cohort stays its own cell, small or not. */
  coarsen?: boolean
  /** How a small cell's partner is chosen: the sibling with the fewest joined (the rule), or the fewest respondents. */
  partner?: 'joined' | 'respondents'
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The cohort tree of a key list: built once, then coarsened for each measure. */
export class CohortTree {
  /** The key list, ordered by key id. */
  readonly keys: readonly KeyEntry[]
  readonly #root: Item
  readonly #leaves: Item[]

  /**
   * Builds the tree of `keys` for the pulse's attribute order. Throws a RangeError when a cohort
   * keeps something other than a prefix of `attributes`, or two cohorts keep the same values.
   */
  constructor(keys: readonly KeyEntry[], attributes: readonly string[]) {
    this.keys = [...keys].sort((a, b) => byCodeUnits(a.id, b.id))
    const labels = this.keys.map((key) => labelOf(key, attributes))
    const seen = new Set<string>()
    for (const label of labels) {
      const id = JSON.stringify(label)
      if (seen.has(id)) throw new RangeError(`two cohorts keep ${id}`)
      seen.add(id)
    }
    // Internal nodes: the root, and every proper prefix of a cohort's values.
    const nodes = new Map<string, Item>()
    const nodeAt = (values: string[]): Item => {
      const id = JSON.stringify(values)
      let node = nodes.get(id)
      if (!node) {
        const parent = values.length === 0 ? undefined : nodeAt(values.slice(0, -1))
        node = { parent, children: [], cohorts: [], joined: 0 }
        nodes.set(id, node)
        parent?.children.push(node)
      }
      return node
    }
    this.#root = nodeAt([])
    for (const label of labels) if (label.length > 0) nodeAt(label.slice(0, -1))
    // A cohort is the pooled leaf of the node it names if that node is split, else a child of
    // the node one attribute up.
    this.#leaves = labels.map((label, i) => {
      const own = nodes.get(JSON.stringify(label))
      const parent = own ?? nodeAt(label.slice(0, -1))
      const leaf: Item = { parent, children: [], cohorts: [i], joined: this.keys[i].joined }
      parent.children.push(leaf)
      for (let up: Item | undefined = parent; up; up = up.parent) {
        up.cohorts.push(i)
        up.joined += leaf.joined
      }
      return leaf
    })
    for (const node of nodes.values()) node.cohorts.sort((a, b) => a - b)
  }

  /** Every cohort its own cell. */
  leafCells(): TreeCell[] {
    return this.#leaves.map((leaf) => this.#normalized(leaf.parent!, new Set([leaf])))
  }

  /**
   * Merges cells until each holds 0 or ≥ k by `weight` (per key-list position): while a cell
   * holds 1..k−1 (the first in key-list order), it is merged with every cell under the sibling
   * that has the fewest joined members (ties in key-list order). Returns null when a cell that
   * stands for the root holds 1..k−1: then nothing may be released for this measure.
   * Guarantees: the cells partition the cohorts, each is whole children of one node, each holds
   * 0 or ≥ k; the choice of partner never reads `weight`.
   */
  coarsen(
    start: TreeCell[],
    weight: (position: number) => number,
    k: number,
    rules: CellRules = {},
  ): TreeCell[] | null {
    let cells = [...start]
    const total = (positions: number[]) => positions.reduce((sum, p) => sum + weight(p), 0)
    const small = (cell: TreeCell) => {
      const n = total(cell.cohorts)
      return n > 0 && n < k
    }
    if (rules.coarsen === false) return cells
    const size = (item: Item) =>
      rules.partner === 'respondents' ? total(item.cohorts) : item.joined
    for (;;) {
      cells.sort((a, b) => a.cohorts[0] - b.cohorts[0])
      const cell = cells.find(small)
      if (!cell) return cells
      if (this.#standsForRoot(cell)) return null
      const siblings = cell.node.children.filter((child) => !cell.members.has(child))
      const partner = siblings.reduce((best, s) =>
        size(s) < size(best) || (size(s) === size(best) && s.cohorts[0] < best.cohorts[0])
          ? s
          : best,
      )
      const under = new Set(partner.cohorts)
      const members = new Set(cell.members)
      const absorbed = cells.filter(
        (other) => other !== cell && other.cohorts.some((p) => under.has(p)),
      )
      for (const other of absorbed) {
        // A cell meeting the partner is either inside it or whole children of the same node.
        if (other.node === cell.node) for (const m of other.members) members.add(m)
        else members.add(partner)
      }
      const merged = this.#normalized(cell.node, members)
      cells = cells.filter((c) => c !== cell && !absorbed.includes(c)).concat(merged)
    }
  }

  /** The cells as the gate reports them: key ids and the attributes they keep. */
  describe(cells: TreeCell[]): Cell[] {
    return [...cells]
      .sort((a, b) => a.cohorts[0] - b.cohorts[0])
      .map((cell) => ({
        keyIds: cell.cohorts.map((p) => this.keys[p].id),
        keeps: commonValues(cell.cohorts.map((p) => this.keys[p].cohort)),
      }))
  }

  /** A cell of all of a node's children stands for that node: it moves up while that is so. */
  #normalized(node: Item, members: Set<Item>): TreeCell {
    while (node.parent && members.size === node.children.length) {
      members = new Set([node])
      node = node.parent
    }
    const cohorts = [...members].flatMap((m) => m.cohorts).sort((a, b) => a - b)
    return { node, members, cohorts }
  }

  #standsForRoot(cell: TreeCell): boolean {
    return cell.node === this.#root && cell.members.size === this.#root.children.length
  }
}

/** A cohort's values in attribute order; a RangeError unless it keeps a prefix of `attributes`. */
function labelOf(key: KeyEntry, attributes: readonly string[]): string[] {
  const names = Object.keys(key.cohort)
  const prefix = attributes.slice(0, names.length)
  // Compared as sets: Object.keys puts integer-like names first whatever the insertion order.
  if (names.length > attributes.length || names.some((name) => !prefix.includes(name))) {
    throw new RangeError(`cohort ${key.id} keeps [${names}], not a prefix of [${attributes}]`)
  }
  return prefix.map((name) => key.cohort[name])
}

/** The attribute values every label shares. */
function commonValues(labels: Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = labels
  return Object.fromEntries(
    Object.entries(first).filter(([name, value]) =>
      rest.every((l) => Object.hasOwn(l, name) && l[name] === value),
    ),
  )
}

export type { TreeCell }

// What a cut's `{}` group holds, read from its `keyIds` and the pulse's key list, so that a report
// says which groups were counted together to protect anonymity instead of "other or no role".
// DESIGN.md 5: a cut by X counts a cell under its value of X only where the cell keeps X; a cell
// merged at close with a sibling of another value keeps no X and lands in `{}`, and so do the
// cohorts that were never split by X when the pulse opened. Pure functions of API data.
import type { ReportGroup } from '../api-types'

/** A cohort of the pulse's key list (GET /api/pulses/:pid/keys), as far as this needs it. */
export interface KeyCohort {
  keyId: string
  cohort: Record<string, string>
}

export interface OtherGroup {
  /** The `{}` group's row name: "role: care + mixed", "tenure: mixed". */
  label: string
  /** Why the group holds what it holds, in sentences. */
  notes: string[]
}

const quoted = (items: string[]) => items.map((item) => `“${item}”`)

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

const describe = (cohort: Record<string, string>) =>
  Object.entries(cohort)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')

/**
 * The `{}` group of a cut by `by`, explained: the values of `by` whose cohorts it counts (they
 * were merged at close with another group, because too few answered in one of them) and the
 * members never told apart by `by` (splitting them would have left a group under k who had
 * joined). Undefined when the cut has no released `{}` group or its cohorts are not in `keys`.
 */
export function explainOtherGroup(
  groups: ReportGroup[],
  keys: KeyCohort[],
  by: string,
  k: number,
): OtherGroup | undefined {
  const other = groups.find((g) => !g.suppressed && Object.keys(g.cohort).length === 0)
  if (!other || other.suppressed) return undefined
  const byId = new Map(keys.map((key) => [key.keyId, key.cohort]))
  const cohorts = other.keyIds.map((id) => byId.get(id))
  if (!cohorts.length || cohorts.some((c) => c === undefined)) return undefined
  const valued = cohorts.filter((c) => c![by] !== undefined)
  const unsplit = cohorts.filter((c) => c![by] === undefined)
  const own = new Set(
    groups.filter((g) => g.cohort[by] !== undefined && !g.suppressed).map((g) => g.cohort[by]),
  )
  const values = [...new Set(valued.map((c) => c![by]))].sort()
  const names = values.map((v) => (own.has(v) ? `part of ${v}` : v))
  const mixed = unsplit.length > 0
  const label = `${by}: ${[...names, ...(mixed ? ['mixed'] : [])].join(' + ')}`

  const notes: string[] = []
  if (values.length) {
    const together = [...quoted(names), ...(mixed ? ['the members counted as “mixed”'] : [])]
    notes.push(
      `To protect anonymity, ${list(together)} were counted together in this pulse: too few answered in at least one of them to show it on its own.`,
    )
  }
  if (mixed) {
    const within = [...new Set(unsplit.map((c) => describe(c!)).filter(Boolean))].sort()
    const who = within.length ? `In ${list(within)}, members are` : 'Some members are'
    notes.push(
      `${who} counted without their ${by} (“mixed”): when the pulse opened, telling their ${by} apart would have left a group of fewer than ${k} members who had joined.`,
    )
  }
  return { label, notes }
}

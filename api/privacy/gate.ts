// The disclosure gate (DESIGN.md, "The anonymity model" 5), run once when a pulse closes. Its
// rule: no linear combination of released numbers equals the respondent count or histogram of a
// set of cohorts holding 1..k−1 respondents. It holds by construction: numbers are released only
// for unions of whole cells (cells.ts), each holding 0 or ≥ k, so every combination of them is
// constant on each cell. The atom check then verifies the rule on what is actually released, and
// refuses the release if it fails.
import { CohortTree, type Cell, type CellRules, type KeyEntry, type TreeCell } from './cells'

export type { Cell, KeyEntry } from './cells'

/** Exact counts per cohort, which the gate reads and never releases. */
export interface GateCounts {
  /** Respondents per key id. */
  respondents: ReadonlyMap<string, number>
  /** Per non-text question id: how many of each cohort's respondents answered it. */
  answered: ReadonlyMap<string, ReadonlyMap<string, number>>
}

/** A group a cut may show: a union of whole cells. */
export interface PlannedGroup {
  /** `{}` for everyone, or for the cells that do not keep the cut's attribute X; else `{ X: v }`. */
  cohort: Record<string, string>
  /** Every cohort it counts, in key-list order. */
  keyIds: string[]
  /** The questions whose numbers it may show: those whose cells it is a union of. */
  questions: string[]
}

export interface ReleasePlan {
  /** Per cut ('' for everyone, else an attribute): its groups, by value, `{}` last. */
  cuts: Record<string, PlannedGroup[]>
  /** The cells of the respondents; null when a cell standing for the root holds 1..k−1. */
  cells: Cell[] | null
  /** Per question, its cells; null where it is suppressed everywhere. */
  questionCells: Record<string, Cell[] | null>
}

/** Counts the thresholds read: exact in threshold mode, noisy in noise mode. */
export interface ObservedCounts {
  respondents: number
  /** Per question. */
  answered: Record<string, number>
}

export interface GroupDecision {
  suppressed: boolean
  /** The questions it must not show; [] when the group is suppressed. */
  suppressedQuestions: string[]
}

/** Test-only switches, to show that each rule is load-bearing (never set in the product). */
export interface GateRules extends CellRules {
  /** false: optional questions share the respondents' cells instead of being coarsened further. */
  questionCells?: boolean
  /** false: the atom check does not run, so a test's own attacker must catch what slips through. */
  atomCheck?: boolean
}

/** The atom check found a set of cohorts the released numbers single out: nothing may be released. */
export class ReleaseRefused extends Error {
  override name = 'ReleaseRefused'
  constructor(readonly problems: string[]) {
    super(`the release would single out fewer than k: ${problems.join('; ')}`)
  }
}

/**
 * The groups a closed pulse may release, per cut, from the key list and exact counts. Cells are
 * coarsened on the respondents; each question's cells are coarsened further, from those, on its
 * answerers (a required question's answerers are its respondents, so its cells are theirs). A cut by X counts a cell under its value of X where the cell keeps X,
 * under the cut's `{}` group otherwise. Guarantees the three invariants of DESIGN.md 5: the cells
 * partition the cohorts, each holds 0 or ≥ k, every group is a union of whole cells; and a
 * question is allowed in a group only where the group is a union of that question's cells.
 */
export function planRelease(
  keys: readonly KeyEntry[],
  attributes: readonly string[],
  k: number,
  counts: GateCounts,
  rules: GateRules = {},
): ReleasePlan {
  if (!Number.isInteger(k) || k < 3) throw new RangeError('k must be an integer of at least 3')
  const tree = new CohortTree(keys, attributes)
  const weightOf = (byKey: ReadonlyMap<string, number>) => (position: number) => {
    const n = byKey.get(tree.keys[position].id) ?? 0
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`count ${n} of cohort ${tree.keys[position].id}`)
    return n
  }
  const cells = tree.coarsen(tree.leafCells(), weightOf(counts.respondents), k, rules)
  const questionCells = new Map<string, TreeCell[] | null>()
  for (const [question, answered] of counts.answered) {
    if (!cells) questionCells.set(question, null)
    else if (rules.questionCells === false) questionCells.set(question, cells)
    else questionCells.set(question, tree.coarsen(cells, weightOf(answered), k, rules))
  }
  // With nothing releasable, the groups are those of a pulse nobody answered (every cohort its
  // own cell), all shown suppressed: the view must not tell 1..k−1 respondents from none.
  const grouped = tree.describe(cells ?? tree.leafCells())
  const allowedBy = [...questionCells].map(([q, qCells]) => ({
    q,
    qCells: qCells && tree.describe(qCells),
  }))
  const cuts: Record<string, PlannedGroup[]> = {}
  for (const cut of ['', ...attributes]) {
    cuts[cut] = groupBy(grouped, cut).map(({ cohort, keyIds }) => {
      const inGroup = new Set(keyIds)
      const questions = allowedBy
        .filter(
          ({ qCells }) => qCells !== null && qCells.every((c) => wholeOrNone(c.keyIds, inGroup)),
        )
        .map(({ q }) => q)
      return { cohort, keyIds, questions }
    })
  }
  const described = (c: TreeCell[] | null) => (c ? tree.describe(c) : null)
  return {
    cuts,
    cells: described(cells),
    questionCells: Object.fromEntries([...questionCells].map(([q, c]) => [q, described(c)])),
  }
}

/**
 * What each planned group shows: a group is suppressed when it holds no respondent or fewer than
 * k by `observed`; a question in it when it is not allowed there, has no answerer, or fewer than
 * k by `observed`. Then the atom check, on exact counts: throws ReleaseRefused if any set of
 * cohorts that no released group separates holds 1..k−1, for the respondents or for a question's
 * answerers.
 */
export function decideRelease(
  plan: ReleasePlan,
  keys: readonly KeyEntry[],
  k: number,
  counts: GateCounts,
  observed: (cut: string, index: number) => ObservedCounts,
  rules: GateRules = {},
): Record<string, GroupDecision[]> {
  const sum = (byKey: ReadonlyMap<string, number>, keyIds: string[]) =>
    keyIds.reduce((total, id) => total + (byKey.get(id) ?? 0), 0)
  const questions = [...counts.answered.keys()]
  const decisions: Record<string, GroupDecision[]> = {}
  for (const [cut, groups] of Object.entries(plan.cuts)) {
    decisions[cut] = groups.map((group, i) => {
      const seen = observed(cut, i)
      const exact = sum(counts.respondents, group.keyIds)
      if (plan.cells === null || exact === 0 || seen.respondents < k)
        return { suppressed: true, suppressedQuestions: [] }
      const shows = (q: string) =>
        group.questions.includes(q) &&
        sum(counts.answered.get(q)!, group.keyIds) > 0 &&
        (seen.answered[q] ?? 0) >= k
      return { suppressed: false, suppressedQuestions: questions.filter((q) => !shows(q)) }
    })
  }
  const released = (shows: (d: GroupDecision) => boolean) =>
    Object.entries(plan.cuts).flatMap(([cut, groups]) =>
      groups.filter((_, i) => shows(decisions[cut][i])).map((g) => g.keyIds),
    )
  const problems = [
    ...atomProblems(
      keys,
      released((d) => !d.suppressed),
      counts.respondents,
      k,
      'respondents',
    ),
    ...questions.flatMap((q) =>
      atomProblems(
        keys,
        released((d) => !d.suppressed && !d.suppressedQuestions.includes(q)),
        counts.answered.get(q)!,
        k,
        `answers to ${q}`,
      ),
    ),
  ]
  if (problems.length > 0 && rules.atomCheck !== false) throw new ReleaseRefused(problems)
  return decisions
}

/**
 * The atom check: the atoms of `groups` are the maximal sets of cohorts that no group separates
 * (same membership in every group). Every combination of the groups' numbers is constant on each
 * atom, so only unions of atoms can be derived; lists each atom holding 1..k−1 by `weight`.
 * Cohorts in no group are left out: no combination reads them.
 */
export function atomProblems(
  keys: readonly KeyEntry[],
  groups: readonly (readonly string[])[],
  weight: ReadonlyMap<string, number>,
  k: number,
  measure: string,
): string[] {
  const signatures = new Map<string, string[]>()
  for (const { id } of keys) {
    const inGroups = groups.flatMap((g, i) => (g.includes(id) ? [i] : []))
    if (inGroups.length === 0) continue
    const signature = inGroups.join(',')
    signatures.set(signature, [...(signatures.get(signature) ?? []), id])
  }
  return [...signatures.values()].flatMap((atom) => {
    const n = atom.reduce((total, id) => total + (weight.get(id) ?? 0), 0)
    return n > 0 && n < k ? [`${measure}: cohorts ${atom.join(', ')} hold ${n}`] : []
  })
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** A cut of cells: by the value each keeps of `attribute` ('' = one group of all). */
function groupBy(
  cells: Cell[],
  attribute: string,
): { cohort: Record<string, string>; keyIds: string[] }[] {
  if (attribute === '') return [{ cohort: {}, keyIds: sortedIds(cells) }]
  const byValue = new Map<string, Cell[]>()
  const rest: Cell[] = []
  for (const cell of cells) {
    if (Object.hasOwn(cell.keeps, attribute))
      byValue.set(cell.keeps[attribute], [...(byValue.get(cell.keeps[attribute]) ?? []), cell])
    else rest.push(cell)
  }
  const ordered = [...byValue.keys()].sort(byCodeUnits)
  const unions = ordered.map((value) => ({
    cohort: { [attribute]: value },
    cells: byValue.get(value)!,
  }))
  if (rest.length > 0) unions.push({ cohort: {}, cells: rest })
  return unions.map(({ cohort, cells: members }) => ({ cohort, keyIds: sortedIds(members) }))
}

const sortedIds = (cells: Cell[]) => cells.flatMap((c) => c.keyIds).sort(byCodeUnits)

const wholeOrNone = (keyIds: string[], group: Set<string>) =>
  keyIds.every((id) => group.has(id)) || keyIds.every((id) => !group.has(id))

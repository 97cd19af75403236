// Cohort formation: the one rule of API.md ("Public", the cohort rule). Each cohort gets its own
// signing key, so a response reveals its cohort and nothing finer; every cohort must therefore
// hold at least k members who have joined (DESIGN.md 3): invitees who never joined could be
// anyone's padding, so they never count towards k.

export interface CohortMember {
  id: string
  attributes: Record<string, string>
  /** Holds a working member key now. */
  joined: boolean
}

export interface Cohort {
  /** The attributes this cohort keeps: a prefix of the priority order, with their values. */
  cohort: Record<string, string>
  memberIds: string[]
  /** How many of `memberIds` had joined when it was formed. */
  joined: number
}

/** Thrown when fewer than k members are eligible: no cohort could be formed (the route: 422). */
export class TooFewMembersError extends Error {
  override name = 'TooFewMembersError'
  constructor(
    readonly members: number,
    readonly k: number,
  ) {
    super(`${members} eligible members, at least ${k} needed`)
  }
}

/** A member's value for an attribute; missing and empty both mean "no value". */
export function attributeValue(member: CohortMember, attribute: string): string | undefined {
  // Own properties only: an attribute named like an Object.prototype member must not match.
  if (!Object.hasOwn(member.attributes, attribute)) return undefined
  const value = member.attributes[attribute]
  return typeof value === 'string' && value !== '' ? value : undefined
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Partitions members into cohorts by API.md's rule, counting only joined members: a node is split
 * by the next attribute in priority order; each value held by at least k joined members becomes
 * a child node, split further; the rest (rarer values, no value) are pooled into one leaf keeping
 * the node's cohort if the pool holds at least k joined; a pool with members but fewer than k
 * joined leaves the node unsplit, a leaf itself. The root always exists.
 * Guarantees: every cohort holds ≥ k joined members unless it is the only one (a lone root),
 * keeps a prefix of `attributes` that all its members share; cohorts are disjoint and cover every
 * member. Output is deterministic: depth first, children by value (code unit order), a node's
 * pool after its children, members in input order. Throws `TooFewMembersError` when fewer than k
 * members are eligible.
 */
export function formCohorts(members: CohortMember[], attributes: string[], k: number): Cohort[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer')
  if (new Set(members.map((m) => m.id)).size !== members.length) {
    // A repeated member would count twice towards k.
    throw new RangeError('member ids must be unique')
  }
  if (members.length < k) throw new TooFewMembersError(members.length, k)
  const cohorts: Cohort[] = []
  split(members, [], attributes, k, cohorts)
  return cohorts
}

function split(
  node: CohortMember[],
  kept: [string, string][],
  attributes: string[],
  k: number,
  out: Cohort[],
): void {
  const leaf = (members: CohortMember[]) => {
    out.push({
      cohort: Object.fromEntries(kept),
      memberIds: members.map((m) => m.id),
      joined: joinedIn(members),
    })
  }
  const depth = kept.length
  if (depth === attributes.length) return leaf(node)
  const attribute = attributes[depth]
  const byValue = new Map<string, CohortMember[]>()
  const pool: CohortMember[] = []
  for (const member of node) {
    const value = attributeValue(member, attribute)
    if (value === undefined) pool.push(member)
    else if (byValue.has(value)) byValue.get(value)!.push(member)
    else byValue.set(value, [member])
  }
  const children: [string, CohortMember[]][] = []
  for (const [value, group] of byValue) {
    if (joinedIn(group) >= k) children.push([value, group])
    else pool.push(...group)
  }
  // A pool with fewer than k joined could neither stand alone nor be hidden in a child without
  // breaking the prefix rule, so the node stays whole. A pool of the whole node is a leaf too.
  if ((pool.length > 0 && joinedIn(pool) < k) || children.length === 0) return leaf(node)
  children.sort((a, b) => byCodeUnits(a[0], b[0]))
  for (const [value, group] of children) {
    split(group, [...kept, [attribute, value]], attributes, k, out)
  }
  if (pool.length > 0) {
    const pooled = new Set(pool)
    leaf(node.filter((m) => pooled.has(m)))
  }
}

const joinedIn = (members: CohortMember[]) => members.reduce((n, m) => n + (m.joined ? 1 : 0), 0)

/**
 * Lists every way `cohorts` fails to be a valid partition of `members` for `attributes` and k:
 * a cohort under k joined (unless it is the only one), a wrong joined count, a cohort whose keys are not a prefix of the priority order, a member lacking
 * its cohort's values, an unknown or repeated member, a member in no cohort. Empty means valid.
 * It does not check that the split is the one `formCohorts` makes.
 */
export function partitionProblems(
  members: CohortMember[],
  attributes: string[],
  k: number,
  cohorts: Cohort[],
): string[] {
  const problems: string[] = []
  const byId = new Map(members.map((m) => [m.id, m]))
  const seen = new Set<string>()
  cohorts.forEach(({ cohort, memberIds, joined }, i) => {
    const keys = Object.keys(cohort)
    const counted = memberIds.filter((id) => byId.get(id)?.joined).length
    if (counted !== joined) problems.push(`cohort ${i} says ${joined} joined, holds ${counted}`)
    if (counted < k && cohorts.length > 1)
      problems.push(`cohort ${i} holds ${counted} joined < ${k}`)
    // Compared as sets: Object.keys puts integer-like names first whatever the insertion order.
    const prefix = new Set(attributes.slice(0, keys.length))
    if (keys.length > attributes.length || keys.some((key) => !prefix.has(key))) {
      problems.push(`cohort ${i} keeps [${keys}], not a prefix of [${attributes}]`)
    }
    for (const id of memberIds) {
      const member = byId.get(id)
      if (!member) problems.push(`cohort ${i} holds unknown member ${id}`)
      else if (keys.some((key) => attributeValue(member, key) !== cohort[key])) {
        problems.push(`cohort ${i} holds member ${id} without its values`)
      }
      if (seen.has(id)) problems.push(`member ${id} is in more than one cohort`)
      seen.add(id)
    }
  })
  for (const id of byId.keys()) if (!seen.has(id)) problems.push(`member ${id} is in no cohort`)
  return problems
}

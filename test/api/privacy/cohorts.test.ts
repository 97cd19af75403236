import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type Cohort,
  type CohortMember,
  formCohorts as formWithJoined,
  partitionProblems,
  TooFewMembersError,
} from '../../../api/privacy/cohorts'
import { createRandom, type Random } from '../../helpers/random'

const test = suite('cohorts')

/** Members m0, m1, … with the given attribute maps, all joined. */
function community(...attributeMaps: Record<string, string>[]): CohortMember[] {
  return attributeMaps.map((attributes, i) => ({ id: `m${i}`, attributes, joined: true }))
}

/** The cohorts without their joined counts, checked to be their sizes (every member joined here). */
function formCohorts(
  members: CohortMember[],
  attributes: string[],
  k: number,
): Omit<Cohort, 'joined'>[] {
  return formWithJoined(members, attributes, k).map(({ joined, ...cohort }) => {
    assert.is(
      joined,
      cohort.memberIds.filter((id) => members.find((m) => m.id === id)!.joined).length,
    )
    return cohort
  })
}

const times = (n: number, attributes: Record<string, string>) => Array(n).fill(attributes)
const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `m${from + i}`)

test('forms one cohort of everyone when there are no attributes', () => {
  const members = community(...times(7, { team: 'a' }))
  assert.equal(formCohorts(members, [], 5), [{ cohort: {}, memberIds: ids(0, 7) }])
})

test('needs exactly k members in total', () => {
  assert.equal(formCohorts(community(...times(5, {})), ['team'], 5), [
    { cohort: {}, memberIds: ids(0, 5) },
  ])
  try {
    formCohorts(community(...times(4, {})), ['team'], 5)
    assert.unreachable('4 members with k = 5 must throw')
  } catch (error) {
    assert.instance(error, TooFewMembersError)
    assert.is((error as TooFewMembersError).members, 4)
    assert.is((error as TooFewMembersError).k, 5)
  }
})

test('makes a child of a value held by exactly k and pools a value held by k − 1', () => {
  const members = community(...times(5, { team: 'a' }), ...times(4, { team: 'b' }), ...times(1, {}))
  assert.equal(formCohorts(members, ['team'], 5), [
    { cohort: { team: 'a' }, memberIds: ids(0, 5) },
    { cohort: {}, memberIds: ids(5, 10) },
  ])
})

test('pools the rarer values into one leaf that keeps only the node attributes', () => {
  const members = community(
    { team: 'c' },
    ...times(5, { team: 'b' }),
    { team: 'd' },
    ...times(5, { team: 'a' }),
    { team: 'c' },
    { team: 'd' },
    { team: 'd' },
  )
  assert.equal(formCohorts(members, ['team'], 5), [
    { cohort: { team: 'a' }, memberIds: ids(7, 12) },
    { cohort: { team: 'b' }, memberIds: ids(1, 6) },
    { cohort: {}, memberIds: ['m0', 'm6', 'm12', 'm13', 'm14'] },
  ])
})

test('leaves a node unsplit when its pool holds 1..k−1', () => {
  const members = community(...times(5, { team: 'a' }), ...times(5, { team: 'b' }), { team: 'c' })
  assert.equal(formCohorts(members, ['team', 'role'], 5), [{ cohort: {}, memberIds: ids(0, 11) }])
})

test('treats a missing and an empty value alike, as no value', () => {
  const members = community(...times(5, { team: 'a' }), ...times(3, {}), ...times(2, { team: '' }))
  assert.equal(formCohorts(members, ['team'], 5), [
    { cohort: { team: 'a' }, memberIds: ids(0, 5) },
    { cohort: {}, memberIds: ids(5, 10) },
  ])
  const fewer = community(...times(5, { team: 'a' }), {}, { team: '' })
  assert.equal(formCohorts(fewer, ['team'], 5), [{ cohort: {}, memberIds: ids(0, 7) }])
})

test('splits deeper attributes and stops where the rule says', () => {
  const members = community(
    ...times(5, { team: 'a', role: 'x' }),
    ...times(5, { team: 'a', role: 'y' }),
    ...times(3, { team: 'b', role: 'x' }),
    ...times(3, { team: 'b', role: 'y' }),
    ...times(6, { team: 'c', role: 'x' }),
    ...times(4, { team: 'c', role: 'y' }),
  )
  assert.equal(formCohorts(members, ['team', 'role'], 5), [
    { cohort: { team: 'a', role: 'x' }, memberIds: ids(0, 5) },
    { cohort: { team: 'a', role: 'y' }, memberIds: ids(5, 10) },
    { cohort: { team: 'b' }, memberIds: ids(10, 16) },
    { cohort: { team: 'c' }, memberIds: ids(16, 26) },
  ])
})

test('never splits a pooled leaf by later attributes', () => {
  const members = community(...times(5, { team: 'a', role: 'x' }), ...times(6, { role: 'x' }))
  assert.equal(formCohorts(members, ['team', 'role'], 5), [
    { cohort: { team: 'a', role: 'x' }, memberIds: ids(0, 5) },
    { cohort: {}, memberIds: ids(5, 11) },
  ])
})

test('orders children by value in code unit order, the pool last', () => {
  const members = community(
    ...times(3, { t: 'b' }),
    ...times(3, { t: 'B' }),
    ...times(3, { t: 'a' }),
    ...times(3, {}),
  )
  const cohorts = formCohorts(members, ['t'], 3)
  assert.equal(
    cohorts.map((c) => c.cohort.t ?? '-'),
    ['B', 'a', 'b', '-'],
  )
})

test('ignores inherited properties and refuses repeated members', () => {
  const members = community(...times(3, { team: 'a' }), ...times(3, {}))
  assert.equal(formCohorts(members, ['constructor', '__proto__'], 3), [
    { cohort: {}, memberIds: ids(0, 6) },
  ])
  assert.throws(
    () => formCohorts([...members, members[0]], [], 3),
    (e: unknown) => e instanceof RangeError,
  )
})

test('reports the partition problems it is given', () => {
  const members = community(...times(3, { team: 'a' }), ...times(3, { team: 'b' }))
  const bad: Cohort[] = [
    { cohort: { team: 'a' }, memberIds: ['m0', 'm1', 'm3'], joined: 3 },
    { cohort: { role: 'x' }, memberIds: ['m3', 'm4'], joined: 1 },
  ]
  const problems = partitionProblems(members, ['team', 'role'], 3, bad)
  assert.ok(problems.some((p) => p.includes('without its values')))
  assert.ok(problems.some((p) => p.includes('not a prefix')))
  assert.ok(problems.some((p) => p.includes('more than one cohort')))
  assert.ok(problems.some((p) => p.includes('m5 is in no cohort')))
  assert.ok(problems.some((p) => p.includes('holds 2 joined < 3')))
  assert.ok(problems.some((p) => p.includes('says 1 joined, holds 2')))
  assert.equal(partitionProblems(members, ['team'], 3, formWithJoined(members, ['team'], 3)), [])
})

test('counts only joined members: invitees who never joined cannot make a cohort', () => {
  // Team a: 2 joined + 10 invitees; team b: 6 joined. Counting eligible, a would split off.
  const members = [
    ...community(...times(12, { team: 'a' })).map((m, i) => ({ ...m, joined: i < 2 })),
    ...community(...times(6, { team: 'b' })).map((m, i) => ({ ...m, id: `b${i}` })),
  ]
  assert.equal(formWithJoined(members, ['team'], 5), [
    { cohort: {}, memberIds: members.map((m) => m.id), joined: 8 },
  ])
  // With 3 of team a joined, a's pool is still under k: the root stays whole.
  members[2].joined = true
  members[3].joined = true
  members[4].joined = true
  assert.equal(
    formWithJoined(members, ['team'], 5).map((c) => [c.cohort, c.memberIds.length, c.joined]),
    [
      [{ team: 'a' }, 12, 5],
      [{ team: 'b' }, 6, 6],
    ],
  )
})

test('a first pulse with nobody joined is one lone root', () => {
  const members = community(...times(50, { team: 'a' })).map((m) => ({ ...m, joined: false }))
  assert.equal(formWithJoined(members, ['team'], 5), [
    { cohort: {}, memberIds: members.map((m) => m.id), joined: 0 },
  ])
  assert.equal(partitionProblems(members, ['team'], 5, formWithJoined(members, ['team'], 5)), [])
})

test('a rare team with members but none joined stays pooled', () => {
  const members = [
    ...community(...times(6, { team: 'a' })),
    ...community(...times(6, { team: 'b' })).map((m, i) => ({ ...m, id: `b${i}` })),
    ...community(...times(7, { team: 'rare' })).map((m, i) => ({
      ...m,
      id: `r${i}`,
      joined: false,
    })),
  ]
  // The rare team's 7 members hold 0 joined: they cannot stand alone, and the pool of 7 with 0
  // joined leaves the root unsplit.
  assert.equal(
    formWithJoined(members, ['team'], 5).map((c) => [c.cohort, c.memberIds.length, c.joined]),
    [[{}, 19, 12]],
  )
})

// An independent statement of the rule, per member: walk down from the root while the member's
// node is split and the member's value is frequent there (held by ≥ k joined); where the walk
// stops is its cohort.
function referenceCohortKey(member: CohortMember, all: CohortMember[], attrs: string[], k: number) {
  const valueOf = (m: CohortMember, a: string) =>
    (Object.prototype.hasOwnProperty.call(m.attributes, a) && m.attributes[a]) || null
  let node = all
  const kept: string[] = []
  for (const a of attrs) {
    const counts = new Map<string, number>()
    for (const m of node) {
      const v = valueOf(m, a)
      if (v !== null && m.joined) counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    const frequent = (v: string | null) => v !== null && (counts.get(v) ?? 0) >= k
    const pool = node.filter((m) => !frequent(valueOf(m, a)))
    const poolJoined = pool.filter((m) => m.joined).length
    const mine = valueOf(member, a)
    if (pool.length === node.length || (pool.length > 0 && poolJoined < k) || !frequent(mine)) break
    kept.push(`${a}=${mine}`)
    node = node.filter((m) => valueOf(m, a) === mine)
  }
  return kept.join('&')
}

function canonical(cohorts: { key: string; memberIds: string[] }[]) {
  return cohorts.map((c) => `${c.key}: ${[...c.memberIds].sort().join(',')}`).sort()
}

/** A random community with skewed values: few common values, long tails, singletons, gaps. */
function randomCommunity(rnd: Random) {
  const size = rnd.chance(0.5) ? rnd.int(3, 30) : rnd.int(3, 300)
  const attributes = ['team', 'role', 'site', 'tenure'].slice(0, rnd.int(0, 4))
  const draws = attributes.map(() => {
    const missing = rnd.pick([0, 0, 0.05, 0.2, 0.5, 0.9])
    const values = rnd.int(1, rnd.pick([3, 8, 40]))
    const skew = rnd.pick([0, 1, 2, 3])
    const weights = Array.from({ length: values }, (_, i) => 1 / (i + 1) ** skew)
    const singletons = rnd.pick([0, 0, 0.1, 0.5, 1])
    return (i: number) => {
      if (rnd.chance(missing)) return rnd.chance(0.5) ? undefined : ''
      if (rnd.chance(singletons)) return `solo${i}`
      return `v${rnd.weighted(weights)}`
    }
  })
  const joinRate = rnd.pick([1, 1, 0.9, 0.6, 0.3, 0])
  const members = Array.from({ length: size }, (_, i) => {
    const map: Record<string, string> = {}
    attributes.forEach((a, d) => {
      const value = draws[d](i)
      if (value !== undefined) map[a] = value
    })
    return { id: `m${i}`, attributes: map, joined: rnd.chance(joinRate) }
  })
  return { members, attributes, k: rnd.int(3, 10) }
}

test('follows the rule exactly for 1000 random communities', () => {
  const seen = { tooFew: 0, pooledLeaf: 0, unsplit: 0, deep: 0 }
  for (let i = 0; i < 1000; i++) {
    const seed = 0x7c0 + i
    const at = `seed ${seed} (replay: randomCommunity(createRandom(${seed})))`
    const { members, attributes, k } = randomCommunity(createRandom(seed))
    if (members.length < k) {
      assert.throws(
        () => formCohorts(members, attributes, k),
        (e: unknown) => e instanceof TooFewMembersError,
        at,
      )
      seen.tooFew++
      continue
    }
    const cohorts = formWithJoined(members, attributes, k)
    assert.equal(partitionProblems(members, attributes, k, cohorts), [], at)
    const byKey = new Map<string, string[]>()
    for (const m of members) {
      const key = referenceCohortKey(m, members, attributes, k)
      byKey.set(key, [...(byKey.get(key) ?? []), m.id])
    }
    const expected = canonical([...byKey].map(([key, memberIds]) => ({ key, memberIds })))
    const keyOf = (c: Cohort) =>
      Object.entries(c.cohort)
        .map(([a, v]) => `${a}=${v}`)
        .join('&')
    const actual = canonical(cohorts.map((c) => ({ key: keyOf(c), memberIds: c.memberIds })))
    assert.equal(actual, expected, at)
    const shuffled = formWithJoined(createRandom(seed).shuffle(members), attributes, k)
    assert.equal(
      canonical(shuffled.map((c) => ({ key: keyOf(c), memberIds: c.memberIds }))),
      actual,
      at,
    )
    const depths = cohorts.map((c) => Object.keys(c.cohort).length)
    if (depths.some((d) => d >= 2)) seen.deep++
    if (cohorts.some((c, j) => j > 0 && depths[j] < depths[j - 1])) seen.pooledLeaf++
    if (attributes.length > 0 && cohorts.length === 1) seen.unsplit++
  }
  // The generator must reach every branch of the rule, else the property proves little.
  for (const [branch, count] of Object.entries(seen)) assert.ok(count >= 20, `${branch}: ${count}`)
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { formCohorts } from '../../api/privacy/cohorts'
import {
  type CohortCounts,
  type Disclosure,
  type DisclosureInput,
  disclose,
  formGroups,
} from '../../api/privacy/disclosure'
import { findDerivableUnion, RationalSpan } from '../../api/privacy/rational-span'
import { createRandom } from '../helpers/random'

const test = suite('disclosure')

const cohort = (
  id: string,
  keeps: Record<string, string>,
  respondents: number,
  answered: Record<string, number> = {},
): CohortCounts => ({ id, cohort: keeps, respondents, answered })

/** Per cut key, the groups as `label:respondents` with a `-` for suppressed, `?q` per question. */
function summary(view: Disclosure) {
  return Object.fromEntries(
    Object.entries(view.cuts).map(([key, groups]) => [
      key,
      groups.map((g) => {
        const label = Object.values(g.cohort)[0] ?? 'rest'
        const questions = g.suppressedQuestions.map((q) => ` ?${q}`).join('')
        return `${g.suppressed ? '-' : ''}${label}:${g.respondents}${questions}`
      }),
    ]),
  )
}

/** The released sets (cohort indices) for respondents or one question, as a report shows them. */
function released(input: DisclosureInput, view: Disclosure, question?: string) {
  const index = new Map(input.cohorts.map((c, i) => [c.id, i]))
  return Object.values(view.cuts)
    .flat()
    .filter((g) => !g.suppressed && !(question && g.suppressedQuestions.includes(question)))
    .map((g) => g.cohortIds.map((id) => index.get(id)!))
}

const team = (value: string, respondents: number, answered?: Record<string, number>) =>
  cohort(value, { team: value }, respondents, answered)

test('forms the overall group and one cut per attribute, by value, the rest last', () => {
  const cohorts = [
    cohort('c1', { team: 'b', role: 'x' }, 5),
    cohort('c2', { team: 'B' }, 5),
    cohort('c3', { team: 'a', role: 'y' }, 5),
    cohort('c4', {}, 5),
    cohort('c5', { team: 'b', role: 'y' }, 5),
  ]
  // An attribute named like an Object.prototype member is a cut like any other.
  const { constructor: odd, ...groups } = formGroups(cohorts, ['team', 'role', 'constructor'])
  assert.equal(odd, [{ cohort: {}, cohortIds: ['c1', 'c2', 'c3', 'c4', 'c5'] }])
  assert.equal(groups, {
    '': [{ cohort: {}, cohortIds: ['c1', 'c2', 'c3', 'c4', 'c5'] }],
    team: [
      { cohort: { team: 'B' }, cohortIds: ['c2'] },
      { cohort: { team: 'a' }, cohortIds: ['c3'] },
      { cohort: { team: 'b' }, cohortIds: ['c1', 'c5'] },
      { cohort: {}, cohortIds: ['c4'] },
    ],
    role: [
      { cohort: { role: 'x' }, cohortIds: ['c1'] },
      { cohort: { role: 'y' }, cohortIds: ['c3', 'c5'] },
      { cohort: {}, cohortIds: ['c2', 'c4'] },
    ],
  })
  // No rest group when every cohort keeps the attribute.
  assert.equal(formGroups([cohort('c1', { team: 'a' }, 5)], ['team']).team.length, 1)
})

test('primary: suppresses each group under k, and no more when the suppressed hold ≥ k', () => {
  const input = {
    cohorts: [team('a', 2), team('b', 3), team('c', 6), team('d', 7)],
    attributes: ['team'],
    k: 5,
    optionalQuestions: [],
  }
  const view = disclose(input)
  assert.equal(summary(view), { '': ['rest:18'], team: ['-a:2', '-b:3', 'c:6', 'd:7'] })
  assert.is(view.failSafe, false)
  assert.equal(view.cuts.team[0], {
    cohort: { team: 'a' },
    cohortIds: ['a'],
    respondents: 2,
    suppressed: true,
    suppressedQuestions: [],
  })
})

test('suppresses empty groups, which then look like any suppressed group', () => {
  const input = {
    cohorts: [
      team('a', 0, { q: 0 }),
      team('b', 3, { q: 1 }),
      team('c', 6, { q: 6 }),
      team('d', 9, { q: 9 }),
    ],
    attributes: ['team'],
    k: 5,
    optionalQuestions: ['q'],
  }
  const view = disclose(input)
  assert.equal(summary(view).team, ['-a:0', '-b:3', '-c:6', 'd:9'])
  const { respondents: _a, cohort: _c, cohortIds: _i, ...empty } = view.cuts.team[0]
  const { respondents: _b, cohort: _d, cohortIds: _j, ...small } = view.cuts.team[1]
  assert.equal(empty, small)
  // Noise mode: an empty group stays suppressed whatever its noisy count.
  const noisy = {
    '': [{ respondents: 18 }],
    team: [{ respondents: 9 }, { respondents: 8 }, { respondents: 6 }, { respondents: 9 }],
  }
  assert.ok(disclose({ ...input, noisy }).cuts.team[0].suppressed)
})

test('complementary: suppresses the next-smallest group of the cut, ties first in order', () => {
  const input = {
    cohorts: [team('a', 2), team('b', 6), team('c', 7), team('d', 9)],
    attributes: ['team'],
    k: 5,
    optionalQuestions: [],
  }
  assert.equal(summary(disclose(input)).team, ['-a:2', '-b:6', 'c:7', 'd:9'])
  const primaryOnly = disclose(input, { rules: { complementary: false, linear: false } })
  assert.equal(summary(primaryOnly).team, ['-a:2', 'b:6', 'c:7', 'd:9'])
  const tie = { ...input, cohorts: [team('a', 6), team('b', 2), team('c', 6), team('d', 9)] }
  assert.equal(summary(disclose(tie)).team, ['-a:6', '-b:2', 'c:6', 'd:9'])
  // A cut whose only suppressed group is empty reveals nothing: no complementary suppression.
  const empty = { ...input, cohorts: [team('a', 0), team('b', 6), team('c', 7)] }
  assert.equal(summary(disclose(empty)).team, ['-a:0', 'b:6', 'c:7'])
})

// Team a splits by role into x, y and a pool; team b into z and a pool. Every group holds ≥ 5 and
// no group minus a group inside it holds fewer, yet a − x − y is the pool of team a: 2 people.
const combination = {
  cohorts: [
    cohort('ax', { team: 'a', role: 'x' }, 5, { q: 5 }),
    cohort('ay', { team: 'a', role: 'y' }, 5, { q: 5 }),
    cohort('a', { team: 'a' }, 2, { q: 2 }),
    cohort('bz', { team: 'b', role: 'z' }, 5, { q: 5 }),
    cohort('b', { team: 'b' }, 5, { q: 5 }),
  ],
  attributes: ['team', 'role'],
  k: 5,
  optionalQuestions: [],
}

test('linear audit: catches a 3-group combination that pairwise checks miss', () => {
  const input = combination
  const weights = input.cohorts.map((c) => c.respondents)
  const without = disclose(input, { rules: { linear: false } })
  assert.ok(
    Object.values(without.cuts)
      .flat()
      .every((g) => !g.suppressed),
  )
  const groups = released(input, without)
  const total = (set: number[]) => set.reduce((s, c) => s + weights[c], 0)
  const pairwise = groups.flatMap((a) =>
    groups.filter((b) => b !== a && b.every((c) => a.includes(c))).map((b) => total(a) - total(b)),
  )
  assert.ok(
    pairwise.every((n) => n === 0 || n >= 5),
    `${pairwise}`,
  )
  assert.equal(findDerivableUnion(groups, weights, 4, 1000), {
    items: [2],
    needed: groups.map(() => false),
  })
  const view = disclose(input)
  // No single group is needed (a − x − y and rest − b + z both give it), so the smallest group
  // holding it goes first (role rest, 7), then the smallest one a − x − y still needs (x).
  assert.equal(summary(view), {
    '': ['rest:22'],
    team: ['a:12', 'b:10'],
    role: ['-x:5', 'y:5', 'z:5', '-rest:7'],
  })
  assert.is(findDerivableUnion(released(input, view), weights, 4, 1000), null)
  const span = new RationalSpan(5)
  for (const set of released(input, view))
    span.add([0, 1, 2, 3, 4].map((c) => (set.includes(c) ? 1 : 0)))
  assert.not.ok(span.contains([0, 0, 1, 0, 0]))
})

test('per question: primary, complementary and the linear audit on the answered counts', () => {
  const input = {
    cohorts: [
      team('a', 6, { q: 2, r: 6 }),
      team('b', 6, { q: 6, r: 6 }),
      team('c', 7, { q: 7, r: 7 }),
    ],
    attributes: ['team'],
    k: 5,
    optionalQuestions: ['q', 'r'],
  }
  assert.equal(summary(disclose(input)), { '': ['rest:19'], team: ['a:6 ?q', 'b:6 ?q', 'c:7'] })
  // The 3-group combination again, where only the answers to q are few: the groups stay.
  const answers = {
    ...combination,
    cohorts: combination.cohorts.map((c) =>
      c.id === 'a' ? { ...c, respondents: 6, answered: { q: 2 } } : c,
    ),
    optionalQuestions: ['q'],
  }
  const view = disclose(answers)
  assert.equal(summary(view), {
    '': ['rest:26'],
    team: ['a:16', 'b:10'],
    role: ['x:5 ?q', 'y:5', 'z:5', 'rest:11 ?q'],
  })
  const q = answers.cohorts.map((c) => c.answered.q)
  assert.is(findDerivableUnion(released(answers, view, 'q'), q, 4, 1000), null)
  const unaudited = disclose(answers, { rules: { linear: false } })
  assert.ok(findDerivableUnion(released(answers, unaudited, 'q'), q, 4, 1000))
})

test('noise mode: thresholds read the noisy counts, the audit the exact ones', () => {
  const input = {
    cohorts: [team('a', 3), team('b', 10), team('c', 6)],
    attributes: ['team'],
    k: 5,
    optionalQuestions: [],
  }
  const noisy = (a: number, b: number, c: number) => ({
    '': [{ respondents: a + b + c }],
    team: [{ respondents: a }, { respondents: b }, { respondents: c }],
  })
  // a's noisy 6 passes the threshold, but a holds 3: the audit suppresses it, then the smaller
  // of the groups that everyone − b − c needs.
  assert.equal(summary(disclose({ ...input, noisy: noisy(6, 9, 7) })).team, [
    '-a:3',
    'b:10',
    '-c:6',
  ])
  // c's noisy 4 fails the threshold although c holds 6; complementary reads noisy counts too.
  assert.equal(summary(disclose({ ...input, noisy: noisy(2, 9, 4) })).team, [
    '-a:3',
    'b:10',
    '-c:6',
  ])
  assert.throws(
    () => disclose({ ...input, noisy: { '': [{ respondents: 19 }], team: [] } }),
    RangeError,
  )
})

test('fails safe when the search bound is hit: the overall group only, if it passes', () => {
  const input = { ...combination, optionalQuestions: ['q'] }
  const view = disclose(input, { maxUnions: 0 })
  assert.is(view.failSafe, true)
  assert.equal(summary(view), {
    '': ['rest:22'],
    team: ['-a:12', '-b:10'],
    role: ['-x:5', '-y:5', '-z:5', '-rest:7'],
  })
  const few = {
    ...input,
    cohorts: input.cohorts.map((c) => ({ ...c, answered: { q: c.id === 'bz' ? 4 : 0 } })),
  }
  assert.equal(summary(disclose(few, { maxUnions: 0 }))[''], ['rest:22 ?q'])
  const noisy = Object.fromEntries(
    Object.entries(formGroups(input.cohorts, input.attributes)).map(([key, groups]) => [
      key,
      groups.map(() => ({ respondents: key === '' ? 4 : 9 })),
    ]),
  )
  assert.equal(summary(disclose({ ...input, noisy }, { maxUnions: 0 }))[''], ['-rest:22'])
  // With a generous bound the same input is audited normally.
  assert.is(disclose(input, { maxUnions: 10 }).failSafe, false)
})

test('is deterministic and leaves its input alone', () => {
  const rnd = createRandom(42)
  const members = Array.from({ length: 80 }, (_, i) => ({
    id: `m${i}`,
    attributes: { team: `t${rnd.int(0, 6)}`, role: `r${rnd.int(0, 3)}` },
  }))
  const cohorts = formCohorts(members, ['team', 'role'], 4).map((c, i) => {
    const respondents = rnd.int(0, c.memberIds.length)
    return cohort(`c${i}`, c.cohort, respondents, { q: rnd.int(0, respondents) })
  })
  const input = { cohorts, attributes: ['team', 'role'], k: 4, optionalQuestions: ['q'] }
  const copy = structuredClone(input)
  const first = disclose(input)
  assert.equal(disclose(input), first)
  assert.equal(input, copy)
  assert.ok(
    Object.values(first.cuts)
      .flat()
      .some((g) => g.suppressed),
  )
})

test('refuses input it cannot vouch for', () => {
  const base = {
    cohorts: [team('a', 5, { q: 3 })],
    attributes: ['team'],
    k: 5,
    optionalQuestions: ['q'],
  }
  const bad: DisclosureInput[] = [
    { ...base, k: 2 },
    { ...base, attributes: ['team', 'team'] },
    { ...base, cohorts: [team('a', 5, { q: 3 }), team('a', 6, { q: 3 })] },
    { ...base, cohorts: [cohort('a', { role: 'x' }, 5, { q: 3 })] },
    { ...base, cohorts: [team('a', 5, { q: 6 })] },
    { ...base, cohorts: [team('a', 5)] },
    { ...base, cohorts: [team('a', -1, { q: 0 })] },
  ]
  for (const input of bad) assert.throws(() => disclose(input), RangeError)
  // A cohort without respondents may leave its answered counts out.
  assert.not.ok(disclose({ ...base, cohorts: [team('a', 0), team('b', 5, { q: 5 })] }).failSafe)
})

test('rational span: exact membership, reduced echelon basis, derivable unions', () => {
  const span = new RationalSpan(3)
  assert.ok(span.add([2, 1, 0]))
  assert.ok(span.add([0, 1, 3]))
  assert.not.ok(span.add([2, 3, 6]))
  assert.ok(span.contains([2, 0, -3]))
  assert.not.ok(span.contains([1n, 0n, -3n]))
  assert.not.ok(span.contains([1, 0, 0]))
  assert.is(span.rank, 2)
  assert.equal(span.basis(), [
    { pivot: 0, entries: [2n, 0n, -3n] },
    { pivot: 1, entries: [0n, 1n, 3n] },
  ])
  assert.throws(() => span.contains([1, 2]), RangeError)
  // {0} = {0, 1} − {1}: derivable, and both sets are needed; items of weight 0 are free.
  assert.equal(findDerivableUnion([[0, 1], [1]], [2, 9], 4, 100), {
    items: [0],
    needed: [true, true],
  })
  assert.equal(findDerivableUnion([[0, 1, 2], [1]], [2, 9, 0], 4, 100), {
    items: [0],
    needed: [true, true],
  })
  assert.is(
    findDerivableUnion(
      [
        [0, 1],
        [1, 2],
      ],
      [2, 9, 9],
      4,
      100,
    ),
    null,
  )
  assert.is(findDerivableUnion([[0, 1], [1]], [2, 9], 4, 0), 'bound')
})

test.run()

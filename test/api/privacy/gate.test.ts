// The gate's rules one at a time (DESIGN.md 5), on key lists small enough to follow by hand.
// The adversarial suites (adversary*.test.ts) attack the whole release; these pin each rule.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { CohortTree } from '../../../api/privacy/cells'
import {
  atomProblems,
  decideRelease,
  planRelease,
  ReleaseRefused,
  type GateCounts,
  type KeyEntry,
} from '../../../api/privacy/gate'

const test = suite('gate')

const key = (id: string, cohort: Record<string, string>, joined = 5): KeyEntry => ({
  id,
  cohort,
  joined,
})
const counts = (
  respondents: Record<string, number>,
  answered: Record<string, Record<string, number>> = {},
): GateCounts => ({
  respondents: new Map(Object.entries(respondents)),
  answered: new Map(
    Object.entries(answered).map(([q, byKey]) => [q, new Map(Object.entries(byKey))]),
  ),
})
const cellsOf = (plan: ReturnType<typeof planRelease>) => plan.cells?.map((c) => c.keyIds)
const groupsOf = (plan: ReturnType<typeof planRelease>, cut: string) =>
  plan.cuts[cut].map((g) => [g.cohort, g.keyIds])

// team × role, every combination present: a/x, a/y, b/x, b/y.
const grid = [
  key('k1', { team: 'a', role: 'x' }),
  key('k2', { team: 'a', role: 'y' }),
  key('k3', { team: 'b', role: 'x' }),
  key('k4', { team: 'b', role: 'y' }),
]

test('crossing cuts: a/y and b/x with one respondent each merge within their teams, and the role cut shows only {}', () => {
  const plan = planRelease(grid, ['team', 'role'], 3, counts({ k1: 5, k2: 1, k3: 1, k4: 5 }))
  assert.equal(cellsOf(plan), [
    ['k1', 'k2'],
    ['k3', 'k4'],
  ])
  assert.equal(groupsOf(plan, 'team'), [
    [{ team: 'a' }, ['k1', 'k2']],
    [{ team: 'b' }, ['k3', 'k4']],
  ])
  // No cell keeps a role: team=a minus role=x, the difference that gave a/y − b/x, cannot be formed.
  assert.equal(groupsOf(plan, 'role'), [[{}, ['k1', 'k2', 'k3', 'k4']]])
  // With every cell at ≥ k, the role cut is released in full.
  const full = planRelease(grid, ['team', 'role'], 3, counts({ k1: 5, k2: 3, k3: 4, k4: 5 }))
  assert.equal(groupsOf(full, 'role'), [
    [{ role: 'x' }, ['k1', 'k3']],
    [{ role: 'y' }, ['k2', 'k4']],
  ])
})

test('a small cell merges with the sibling that has the fewest joined, never by respondents; ties in key-list order', () => {
  const siblings = [
    key('k1', { team: 'a' }, 9),
    key('k2', { team: 'b' }, 6),
    key('k3', { team: 'c' }, 12),
    key('k4', {}, 6),
  ]
  // k1 holds 2: its siblings have 6 (k2), 12 and 6 (k4) joined; k2 comes first in key order.
  const plan = planRelease(siblings, ['team'], 5, counts({ k1: 2, k2: 40, k3: 0, k4: 1 }))
  // k1 + k2 = 42; then k4 (1) merges with its sibling of fewest joined, k2 (6, before k3's 12),
  // and so with the whole cell k2 is in, whatever that cell holds.
  assert.equal(cellsOf(plan), [['k1', 'k2', 'k4'], ['k3']])
  assert.equal(groupsOf(plan, 'team'), [
    [{ team: 'c' }, ['k3']],
    [{}, ['k1', 'k2', 'k4']],
  ])
})

test('the partner rule reads joined, so invitees who never joined cannot steer a merge', () => {
  // k2 is padded: 40 eligible but 5 joined (the gate is given joined); k3 has 8 joined.
  const keys = [
    key('k1', { team: 'a' }, 5),
    key('k2', { team: 'b' }, 5),
    key('k3', { team: 'c' }, 8),
  ]
  const plan = planRelease(keys, ['team'], 5, counts({ k1: 1, k2: 9, k3: 6 }))
  assert.equal(cellsOf(plan), [['k1', 'k2'], ['k3']])
  // Chosen by respondents instead (a test-only switch), the merge would follow the answers.
  const byRespondents = planRelease(keys, ['team'], 5, counts({ k1: 1, k2: 9, k3: 6 }), {
    partner: 'respondents',
  })
  assert.equal(cellsOf(byRespondents), [['k1', 'k3'], ['k2']])
})

test('a cell of all of a node’s children stands for the node, and for its parent where it is an only child', () => {
  // Team a has only role x under it (and a pool); b splits into x and y.
  const keys = [
    key('k1', { team: 'a', role: 'x' }),
    key('k2', { team: 'a' }),
    key('k3', { team: 'b', role: 'x' }),
    key('k4', { team: 'b', role: 'y' }),
  ]
  const plan = planRelease(keys, ['team', 'role'], 3, counts({ k1: 1, k2: 1, k3: 4, k4: 3 }))
  // k1 merges with k2, its only sibling: the cell is all of node a, standing for a, and still
  // holds 2, so it merges with a's only sibling, b: one cell of everything, keeping no team.
  assert.equal(cellsOf(plan), [['k1', 'k2', 'k3', 'k4']])
  assert.equal(groupsOf(plan, 'team'), [[{}, ['k1', 'k2', 'k3', 'k4']]])
  const tree = new CohortTree(keys, ['team', 'role'])
  const cells = tree.coarsen(tree.leafCells(), (p) => [1, 2, 4, 3][p], 3)
  assert.equal(
    tree.describe(cells!).map((c) => [c.keyIds, c.keeps]),
    [
      [['k1', 'k2'], { team: 'a' }],
      [['k3'], { team: 'b', role: 'x' }],
      [['k4'], { team: 'b', role: 'y' }],
    ],
  )
})

test('a whole pulse of 1..k−1 releases nothing; of 0, empty groups', () => {
  const few = planRelease(grid, ['team', 'role'], 5, counts({ k1: 1, k2: 1, k3: 1, k4: 1 }))
  assert.is(few.cells, null)
  const decided = decideRelease(few, grid, 5, counts({ k1: 1, k2: 1, k3: 1, k4: 1 }), () => ({
    respondents: 4,
    answered: {},
  }))
  assert.ok(
    Object.values(decided)
      .flat()
      .every((d) => d.suppressed),
  )
  const none = planRelease(grid, ['team', 'role'], 5, counts({}))
  assert.equal(cellsOf(none), [['k1'], ['k2'], ['k3'], ['k4']])
  // The same groups either way: the view cannot tell 1..k−1 respondents from none.
  for (const cut of ['', 'team', 'role']) assert.equal(groupsOf(few, cut), groupsOf(none, cut), cut)
})

test('an optional question is coarsened further and shown only in groups that are unions of its cells', () => {
  const plan = planRelease(
    grid,
    ['team', 'role'],
    3,
    counts({ k1: 5, k2: 5, k3: 5, k4: 5 }, { q: { k1: 5, k2: 1, k3: 4, k4: 5 } }),
  )
  assert.equal(cellsOf(plan), [['k1'], ['k2'], ['k3'], ['k4']])
  assert.equal(
    plan.questionCells.q?.map((c) => c.keyIds),
    [['k1', 'k2'], ['k3'], ['k4']],
  )
  const allowed = (cut: string) => plan.cuts[cut].map((g) => g.questions.includes('q'))
  assert.equal(allowed(''), [true])
  // team=a is the union {k1, k2}; role=x and role=y each split it.
  assert.equal(allowed('team'), [true, true])
  assert.equal(allowed('role'), [false, false])
})

test('the atom check refuses a release whose groups single out fewer than k', () => {
  // Broken on purpose: a/y (1 respondent) is released as its own group beside everyone.
  const broken = {
    cells: [{ keyIds: ['k1', 'k2', 'k3', 'k4'], keeps: {} }],
    questionCells: {},
    cuts: {
      '': [{ cohort: {}, keyIds: ['k1', 'k2', 'k3', 'k4'], questions: [] }],
      team: [
        { cohort: { team: 'a' }, keyIds: ['k1', 'k2'], questions: [] },
        { cohort: { team: 'b' }, keyIds: ['k3', 'k4'], questions: [] },
      ],
      role: [
        { cohort: { role: 'x' }, keyIds: ['k1', 'k3'], questions: [] },
        { cohort: { role: 'y' }, keyIds: ['k2', 'k4'], questions: [] },
      ],
    },
  }
  const exact = counts({ k1: 5, k2: 1, k3: 1, k4: 5 })
  const observed = (cut: string, i: number) => ({
    respondents: broken.cuts[cut as keyof typeof broken.cuts][i].keyIds.reduce(
      (s, id) => s + exact.respondents.get(id)!,
      0,
    ),
    answered: {},
  })
  assert.throws(
    () => decideRelease(broken, grid, 3, exact, observed),
    (e: unknown) => e instanceof ReleaseRefused,
  )
  const groups = Object.values(broken.cuts)
    .flat()
    .map((g) => g.keyIds)
  assert.equal(atomProblems(grid, groups, exact.respondents, 3, 'respondents'), [
    'respondents: cohorts k2 hold 1',
    'respondents: cohorts k3 hold 1',
  ])
  // Every atom of the cells' groups holds 0 or ≥ k.
  const sound = planRelease(grid, ['team', 'role'], 3, exact)
  assert.equal(
    atomProblems(
      grid,
      Object.values(sound.cuts)
        .flat()
        .map((g) => g.keyIds),
      exact.respondents,
      3,
      'respondents',
    ),
    [],
  )
})

test('refuses key lists that break the cohort rule', () => {
  assert.throws(() => new CohortTree([key('k1', { role: 'x' })], ['team', 'role']), RangeError)
  assert.throws(
    () => new CohortTree([key('k1', { team: 'a' }), key('k2', { team: 'a' })], ['team']),
    RangeError,
  )
  assert.throws(() => planRelease(grid, ['team', 'role'], 2, counts({})), RangeError)
})

test.run()

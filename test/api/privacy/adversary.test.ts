import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  atomProblems,
  decideRelease,
  type KeyEntry,
  type ReleasePlan,
  ReleaseRefused,
} from '../../../api/privacy/gate'
import type { Question } from '../../../api/surveys/question'
import type { Histogram } from '../../../api/reports/histograms'
import { type CohortCounts, releaseView } from '../../../api/reports/released-view'
import { exposed, indicatorRows, inSpan, releasedGroups } from '../../helpers/attacker'

// The attacker of adversary-exhaustive and adversary-random, checked on its own (it must see what
// the old union-only attacker missed), the atom check on a broken plan, and small pulses on which
// each rule of the gate, switched off, lets the attacker in.

const attacker = suite('attacker')

// Cohorts a/x, a/y, b/x, b/y; the groups a report by team and by role releases, and everyone.
const gridGroups = [
  [0, 1, 2, 3],
  [0, 1],
  [2, 3],
  [0, 2],
  [1, 3],
]

attacker('sees a signed difference of two cuts: team=a minus role=x is a/y minus b/x', () => {
  const rows = indicatorRows(gridGroups, 4)
  assert.ok(inSpan(rows, [0, 1, -1, 0]))
  // No union of cohorts is derivable, which is why searching unions found nothing.
  for (const union of [
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 1, 1, 0],
  ])
    assert.not.ok(inSpan(rows, union))
  assert.equal(exposed(gridGroups, [5, 1, 1, 5], 3), [
    { cohorts: [1], weight: 1 },
    { cohorts: [2], weight: 1 },
  ])
})

attacker('finds nothing when every group is a union of cells holding 0 or ≥ k', () => {
  // Cells {a/x, a/y} (1 + 4), {b/x}, {b/y}: team a, team b, role x of b, role y of b, everyone.
  const groups = [[0, 1, 2, 3], [0, 1], [2, 3], [2], [3]]
  assert.equal(exposed(groups, [1, 4, 3, 5], 3), [])
  assert.equal(exposed(groups, [1, 4, 0, 5], 3), [])
})

attacker('leaves out cohorts that no released group counts', () => {
  assert.equal(exposed([[0, 1]], [3, 4, 1], 3), [])
  assert.equal(exposed([], [1, 1, 0], 3), [])
})

attacker('separates a cohort by three groups where no two do', () => {
  // {0,1}, {1,2}, {0,2}: their sum halved minus {1,2} is cohort 0.
  assert.equal(
    exposed(
      [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      [1, 5, 5],
      3,
    ),
    [{ cohorts: [0], weight: 1 }],
  )
})

const atoms = suite('atom check')

const threeTeams: KeyEntry[] = ['a', 'b', 'c'].map((team, i) => ({
  id: `k${i}`,
  cohort: { team },
  joined: 5,
}))

atoms('refuses a plan whose groups single out a cohort of one respondent', () => {
  const everyone = { cohort: {}, keyIds: ['k0', 'k1', 'k2'], questions: [] }
  const plan: ReleasePlan = {
    cuts: {
      '': [everyone],
      team: ['a', 'b', 'c'].map((team, i) => ({
        cohort: { team },
        keyIds: [`k${i}`],
        questions: [],
      })),
    },
    cells: threeTeams.map(({ id, cohort }) => ({ keyIds: [id], keeps: cohort })),
    questionCells: {},
  }
  const respondents = new Map([
    ['k0', 1],
    ['k1', 5],
    ['k2', 5],
  ])
  const counts = { respondents, answered: new Map() }
  // team=a is suppressed (1 < k), but everyone minus b minus c is a.
  const observed = (cut: string, i: number) => ({
    respondents: cut === '' ? 11 : respondents.get(`k${i}`)!,
    answered: {},
  })
  try {
    decideRelease(plan, threeTeams, 3, counts, observed)
    assert.unreachable('the atom check must refuse')
  } catch (error) {
    assert.instance(error, ReleaseRefused)
    assert.equal((error as ReleaseRefused).problems, ['respondents: cohorts k0 hold 1'])
  }
  assert.equal(
    atomProblems(threeTeams, [['k0', 'k1', 'k2'], ['k1'], ['k2']], respondents, 3, 'respondents'),
    ['respondents: cohorts k0 hold 1'],
  )
})

const load = suite('each rule is load-bearing, on one small pulse')

const yesno: Question = { id: 'q', kind: 'yesno', prompt: 'Safe?', required: true }
const optional: Question = { id: 'o', kind: 'likert5', prompt: 'Heard?', required: false }

/** Per key id: respondents, yes answers, answers to the optional question (all 5s). */
function countsOf(rows: Record<string, [number, number, number]>) {
  return new Map(
    Object.entries(rows).map(([id, [respondents, yes, heard]]): [string, CohortCounts] => [
      id,
      {
        respondents,
        histograms: new Map<string, Histogram>([
          ['q', { n: respondents, counts: { true: yes, false: respondents - yes } }],
          ...(heard > 0
            ? [['o', { n: heard, counts: { '5': heard } }] as [string, Histogram]]
            : []),
        ]),
      },
    ]),
  )
}

const grid: KeyEntry[] = [
  { id: 'k0', cohort: { team: 'a', role: 'x' }, joined: 6 },
  { id: 'k1', cohort: { team: 'a', role: 'y' }, joined: 5 },
  { id: 'k2', cohort: { team: 'b', role: 'x' }, joined: 5 },
  { id: 'k3', cohort: { team: 'b', role: 'y' }, joined: 6 },
]
const gridIndex = new Map(grid.map((key, i) => [key.id, i]))

load('without coarsening, team=a minus role=x shows a/y and b/x', () => {
  const input = {
    keys: grid,
    attributes: ['team', 'role'],
    k: 3,
    questions: [yesno],
    counts: countsOf({ k0: [5, 2, 0], k1: [1, 1, 0], k2: [1, 0, 0], k3: [5, 3, 0] }),
  }
  const respondents = [5, 1, 1, 5]
  const weak = releaseView(input, { rules: { coarsen: false, atomCheck: false } })
  assert.equal(exposed(releasedGroups(weak, gridIndex), respondents, 3), [
    { cohorts: [1], weight: 1 },
    { cohorts: [2], weight: 1 },
  ])
  assert.throws(
    () => releaseView(input, { rules: { coarsen: false } }),
    (e: Error) => e instanceof ReleaseRefused,
  )
  assert.equal(exposed(releasedGroups(releaseView(input), gridIndex), respondents, 3), [])
})

load('without question cells, a team of 5 respondents with 1 answerer shows that answer', () => {
  const input = {
    keys: threeTeams,
    attributes: ['team'],
    k: 3,
    questions: [yesno, optional],
    counts: countsOf({ k0: [5, 2, 1], k1: [5, 3, 4], k2: [5, 1, 3] }),
  }
  const index = new Map(threeTeams.map((key, i) => [key.id, i]))
  const heard = [1, 4, 3]
  const weak = releaseView(input, { rules: { questionCells: false, atomCheck: false } })
  assert.equal(exposed(releasedGroups(weak, index, 'o'), heard, 3), [{ cohorts: [0], weight: 1 }])
  assert.throws(
    () => releaseView(input, { rules: { questionCells: false } }),
    (e: Error) => e instanceof ReleaseRefused,
  )
  assert.equal(exposed(releasedGroups(releaseView(input), index, 'o'), heard, 3), [])
})

attacker.run()
atoms.run()
load.run()

// The `{}` group of a cut explained from its keyIds and the pulse's key list (DESIGN.md 5): which
// values were merged at close, and which members were never told apart, instead of a bare
// "other or no role".
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ReportGroup } from '../../../web/organizer/api-types'
import { explainOtherGroup, type KeyCohort } from '../../../web/organizer/models/merged-groups'
import { heatColumns, heatRows } from '../../../web/organizer/models/report-view'

const test = suite('merged groups')

const released = (cohort: Record<string, string>, keyIds: string[], respondents = 7) =>
  ({
    cohort,
    suppressed: false,
    keyIds,
    respondents,
    questions: [],
    dimensions: [{ dimension: 'voice', mean: 3.6, favorable: 0.6 }],
  }) as ReportGroup

// Cohorts by role (priority [role]): build, care, and the pool of smaller or no roles.
const keys: KeyCohort[] = [
  { keyId: 'k1', cohort: { role: 'build' } },
  { keyId: 'k2', cohort: { role: 'care' } },
  { keyId: 'k3', cohort: {} },
]

test('care merged at close with the pool: says which were counted together, and why', () => {
  const groups = [released({ role: 'build' }, ['k1'], 6), released({}, ['k2', 'k3'])]
  const other = explainOtherGroup(groups, keys, 'role', 5)!
  assert.is(other.label, 'role: care + mixed')
  assert.equal(other.notes, [
    'To protect anonymity, “care” and the members counted as “mixed” were counted together in this pulse: too few answered in at least one of them to show it on its own.',
    'Some members are counted without their role (“mixed”): when the pulse opened, telling their role apart would have left a group of fewer than 5 members who had joined.',
  ])
})

test('every role merged into one group: names them all instead of "other or no role"', () => {
  const all: KeyCohort[] = [
    { keyId: 'a', cohort: { team: 'x', role: 'build' } },
    { keyId: 'b', cohort: { team: 'x', role: 'care' } },
  ]
  const other = explainOtherGroup([released({}, ['a', 'b'])], all, 'role', 5)!
  assert.is(other.label, 'role: build + care')
  assert.equal(other.notes, [
    'To protect anonymity, “build” and “care” were counted together in this pulse: too few answered in at least one of them to show it on its own.',
  ])
})

test('cohorts never split by the attribute: says where and why, no merge is claimed', () => {
  // The demo's tenure: no tenure reaches k joined within a team, so each team is one cohort.
  // Key lists are sorted by random keyId: the teams are named in their own order all the same.
  const teams: KeyCohort[] = ['care', 'outreach', 'build'].map((t, i) => ({
    keyId: `t${i}`,
    cohort: { team: t },
  }))
  const other = explainOtherGroup([released({}, ['t0', 't1', 't2'], 20)], teams, 'tenure', 5)!
  assert.is(other.label, 'tenure: mixed')
  assert.equal(other.notes, [
    'In team build, team care and team outreach, members are counted without their tenure (“mixed”): when the pulse opened, telling their tenure apart would have left a group of fewer than 5 members who had joined.',
  ])
})

test('a value that also has its own group is named as part of it', () => {
  const two: KeyCohort[] = [
    { keyId: 'a', cohort: { team: 'x', role: 'care' } },
    { keyId: 'b', cohort: { team: 'y', role: 'care' } },
    { keyId: 'c', cohort: { team: 'y', role: 'build' } },
  ]
  const groups = [released({ role: 'care' }, ['a']), released({}, ['b', 'c'])]
  assert.is(explainOtherGroup(groups, two, 'role', 5)!.label, 'role: build + part of care')
})

test('nothing to explain without a released {} group or with cohorts missing from the list', () => {
  const hidden = { cohort: {}, suppressed: true } as ReportGroup
  assert.is(
    explainOtherGroup([released({ role: 'build' }, ['k1']), hidden], keys, 'role', 5),
    undefined,
  )
  assert.is(explainOtherGroup([released({}, ['k2', 'zz'])], keys, 'role', 5), undefined)
})

test('the heatmap names the {} group by what it holds', () => {
  const groups = [released({ role: 'build' }, ['k1'], 6), released({}, ['k2', 'k3'])]
  const columns = heatColumns(
    [{ id: 'q', kind: 'likert5', prompt: 'I speak up.', dimension: 'voice', required: true }],
    'dimensions',
  )
  const other = explainOtherGroup(groups, keys, 'role', 5)!
  const rows = heatRows(groups, columns, 'dimensions', 'mean', 'role', other.label)
  assert.equal(
    rows.map((r) => r.label),
    ['role: build', 'role: care + mixed'],
  )
  assert.equal(
    heatRows(groups, columns, 'dimensions', 'mean', 'role').map((r) => r.label),
    ['role: build', 'other or no role'],
  )
})

test.run()

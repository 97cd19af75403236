import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { PulsePreview } from '../../../web/organizer/api-types'
import { previewText } from '../../../web/organizer/models/pulse-preview'

const preview = (over: Partial<PulsePreview>): PulsePreview => ({
  eligible: 50,
  joined: 0,
  attributes: ['team'],
  cohorts: [{ cohort: {}, eligible: 50, joined: 0 }],
  cutBy: [],
  ...over,
})

const teams = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ cohort: { team: `t${i}` }, eligible: 10, joined: 5 }))

const test = suite('pulse preview text')

test('with nobody joined says the pulse will have no groups and how members join', () => {
  assert.is(
    previewText(preview({}), 5),
    '0 of 50 joined: this pulse will have no groups — results will show everyone together. Members join by opening their invite link.',
  )
})

test('with some joined but no split possible, says why: each group needs k joined members', () => {
  assert.is(
    previewText(preview({ joined: 8, cohorts: [{ cohort: {}, eligible: 50, joined: 8 }] }), 5),
    '8 of 50 joined: this pulse will have no groups — results will show everyone together. Each group needs at least 5 members who have joined. Members join by opening their invite link.',
  )
})

test('names the attributes it will be cut by and how many groups', () => {
  assert.is(
    previewText(preview({ joined: 12, cohorts: teams(3), cutBy: ['team'] }), 5),
    '12 of 50 members have joined. This pulse will be cut by team (3 groups).',
  )
  assert.is(
    previewText(
      preview({
        joined: 50,
        attributes: ['team', 'site'],
        cohorts: teams(5),
        cutBy: ['team', 'site'],
      }),
      5,
    ),
    '50 of 50 members have joined. This pulse will be cut by team and site (5 groups).',
  )
})

test('says which attributes it will not be cut by, and why', () => {
  assert.is(
    previewText(
      preview({
        joined: 1,
        attributes: ['team', 'site', 'role'],
        cohorts: teams(2),
        cutBy: ['team'],
      }),
      3,
    ),
    '1 of 50 members has joined. This pulse will be cut by team (2 groups). Not by site and role: each group needs at least 3 members who have joined. Members join by opening their invite link.',
  )
})

test('a community without attributes shows everyone together without blaming who joined', () => {
  const text = previewText(preview({ joined: 4, eligible: 6, attributes: [] }), 3)
  assert.is(
    text,
    '4 of 6 members have joined. Results will show everyone together: this community has no attributes to group members by.',
  )
})

test('for a scheduled pulse, says the numbers are today’s and groups form when it opens', () => {
  const text = previewText(preview({ joined: 12, cohorts: teams(3), cutBy: ['team'] }), 5, true)
  assert.ok(
    text.startsWith('12 of 50 members have joined. This pulse will be cut by team (3 groups).'),
  )
  assert.ok(text.endsWith('a scheduled pulse is cut by whoever has joined when it opens.'))
  assert.ok(previewText(preview({}), 5, true).includes('whoever has joined when it opens'))
})

test.run()

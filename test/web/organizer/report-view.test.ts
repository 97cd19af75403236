import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type {
  Pulse,
  Question,
  QuestionStats,
  ReportGroup,
  Trend,
} from '../../../web/organizer/api-types'
import * as v from '../../../web/organizer/models/report-view'
import * as t from '../../../web/organizer/models/trend-view'

const likert = (id: string, dimension?: string): Question => ({
  id,
  kind: 'likert5',
  prompt: `Statement ${id}`,
  dimension,
  required: true,
})
const stats = (over: Partial<QuestionStats>): QuestionStats => ({
  questionId: 'a',
  suppressed: false,
  n: 10,
  distribution: { '1': 1, '2': 1, '3': 2, '4': 4, '5': 2 },
  ...over,
})

const question = suite('question view')

question('gives one bar per value in order, toned favorable / neutral / unfavorable', () => {
  const bars = v.distributionBars(likert('a'), stats({}))
  assert.equal(
    bars.map((b) => [b.label, b.count, b.tone]),
    [
      ['1 Strongly disagree', 1, 'unfav'],
      ['2 Disagree', 1, 'unfav'],
      ['3 Neutral', 2, 'neutral'],
      ['4 Agree', 4, 'fav'],
      ['5 Strongly agree', 2, 'fav'],
    ],
  )
  assert.is(bars[3].share, 0.4)
})

question('orders yes before no and options as the survey lists them', () => {
  const yesno: Question = { id: 'y', kind: 'yesno', prompt: 'Stay?', required: true }
  const bars = v.distributionBars(yesno, stats({ n: 4, distribution: { false: 1, true: 3 } }))
  assert.equal(
    bars.map((b) => [b.label, b.count]),
    [
      ['Yes', 3],
      ['No', 1],
    ],
  )
  const choice: Question = {
    id: 'c',
    kind: 'choice',
    prompt: 'Day?',
    options: ['Tue', 'Mon'],
    required: true,
  }
  const days = v.distributionBars(choice, stats({ n: 3, distribution: { Mon: 1, Tue: 2 } }))
  assert.equal(
    days.map((b) => b.label),
    ['Tue', 'Mon'],
  )
})

question('lists the facts with a change flagged only when it is significant', () => {
  const facts = v.questionFacts(
    stats({
      mean: 3.5,
      ci95: [2.9, 4.1],
      favorable: 0.6,
      neutral: 0.2,
      unfavorable: 0.2,
      change: {
        mean: { delta: 0.42, significant: true },
        favorable: { delta: 0.1, significant: false },
      },
    }),
  )
  assert.equal(facts[1], {
    label: 'Mean',
    value: '3.5 (95% CI 2.9–4.1)',
    change: 'up 0.4 since last pulse',
  })
  assert.equal(facts[2], { label: 'Favorable', value: '60%', change: 'no clear change' })
  assert.equal(
    facts.map((x) => x.label),
    ['Answers', 'Mean', 'Favorable', 'Neutral', 'Unfavorable'],
  )
})

question.run()

const heatmap = suite('heatmap view')

const questions = [
  likert('a', 'voice'),
  likert('b', 'voice'),
  likert('c'),
  { id: 's', kind: 'scale10', prompt: 'Recommend?', required: true } as Question,
]
const groups: ReportGroup[] = [
  {
    cohort: { team: 'altos' },
    suppressed: false,
    keyIds: ['k1'],
    respondents: 6,
    questions: [
      stats({ questionId: 'a', mean: 4.2, favorable: 0.83 }),
      { questionId: 'b', suppressed: true },
    ],
    dimensions: [{ dimension: 'voice', mean: 4.2, favorable: 0.83 }],
  },
  { cohort: { team: 'crew' }, suppressed: true },
]

heatmap('uses dimensions, or the likert questions numbered as in the survey', () => {
  assert.equal(v.heatColumns(questions, 'dimensions'), [
    { key: 'voice', short: 'voice', full: 'voice' },
  ])
  assert.equal(
    v.heatColumns(questions, 'questions').map((c) => c.short),
    ['Q1', 'Q2', 'Q3'],
  )
})

heatmap('fills cells with values and bins, "hidden" for suppressed groups and questions', () => {
  const columns = v.heatColumns(questions, 'questions')
  const rows = v.heatRows(groups, columns, 'questions', 'mean', 'team')
  assert.equal(rows[0].label, 'team: altos')
  assert.equal(rows[0].cells, [{ hidden: false, text: '4.2', bin: 4 }, { hidden: true }, undefined])
  assert.equal(rows[1].cells, [{ hidden: true }, { hidden: true }, { hidden: true }])
  const fav = v.heatRows(groups, v.heatColumns(questions, 'dimensions'), 'dimensions', 'favorable')
  assert.equal(fav[0].cells, [{ hidden: false, text: '83%', bin: 4 }])
})

heatmap.run()

const trend = suite('trend view')

const trendData: Trend = {
  pulses: [
    { id: 'p1', closesAt: '2025-03-01T12:00:00Z' },
    { id: 'p2', closesAt: '2025-03-08T12:00:00Z' },
  ],
  groups: [
    {
      cohort: {},
      suppressed: false,
      series: [
        { pulseId: 'p1', suppressed: true },
        { pulseId: 'p2', ...groups[0], cohort: undefined } as never,
      ],
    },
  ],
}

trend('breaks series where a pulse is hidden', () => {
  const [voice] = t.dimensionSeries(t.overall(trendData), questions)
  assert.equal(voice, { name: 'voice', values: [undefined, 4.2] })
  const q = t.questionSeries(t.overall(trendData), questions[0])
  assert.equal(q.values, [undefined, 4.2])
})

trend("reads a cut at one pulse as that pulse's groups", () => {
  const at = t.groupsAt(trendData, 'p1')
  assert.equal(at, [{ cohort: {}, suppressed: true }])
  assert.equal(t.groupsAt(trendData, 'nope'), [])
})

trend('lists closed pulses oldest first with their participation', () => {
  const pulse = (id: string, status: Pulse['status'], closesAt: string) =>
    ({ id, status, closesAt, eligible: 20, responded: 15 }) as Pulse
  const points = t.participationSeries([
    pulse('b', 'closed', '2025-03-08T00:00:00Z'),
    pulse('o', 'open', '2025-03-09T00:00:00Z'),
    pulse('a', 'closed', '2025-03-01T00:00:00Z'),
  ])
  assert.equal(
    points.map((p) => [p.pulseId, p.rate]),
    [
      ['a', 0.75],
      ['b', 0.75],
    ],
  )
})

trend('labels pulses by number and day', () => {
  const axis = t.pulseAxis(trendData.pulses)
  assert.ok(axis.labels[1].startsWith('#2 '))
  assert.ok(axis.names[0].startsWith('Pulse 1, '))
})

trend.run()

import type { Trend } from '../api-types'
import type { Dashboard } from '../models/dashboard-model'
import { formatMean, formatNps, formatRate, formatResponded } from '../models/report-format'
import {
  dimensionSeries,
  npsSeries,
  participationSummary,
  pulseAxis,
  questionSeries,
  type Series,
} from '../models/trend-view'
import { Columns } from './bar-charts'
import { LineChart } from './line-chart'
import { Section } from './page'

/** Responded out of eligible for every closed pulse, oldest first. */
export function ParticipationTrend({ m }: { m: Dashboard }) {
  const points = m.participation.value
  if (!points.length) return null
  const axis = pulseAxis(points)
  const rates = points.map((p) =>
    p.responded === null ? `fewer than ${p.k}` : formatRate(p.responded, p.eligible),
  )
  return (
    <Section title="Participation">
      <Columns
        id="participation-trend"
        title="Participation per pulse"
        summary={participationSummary(points)}
        maxLabels={6}
        columns={points.map((p, i) => ({
          label: axis.labels[i],
          fraction: p.rate ?? 0,
          text: rates[i],
          tone: 'plain',
        }))}
        table={{
          caption: 'Participation per pulse',
          head: ['Pulse', 'Responded', 'Eligible', 'Rate'],
          rows: points.map((p, i) => ({
            head: axis.names[i],
            cells: [
              formatResponded(p.responded, p.k),
              String(p.eligible),
              formatRate(p.responded, p.eligible),
            ],
          })),
        }}
      />
    </Section>
  )
}

/** "voice 3.8, learning 3.5" for the latest pulse, skipping hidden values. */
export function latestValues(series: Series[], format: (v: number) => string): string {
  const parts = series
    .map((s) => [s.name, s.values.at(-1)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => `${name} ${format(v!)}`)
  return parts.length ? `Latest pulse: ${parts.join(', ')}.` : 'The latest pulse shows no value.'
}

/** Each dimension's mean over the pulses, one line per dimension. */
export function DimensionTrend({ m, trend }: { m: Dashboard; trend: Trend }) {
  const series = dimensionSeries(m.everyone.value, m.survey.data.value!.questions)
  if (!series.length) return null
  return (
    <Section title="Dimensions over time">
      <LineChart
        id="dimension-trend"
        title="Dimension means per pulse (1–5)"
        summary={latestValues(series, formatMean)}
        axis={pulseAxis(trend.pulses)}
        series={series}
        domain={[1, 5]}
        baseline={3}
        format={formatMean}
        legend
        marks={m.marks.value}
      />
    </Section>
  )
}

/** One chosen question's mean with its 95% confidence band over the pulses. */
export function QuestionTrend({ m, trend }: { m: Dashboard; trend: Trend }) {
  const question = m.shownQuestion.value
  if (!question) return null
  const questions = m.survey.data.value!.questions
  const number = (id: string) => questions.findIndex((q) => q.id === id) + 1
  const series = questionSeries(m.everyone.value, question)
  const scale10 = question.kind === 'scale10'
  return (
    <Section title="A question over time">
      <div class="field report-controls">
        <label for="trend-question">Question</label>
        <select
          id="trend-question"
          value={question.id}
          onChange={(e) => (m.question.value = e.currentTarget.value)}
        >
          {m.scored.value.map((q) => (
            <option key={q.id} value={q.id}>
              Q{number(q.id)}. {q.prompt}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">
        The band is the 95% confidence interval: where the mean of everyone asked would likely lie.
        Where bands overlap, a change may be chance.
      </p>
      <LineChart
        id="question-trend"
        title={`Q${number(question.id)} mean per pulse (${scale10 ? '0–10' : '1–5'})`}
        summary={`${question.prompt} ${latestValues([{ ...series, name: 'mean' }], formatMean)}`}
        axis={pulseAxis(trend.pulses)}
        series={[{ ...series, name: 'Mean' }]}
        domain={scale10 ? [0, 10] : [1, 5]}
        format={formatMean}
        marks={m.marks.value}
      />
    </Section>
  )
}

/** eNPS (promoters minus detractors) of the survey's 0–10 question over the pulses. */
export function NpsTrend({ m, trend }: { m: Dashboard; trend: Trend }) {
  const question = m.npsQuestion.value
  if (!question) return null
  const series = npsSeries(m.everyone.value, question)
  return (
    <Section title="eNPS over time">
      <p class="hint">
        eNPS is the share answering 9 or 10 minus the share answering 0 to 6, from −100 to +100.
      </p>
      <LineChart
        id="nps-trend"
        title="eNPS per pulse"
        summary={latestValues([series], formatNps)}
        axis={pulseAxis(trend.pulses)}
        series={[series]}
        domain={[-100, 100]}
        baseline={0}
        format={formatNps}
        marks={m.marks.value}
      />
    </Section>
  )
}

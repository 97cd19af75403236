import type { Question, Report } from '../api-types'
import { truncate } from '../models/charts'
import { changePhrase, formatShare, type Metric } from '../models/report-format'
import { statsOf } from '../models/report-view'
import { StackedBars } from './bar-charts'
import { Swatch } from './chart-figure'
import { Section } from './page'

const metricNames: Record<Metric, string> = {
  mean: 'mean',
  favorable: 'favorable',
  nps: 'eNPS',
  yes: 'yes share',
}

/**
 * The latest closed pulse at a glance: favorable / neutral / unfavorable per agreement question,
 * and the changes since the pulse before that are clear enough to name.
 */
export function LatestPulse({ report, questions }: { report: Report; questions: Question[] }) {
  const everyone = report.groups[0]
  const pulseId = report.pulse.id
  if (!everyone || everyone.suppressed) return null
  const label = (q: Question) => `Q${questions.indexOf(q) + 1}. ${q.prompt}`
  const likert = questions
    .map((q) => ({ q, s: statsOf(everyone, q.id) }))
    .filter(({ q, s }) => q.kind === 'likert5' && s?.favorable !== undefined)
  const rows = likert.map(({ q, s }) => ({
    label: label(q),
    shares: [s!.favorable!, s!.neutral ?? 0, s!.unfavorable ?? 0] as [number, number, number],
    texts: [
      formatShare(s!.favorable!),
      formatShare(s!.neutral ?? 0),
      formatShare(s!.unfavorable ?? 0),
    ] as [string, string, string],
  }))
  const compared = questions.some((q) => statsOf(everyone, q.id)?.change)
  const clear = questions.flatMap((q) => {
    const change = statsOf(everyone, q.id)?.change ?? {}
    return (Object.keys(change) as Metric[])
      .filter((metric) => change[metric]?.significant)
      .map((metric) => ({
        q,
        text: `${metricNames[metric]} ${changePhrase(metric, change[metric])}`,
      }))
  })
  const best = likert.reduce(
    (a, b) => (b.s!.favorable! > (a?.s!.favorable ?? -1) ? b : a),
    likert[0],
  )
  return (
    <Section title="Latest pulse">
      <p class="report-actions">
        <a href={`/pulses/${pulseId}/report`}>Full report of the latest pulse</a>
      </p>
      {rows.length > 0 && (
        <>
          <h3>Favorability</h3>
          <StackedBars
            id="favorability"
            title="Favorable, neutral and unfavorable answers per question, latest pulse"
            summary={`${rows.length} agreement questions. Most favorable: ${label(best.q)} (${formatShare(best.s!.favorable!)}).`}
            rows={rows}
            table={{
              caption: 'Favorability per question, latest pulse',
              head: [
                'Question',
                'Favorable (4–5)',
                'Neutral (3)',
                'Unfavorable (1–2)',
                'Change in favorable',
              ],
              rows: likert.map(({ q, s }, i) => ({
                head: label(q),
                cells: [...rows[i].texts, changePhrase('favorable', s!.change?.favorable) ?? '—'],
              })),
            }}
            after={<FavorabilityLegend />}
          />
        </>
      )}
      <h3>Changes since the previous pulse</h3>
      {!compared ? (
        <p class="empty">
          This is the first closed pulse, so there is nothing to compare with yet.
        </p>
      ) : clear.length === 0 ? (
        <p>
          No clear change: every difference from the previous pulse is within what chance would
          explain.
        </p>
      ) : (
        <ul class="changes">
          {clear.map(({ q, text }) => (
            <li key={q.id + text}>
              {truncate(label(q), 90)} —{' '}
              <span class={`change change-${text.includes(' up ') ? 'up' : 'down'}`}>{text}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function FavorabilityLegend() {
  return (
    <p class="legend" aria-hidden="true">
      <span class="legend-item">
        <Swatch class="bar tone-fav" /> Favorable (4–5)
      </span>
      <span class="legend-item">
        <Swatch class="bar tone-neutral" /> Neutral (3)
      </span>
      <span class="legend-item">
        <Swatch class="bar tone-unfav" /> Unfavorable (1–2)
      </span>
    </p>
  )
}

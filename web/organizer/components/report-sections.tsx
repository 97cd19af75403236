import type { DimensionScore, Pulse, ReportGroup, Survey } from '../api-types'
import { position, formatMean, formatShare } from '../models/report-format'
import type { PulseReport } from '../models/report-model'
import { HBars } from './bar-charts'
import { CommentsBlock } from './comments-block'
import { CutControls, GroupsHeatmap } from './groups-view'
import { Section } from './page'
import { Async } from './problem'
import { QuestionResult } from './question-result'

/** Each dimension's mean as a bar on the 1–5 scale, with its favorable share. */
export function DimensionScores({ dimensions }: { dimensions: DimensionScore[] }) {
  if (!dimensions.length) return null
  const best = dimensions.reduce((a, b) => (b.mean > a.mean ? b : a))
  const worst = dimensions.reduce((a, b) => (b.mean < a.mean ? b : a))
  return (
    <Section title="Dimensions">
      <p class="hint">
        Each dimension pools the answers to its agreement questions (1 = strongly disagree, 5 =
        strongly agree). Favorable means 4 or 5.
      </p>
      <HBars
        id="dimension-scores"
        textWidth={112}
        title="Dimension scores"
        summary={`Highest: ${best.dimension} ${formatMean(best.mean)}; lowest: ${worst.dimension} ${formatMean(worst.mean)}, on a scale of 1 to 5.`}
        bars={dimensions.map((d) => ({
          label: d.dimension,
          fraction: position('mean', d.mean),
          text: `${formatMean(d.mean)} · ${formatShare(d.favorable)} fav.`,
          tone: 'plain',
        }))}
        table={{
          caption: 'Dimension scores',
          head: ['Dimension', 'Mean (1–5)', 'Favorable'],
          rows: dimensions.map((d) => ({
            head: d.dimension,
            cells: [formatMean(d.mean), formatShare(d.favorable)],
          })),
        }}
      />
    </Section>
  )
}

interface QuestionsProps {
  m: PulseReport
  survey: Survey
  pulse: Pulse
  everyone: Extract<ReportGroup, { suppressed: false }> | ReportGroup
  /** Where to plan an action on a question, for organizers. */
  planHref?: (questionId: string) => string
}

/** Every question in survey order: numbers for scored ones, comments for text ones. */
export function QuestionsSection({ m, survey, pulse, everyone, planHref }: QuestionsProps) {
  return (
    <Section title="Questions">
      <p class="hint">
        Changes since the previous pulse are named only when they are larger than chance would
        explain (95% confidence); anything smaller reads “no clear change”.
      </p>
      <div class="results">
        {survey.questions.map((q, i) =>
          q.kind === 'text' ? (
            <CommentsBlock key={q.id} m={m} question={q} number={i + 1} pulse={pulse} />
          ) : (
            <QuestionResult
              key={q.id}
              question={q}
              number={i + 1}
              result={everyone.questions?.find((r) => r.questionId === q.id)}
              k={pulse.minGroupSize}
              planHref={planHref?.(q.id)}
            />
          ),
        )}
      </div>
    </Section>
  )
}

/** The pulse cut by one attribute: every group in a heatmap, hidden ones marked. */
export function GroupsSection({
  m,
  survey,
  pulse,
}: {
  m: PulseReport
  survey: Survey
  pulse: Pulse
}) {
  const attributes = m.attributes.value
  return (
    <Section title="Groups">
      {attributes.length === 0 ? (
        <p class="empty">
          This community has no attributes (such as team or role), so everyone is one group.
        </p>
      ) : (
        <>
          <CutControls
            id="cut"
            attributes={attributes}
            by={m.by}
            columns={m.columns}
            metric={m.metric}
          />
          <Async of={m.cut} label="Loading the groups…">
            {(cut) => (
              <GroupsHeatmap
                id="groups-heatmap"
                title={`Groups by ${m.by.value}`}
                groups={cut.groups}
                questions={survey.questions}
                columns={m.columns.value}
                metric={m.metric.value}
                by={m.by.value}
                k={pulse.minGroupSize}
                other={m.other.value}
              />
            )}
          </Async>
        </>
      )}
    </Section>
  )
}

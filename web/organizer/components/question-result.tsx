import type { Question, QuestionResult as Result } from '../api-types'
import { formatShare, people } from '../models/report-format'
import { distributionBars, questionFacts, type Fact } from '../models/report-view'
import { Columns, HBars } from './bar-charts'
import { Swatch, type DataTable } from './chart-figure'

const kindLabels: Record<Question['kind'], string> = {
  likert5: 'Agreement 1–5',
  scale10: 'Scale 0–10',
  yesno: 'Yes or no',
  choice: 'One choice',
  multi: 'Several choices',
  text: 'Free text',
}

interface Props {
  question: Question
  /** Its number in the survey, from 1. */
  number: number
  result: Result | undefined
  k: number
  /** Where to plan an action on this question (organizers only). */
  planHref?: string
}

/** One question of a pulse report: its facts with changes, and its answers as bars and a table. */
export function QuestionResult({ question, number, result, k, planHref }: Props) {
  const id = `q-${question.id}`
  return (
    <article class="result" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <span class="result-number">Q{number}.</span> {question.prompt}
      </h3>
      <p class="meta">
        {kindLabels[question.kind]}
        {question.dimension && ` · ${question.dimension}`}
        {!question.required && ' · optional'}
      </p>
      {planHref && (
        <p class="plan-link">
          <a href={planHref}>
            Plan an action<span class="visually-hidden"> on Q{number}</span>
          </a>
        </p>
      )}
      {!result || result.suppressed ? (
        <p class="hidden-note">
          Hidden to protect anonymity: fewer than {k} people answered this question, or their
          answers could be worked out from other groups.
        </p>
      ) : (
        <>
          <Facts facts={questionFacts(result)} />
          <Distribution id={id} question={question} number={number} result={result} />
        </>
      )}
    </article>
  )
}

/** The headline numbers as a description list; a change is flagged only when it is clear. */
export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl class="result-facts">
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>
            {f.value}
            {f.change && (
              <span
                class={
                  f.change === 'no clear change'
                    ? 'change'
                    : `change change-${f.change.split(' ')[0]}`
                }
              >
                {f.change}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}

function Distribution(p: {
  id: string
  question: Question
  number: number
  result: Extract<Result, { suppressed: false }>
}) {
  const bars = distributionBars(p.question, p.result)
  const max = Math.max(...bars.map((b) => b.share), 0)
  const title = `Q${p.number} answers`
  const top = bars.reduce((a, b) => (b.count > a.count ? b : a), bars[0])
  const summary = top
    ? `${people(p.result.n)} answered; most often "${top.label}" (${formatShare(top.share)}).`
    : `${people(p.result.n)} answered.`
  const multi = p.question.kind === 'multi'
  const table: DataTable = {
    caption: title,
    head: ['Answer', 'People', multi ? 'Share of those who answered' : 'Share'],
    rows: bars.map((b) => ({ head: b.label, cells: [String(b.count), formatShare(b.share)] })),
  }
  const text = (b: (typeof bars)[number]) => `${b.count} · ${formatShare(b.share)}`
  if (p.question.kind === 'scale10') {
    const columns = bars.map((b) => ({
      label: b.label,
      fraction: max ? b.share / max : 0,
      text: String(b.count),
      tone: b.tone,
    }))
    return (
      <Columns
        id={`${p.id}-chart`}
        title={title}
        summary={summary}
        columns={columns}
        table={table}
        after={<NpsLegend />}
      />
    )
  }
  const rows = bars.map((b) => ({
    label: b.label,
    fraction: max ? b.share / max : 0,
    text: text(b),
    tone: b.tone,
  }))
  return <HBars id={`${p.id}-chart`} title={title} summary={summary} bars={rows} table={table} />
}

function NpsLegend() {
  return (
    <p class="legend" aria-hidden="true">
      <span class="legend-item">
        <Swatch class="bar tone-unfav" /> Detractors (0–6)
      </span>
      <span class="legend-item">
        <Swatch class="bar tone-neutral" /> Passives (7–8)
      </span>
      <span class="legend-item">
        <Swatch class="bar tone-fav" /> Promoters (9–10)
      </span>
    </p>
  )
}

import { truncate } from '../organizer/models/charts'
import { num } from './numbers'
import { drawBars, type ResultBar } from './results-model'

// A question's answers as a small SVG chart, the shapes of the organizer's report (rows of bars;
// columns for a 0–10 scale) without its components: a few lines of markup in the lazily loaded
// results chunk. The SVG scales to the page's width; screen readers get one image with a title
// and every value in its description.

const W = 320

type Props = { id: string; title: string; bars: ResultBar[]; value: (b: ResultBar) => string }

/** Rows of bars: the answer on the left, its bar, then "count · share". */
function Rows({ bars, value }: Props) {
  const row = 26
  const labelW = 128
  const track = W - labelW - 72
  return (
    <>
      {drawBars(bars, track).map(({ bar, length }, i) => {
        const y = i * row
        return (
          <g key={bar.value}>
            <text x={labelW - 6} y={y + row / 2} dy="0.35em" text-anchor="end">
              {truncate(bar.label, 17)}
            </text>
            <rect class="track" x={labelW} y={y + 5} width={track} height={row - 10} rx="2" />
            <rect
              class={`bar tone-${bar.tone}`}
              x={labelW}
              y={y + 5}
              width={length}
              height={row - 10}
              rx="2"
            />
            <text x={labelW + length + 5} y={y + row / 2} dy="0.35em">
              {value(bar)}
            </text>
          </g>
        )
      })}
    </>
  )
}

/** Columns over a full-height track, the count above each and the answer below. */
function Columns({ bars }: Props) {
  const top = 18
  const track = 90
  const slot = W / bars.length
  const barW = Math.min(24, slot * 0.7)
  return (
    <>
      {drawBars(bars, track).map(({ bar, length }, i) => {
        const x = i * slot + (slot - barW) / 2
        const mid = x + barW / 2
        return (
          <g key={bar.value}>
            <rect class="track" x={x} y={top} width={barW} height={track} rx="2" />
            <rect
              class={`bar tone-${bar.tone}`}
              x={x}
              y={top + track - length}
              width={barW}
              height={length}
              rx="2"
            />
            <text x={mid} y={top - 5} text-anchor="middle">
              {num(bar.count)}
            </text>
            <text x={mid} y={top + track + 14} text-anchor="middle">
              {bar.label}
            </text>
          </g>
        )
      })}
    </>
  )
}

/**
 * The chart of one question's answers: columns for a 0–10 scale, rows otherwise. `value` words
 * a bar's number ("4 · 40%").
 */
export function ResultChart(p: Props & { columns?: boolean }) {
  const height = p.columns ? 128 : p.bars.length * 26
  const described = p.bars.map((b) => `${b.label}: ${p.value(b)}`).join('; ')
  return (
    <svg
      class="result-chart"
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-labelledby={`${p.id}-t`}
      aria-describedby={`${p.id}-d`}
    >
      <title id={`${p.id}-t`}>{p.title}</title>
      <desc id={`${p.id}-d`}>{described}</desc>
      {p.columns ? <Columns {...p} /> : <Rows {...p} />}
    </svg>
  )
}

import {
  bandPaths,
  linePath,
  linearScale,
  niceTicks,
  shownLabels,
  spread,
  type Domain,
} from '../models/charts'
import { groupMarks, type ActionMark } from '../models/action-marks'
import type { PulseAxis, Series } from '../models/trend-view'
import { chartWidth } from '../models/viewport'
import { ChartFigure, type DataTable } from './chart-figure'

const H = 230
const M = { left: 40, right: 16, top: 14, bottom: 44 }

interface LineChartProps {
  id: string
  title: string
  summary: string
  axis: PulseAxis
  series: Series[]
  domain: Domain
  /** How a value reads on the axis, in the table and in the summary ("3.8", "+24"). */
  format: (value: number) => string
  /** A line drawn across the chart, e.g. eNPS 0 or the scale's midpoint. */
  baseline?: number
  /** Name the lines under the chart (by default only when there are several). */
  legend?: boolean
  /** Days actions started or ended, drawn as numbered vertical lines and listed under the chart. */
  marks?: ActionMark[]
}

/**
 * Values over pulses as lines, one per series, broken where a pulse is hidden; a series with
 * bands gets its 95% interval as a shaded band (or a whisker for a lone point).
 */
export function LineChart(p: LineChartProps) {
  const W = chartWidth()
  const count = p.axis.labels.length
  const xs = spread(count, [M.left + 18, W - M.right - 18])
  const y = linearScale(p.domain, [H - M.bottom, M.top])
  const ticks = niceTicks(p.domain[0], p.domain[1], 6)
  // Every label fits up to about six pulses; beyond that, every k-th plus the latest.
  const shown = shownLabels(count)
  // A year of weekly pulses puts dots about 6 units apart, where they would break the line into
  // dashes: then only a lone point (which has no line) gets its dot.
  const dense = count > 20
  return (
    <ChartFigure
      id={p.id}
      title={p.title}
      summary={p.summary}
      width={W}
      height={H}
      table={lineTable(p)}
      after={
        <>
          {(p.legend ?? p.series.length > 1) && <Legend names={p.series.map((s) => s.name)} />}
          {p.marks && p.marks.length > 0 && <MarkList marks={p.marks} />}
        </>
      }
    >
      <g class="axis">
        {ticks.map((t) => (
          <g key={t}>
            <line class="grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 6} y={y(t)} dy="0.35em" text-anchor="end">
              {p.format(t)}
            </text>
          </g>
        ))}
        {p.baseline !== undefined && (
          <line
            class="baseline"
            x1={M.left}
            x2={W - M.right}
            y1={y(p.baseline)}
            y2={y(p.baseline)}
          />
        )}
        {p.axis.labels.map((label, i) => {
          if (!shown[i]) return null
          const [number, ...day] = label.split(' ')
          return (
            <text key={i} x={xs[i]} y={H - M.bottom + 18} text-anchor="middle">
              <tspan x={xs[i]}>{number}</tspan>
              <tspan x={xs[i]} dy="1.2em" class="axis-sub">
                {day.join(' ')}
              </tspan>
            </text>
          )
        })}
      </g>
      {groupMarks(p.marks ?? [], (at) => {
        const step = count > 1 ? xs[1] - xs[0] : 60
        return Math.min(W - M.right - 2, Math.max(M.left + 8, xs[0] + at * step))
      }).map((mark) => (
        <g key={mark.x} class="action-mark">
          <line x1={mark.x} x2={mark.x} y1={M.top + 12} y2={H - M.bottom} />
          <text x={mark.x} y={M.top + 8} text-anchor="middle">
            {mark.label}
          </text>
        </g>
      ))}
      {p.series.map((s, i) => {
        const band =
          s.bands &&
          bandPaths(s.bands.map((b, j) => (b ? { x: xs[j], y0: y(b[1]), y1: y(b[0]) } : undefined)))
        const points = s.values.map((v, j) => (v === undefined ? undefined : { x: xs[j], y: y(v) }))
        return (
          <g key={s.name} class={`series series-${i}`}>
            {band?.areas.map((d) => (
              <path key={d} class="band" d={d} />
            ))}
            {band?.whiskers.map((d) => (
              <path key={d} class="whisker" d={d} />
            ))}
            <path class="line" d={linePath(points)} />
            {points.map(
              (pt, j) =>
                pt &&
                (!dense || (!points[j - 1] && !points[j + 1])) && (
                  <circle key={j} class="dot" cx={pt.x} cy={pt.y} r="3.5" />
                ),
            )}
          </g>
        )
      })}
    </ChartFigure>
  )
}

function lineTable(p: LineChartProps): DataTable {
  const banded = p.series.some((s) => s.bands)
  const head = ['Pulse', ...p.series.map((s) => s.name)]
  if (banded) head.push(...p.series.map(() => '95% interval'))
  return {
    caption: p.title,
    head,
    rows: p.axis.names.map((name, i) => {
      const values = p.series.map((s) =>
        s.values[i] === undefined ? 'hidden' : p.format(s.values[i]!),
      )
      const bands = banded
        ? p.series.map((s) => {
            const b = s.bands?.[i]
            return b ? `${p.format(b[0])}–${p.format(b[1])}` : '—'
          })
        : []
      return { head: name, cells: [...values, ...bands] }
    }),
  }
}

/** What each numbered mark stands for: an action that started or ended then. */
function MarkList({ marks }: { marks: ActionMark[] }) {
  return (
    <ol class="mark-list">
      {marks.map((m) => (
        <li key={m.n} value={m.n}>
          {m.label}
        </li>
      ))}
    </ol>
  )
}

/** Which line is which: the same colour and dash as the line itself. */
export function Legend({ names }: { names: string[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {names.map((name, i) => (
        <li key={name}>
          <svg class="swatch" viewBox="0 0 28 12" width="28" height="12">
            <g class={`series series-${i}`}>
              <path class="line" d="M1 6H27" />
              <circle class="dot" cx="14" cy="6" r="3" />
            </g>
          </svg>
          {name}
        </li>
      ))}
    </ul>
  )
}

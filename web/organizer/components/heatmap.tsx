import { truncate } from '../models/charts'
import { heatLegend, people } from '../models/report-format'
import type { HeatColumn, HeatMetric, HeatRow } from '../models/report-view'
import { ChartFigure, Swatch, type DataTable } from './chart-figure'

export const HIDDEN_NOTE =
  'hidden to protect anonymity: fewer than k people, or their numbers could be worked out from other groups'

interface HeatmapProps {
  id: string
  title: string
  columns: HeatColumn[]
  rows: HeatRow[]
  metric: HeatMetric
  /** What a column is, for the table ("Question", "Dimension"). */
  columnName: string
  /** The pulse's smallest group size, to say what k is in the legend. */
  k?: number
}

const headH = 44
const rowH = 34
/** Row heads longer than this are cut ("team: care + outreach" fits). */
const rowChars = 22

/** Splits a column head into at most two lines of about `width` characters. */
function headLines(text: string, width: number): string[] {
  const words = text.split(' ')
  const first: string[] = []
  while (words.length && [...first, words[0]].join(' ').length <= width) first.push(words.shift()!)
  if (!first.length) first.push(words.shift()!)
  return words.length ? [first.join(' '), truncate(words.join(' '), width)] : [first.join(' ')]
}

/**
 * Groups (rows) against dimensions or questions (columns), each cell coloured by its value with
 * the value printed, "hidden" where the group or question was suppressed. Drawn at its natural
 * size; it scrolls sideways inside its own box on narrow screens.
 */
export function Heatmap(p: HeatmapProps) {
  const colW = p.columns.some((c) => c.short.length > 4) ? 96 : 64
  // Row heads as wide as the longest one needs ("team: basses (4)"), at about 7 units a character.
  const longest = Math.max(
    ...p.rows.map(
      (r) => Math.min(rowChars, r.label.length) + (r.respondents === undefined ? 0 : 4),
    ),
  )
  const labelW = Math.min(190, Math.max(72, longest * 7 + 16))
  const width = labelW + p.columns.length * colW + 4
  const height = headH + p.rows.length * rowH + 4
  const hiddenCount = p.rows.reduce((n, r) => n + r.cells.filter((c) => c?.hidden).length, 0)
  const note = HIDDEN_NOTE.replace('fewer than k', p.k ? `fewer than ${p.k}` : 'fewer than k')
  const summary =
    `${p.rows.length} groups by ${p.columns.length} ${p.metric === 'mean' ? 'means' : 'favorable shares'}` +
    (hiddenCount ? `; ${hiddenCount} cells hidden to protect anonymity.` : '.')
  return (
    <ChartFigure
      id={p.id}
      title={p.title}
      summary={summary}
      width={width}
      height={height}
      fixed
      table={heatTable(p)}
      after={
        <>
          <HeatLegend metric={p.metric} note={note} />
          <HeatKey columns={p.columns} />
        </>
      }
    >
      {p.columns.map((c, j) => {
        const x = labelW + j * colW + colW / 2
        const lines = headLines(c.short, colW > 64 ? 13 : 6)
        return (
          <text
            key={c.key}
            class="heat-head"
            x={x}
            y={lines.length > 1 ? 16 : 30}
            text-anchor="middle"
          >
            <title>{c.full}</title>
            {lines.map((line, k) => (
              <tspan key={k} x={x} dy={k ? '1.2em' : undefined}>
                {line}
              </tspan>
            ))}
          </text>
        )
      })}
      {p.rows.map((r, i) => {
        const y = headH + i * rowH
        return (
          <g key={i}>
            <text class="heat-row" x={labelW - 8} y={y + rowH / 2} dy="0.35em" text-anchor="end">
              {truncate(r.label, rowChars)}
              {r.respondents !== undefined && <tspan class="axis-sub"> ({r.respondents})</tspan>}
            </text>
            {r.cells.map((cell, j) => {
              const x = labelW + j * colW
              const cls = !cell ? 'heat-empty' : cell.hidden ? 'heat-hidden' : `heat-${cell.bin}`
              return (
                <g key={j}>
                  <rect
                    class={`heat-cell ${cls}`}
                    x={x + 1}
                    y={y + 1}
                    width={colW - 2}
                    height={rowH - 2}
                    rx="3"
                  />
                  <text
                    class={`heat-value on-${cls}`}
                    x={x + colW / 2}
                    y={y + rowH / 2}
                    dy="0.35em"
                    text-anchor="middle"
                  >
                    {!cell ? '—' : cell.hidden ? 'hidden' : cell.text}
                  </text>
                </g>
              )
            })}
          </g>
        )
      })}
    </ChartFigure>
  )
}

function HeatLegend({ metric, note }: { metric: HeatMetric; note: string }) {
  const ranges = heatLegend(metric)
  return (
    <div class="heat-legend">
      <p class="heat-scale">
        <span>{metric === 'mean' ? 'Mean (1–5):' : 'Favorable:'}</span>
        {ranges.map((range, i) => (
          <span key={i} class="legend-item">
            <Swatch class={`heat-cell heat-${i}`} />
            {range}
          </span>
        ))}
      </p>
      <p class="legend-item">
        <Swatch class="heat-cell heat-hidden" />
        <span>{note}</span>
      </p>
    </div>
  )
}

/** The same numbers turned a quarter: one row per column of the heatmap, one column per group. */
function heatTable(p: HeatmapProps): DataTable {
  return {
    caption: p.title,
    head: [
      p.columnName,
      ...p.rows.map((r) =>
        r.respondents !== undefined ? `${r.label} (${people(r.respondents)})` : r.label,
      ),
    ],
    rows: p.columns.map((c, j) => ({
      head: c.short === c.full ? c.full : `${c.short}. ${c.full}`,
      cells: p.rows.map((r) => {
        const cell = r.cells[j]
        return !cell ? '—' : cell.hidden ? 'hidden' : cell.text
      }),
    })),
  }
}

/** What the numbered columns ask, when the heads are numbers rather than names. */
function HeatKey({ columns }: { columns: HeatColumn[] }) {
  const numbered = columns.filter((c) => c.short !== c.full)
  if (!numbered.length) return null
  return (
    <dl class="heat-key">
      {numbered.map((c) => (
        <div key={c.key}>
          <dt>{c.short}</dt>
          <dd>{c.full}</dd>
        </div>
      ))}
    </dl>
  )
}

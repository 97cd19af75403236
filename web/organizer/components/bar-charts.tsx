import type { ComponentChildren } from 'preact'
import { barLength, shownLabels, stackSegments, truncate } from '../models/charts'
import type { Tone } from '../models/report-view'
import { chartWidth } from '../models/viewport'
import { ChartFigure, type DataTable } from './chart-figure'

export interface HBar {
  label: string
  /** How much of the track the bar fills, 0–1. */
  fraction: number
  /** Printed after the bar ("4 · 29%", "3.8"). */
  text: string
  tone: Tone
}

interface BarsProps {
  id: string
  title: string
  summary: string
  bars: HBar[]
  table: DataTable
  /** Room after the longest bar for its printed value, in SVG units. */
  textWidth?: number
}

/** Horizontal bars with their labels on the left and their values printed after them. */
export function HBars(p: BarsProps) {
  const W = chartWidth()
  const row = 28
  const labelW = 156
  // Room after the longest bar for its value ("13 · 100%").
  const track = W - labelW - (p.textWidth ?? 84)
  const height = p.bars.length * row + 8
  return (
    <ChartFigure
      id={p.id}
      title={p.title}
      summary={p.summary}
      width={W}
      height={height}
      table={p.table}
    >
      {p.bars.map((bar, i) => {
        const y = 4 + i * row
        const length = barLength(bar.fraction, 1, track)
        return (
          <g key={i}>
            <text x={labelW - 8} y={y + row / 2} dy="0.35em" text-anchor="end">
              {truncate(bar.label, 20)}
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
            <text class="value" x={labelW + length + 6} y={y + row / 2} dy="0.35em">
              {bar.text}
            </text>
          </g>
        )
      })}
    </ChartFigure>
  )
}

export interface Column {
  /** Under the column; a space splits it into two lines ("#2 26 Nov"). */
  label: string
  fraction: number
  /** Printed above the column. */
  text: string
  tone: Tone
}

interface ColumnsProps extends Omit<BarsProps, 'bars'> {
  columns: Column[]
  after?: ComponentChildren
  /** At most this many labels and values side by side (default: every column's). */
  maxLabels?: number
}

/** Vertical columns over a full-height track (participation per pulse, a 0–10 distribution). */
export function Columns(p: ColumnsProps) {
  const W = chartWidth()
  const H = 214
  const top = 28
  const bottom = 40
  const slot = (W - 8) / Math.max(1, p.columns.length)
  const barW = Math.min(48, slot * 0.7)
  const track = H - top - bottom
  // With more columns than labels fit (`maxLabels`), every k-th and the last are labelled.
  const shown = shownLabels(p.columns.length, p.maxLabels ?? p.columns.length)
  return (
    <ChartFigure
      id={p.id}
      title={p.title}
      summary={p.summary}
      width={W}
      height={H}
      table={p.table}
      after={p.after}
    >
      {p.columns.map((c, i) => {
        const x = 4 + i * slot + (slot - barW) / 2
        const length = barLength(c.fraction, 1, track)
        const [first, ...rest] = c.label.split(' ')
        const mid = x + barW / 2
        // Thin columns put the first and last labels at the canvas's edge: keep them inside.
        const at = Math.min(W - 24, Math.max(24, mid))
        return (
          <g key={i}>
            <rect class="track" x={x} y={top} width={barW} height={track} rx="2" />
            <rect
              class={`bar tone-${c.tone}`}
              x={x}
              y={top + track - length}
              width={barW}
              height={length}
              rx="2"
            />
            {shown[i] && (
              <>
                <text class="value" x={at} y={top - 8} text-anchor="middle">
                  {c.text}
                </text>
                <text x={at} y={H - bottom + 16} text-anchor="middle">
                  <tspan x={at}>{first}</tspan>
                  {rest.length > 0 && (
                    <tspan x={at} dy="1.2em" class="axis-sub">
                      {rest.join(' ')}
                    </tspan>
                  )}
                </text>
              </>
            )}
          </g>
        )
      })}
    </ChartFigure>
  )
}

export interface StackedRow {
  label: string
  /** Favorable, neutral, unfavorable shares (0–1), drawn in that order from the left. */
  shares: [number, number, number]
  /** Printed over each segment wide enough to hold it. */
  texts: [string, string, string]
}

interface StackedProps extends Omit<BarsProps, 'bars'> {
  rows: StackedRow[]
  after?: ComponentChildren
}

const tones = ['fav', 'neutral', 'unfav'] as const

/** One full-width bar per row split into favorable / neutral / unfavorable, label above it. */
export function StackedBars(p: StackedProps) {
  const W = chartWidth()
  const row = 46
  const height = p.rows.length * row + 4
  return (
    <ChartFigure
      id={p.id}
      title={p.title}
      summary={p.summary}
      width={W}
      height={height}
      table={p.table}
      after={p.after}
    >
      {p.rows.map((r, i) => {
        const y = 4 + i * row
        const segments = stackSegments(r.shares, W)
        return (
          <g key={i}>
            <text x="0" y={y + 12} class="row-label">
              {truncate(r.label, Math.floor(W / 7.4))}
            </text>
            {segments.map((seg, j) => (
              <g key={j}>
                <rect
                  class={`bar tone-${tones[j]}`}
                  x={seg.x}
                  y={y + 18}
                  width={seg.width}
                  height="20"
                />
                {seg.width >= 34 && (
                  <text
                    class={`in-bar on-${tones[j]}`}
                    x={seg.x + seg.width / 2}
                    y={y + 28}
                    dy="0.35em"
                    text-anchor="middle"
                  >
                    {r.texts[j]}
                  </text>
                )}
              </g>
            ))}
          </g>
        )
      })}
    </ChartFigure>
  )
}

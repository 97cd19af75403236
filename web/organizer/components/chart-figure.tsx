import type { ComponentChildren } from 'preact'

/** The numbers of a chart as a table: its text alternative and its printed form. */
export interface DataTable {
  caption: string
  /** Column heads; the first names the row heads' column. */
  head: string[]
  rows: { head: string; cells: string[] }[]
}

interface ChartProps {
  id: string
  /** The chart's name: its SVG `<title>` and the table's caption. */
  title: string
  /** What the chart shows in a sentence (its `<desc>`), e.g. the latest value and the range. */
  summary: string
  width: number
  height: number
  table: DataTable
  /** A fixed-size chart (the heatmap) keeps its pixel width and scrolls sideways in its box. */
  fixed?: boolean
  /** HTML under the chart: a legend or a note. */
  after?: ComponentChildren
  children: ComponentChildren
}

/**
 * An SVG chart that screen readers announce as one image with a title and a summary, and right
 * under it the same numbers as a table (collapsed; opened for printing).
 */
export function ChartFigure(p: ChartProps) {
  const svg = (
    <svg
      class="chart-svg"
      viewBox={`0 0 ${p.width} ${p.height}`}
      width={p.fixed ? p.width : undefined}
      height={p.fixed ? p.height : undefined}
      role="img"
      aria-labelledby={`${p.id}-title`}
      aria-describedby={`${p.id}-desc`}
    >
      <title id={`${p.id}-title`}>{p.title}</title>
      <desc id={`${p.id}-desc`}>{p.summary}</desc>
      {p.children}
    </svg>
  )
  return (
    <div class={p.fixed ? 'chart chart-fixed' : 'chart'}>
      {p.fixed ? (
        <div
          class="chart-scroll"
          tabIndex={0}
          role="group"
          aria-label={`${p.title}, scrolls sideways`}
        >
          {svg}
        </div>
      ) : (
        svg
      )}
      {p.after}
      <TableView table={p.table} />
    </div>
  )
}

/** A chart's numbers behind a "Show as table" disclosure. */
export function TableView({ table }: { table: DataTable }) {
  return (
    <details class="table-view">
      <summary>
        Show as table<span class="visually-hidden">: {table.caption}</span>
      </summary>
      <div class="table-scroll">
        <table class="data-table">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.head.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                <th scope="row">{row.head}</th>
                {row.cells.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

/** A legend entry's colour sample, drawn as the chart draws (class names from report.css). */
export function Swatch({ class: className }: { class: string }) {
  return (
    <svg class="swatch" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">
      <rect class={className} x="0" y="1" width="24" height="10" rx="2" />
    </svg>
  )
}

import type { Signal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { Question, ReportGroup } from '../api-types'
import type { OtherGroup } from '../models/merged-groups'
import { heatColumns, heatRows, type HeatColumns, type HeatMetric } from '../models/report-view'
import { Heatmap } from './heatmap'

interface Props {
  id: string
  attributes: string[]
  by: Signal<string>
  columns: Signal<HeatColumns>
  metric: Signal<HeatMetric>
  /** More choices in the same row (the dashboard's pulse). */
  children?: ComponentChildren
}

/** What the heatmap shows: the attribute that splits the groups, its columns and its colour. */
export function CutControls({ id, attributes, by, columns, metric, children }: Props) {
  return (
    <div class="report-controls">
      <div class="field">
        <label for={`${id}-by`}>Groups by</label>
        <select
          id={`${id}-by`}
          value={by.value}
          onChange={(e) => (by.value = e.currentTarget.value)}
        >
          {attributes.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      {children}
      <div class="field">
        <label for={`${id}-columns`}>Columns</label>
        <select
          id={`${id}-columns`}
          value={columns.value}
          onChange={(e) => (columns.value = e.currentTarget.value as HeatColumns)}
        >
          <option value="dimensions">Dimensions</option>
          <option value="questions">Questions (agreement)</option>
        </select>
      </div>
      <div class="field">
        <label for={`${id}-metric`}>Colour by</label>
        <select
          id={`${id}-metric`}
          value={metric.value}
          onChange={(e) => (metric.value = e.currentTarget.value as HeatMetric)}
        >
          <option value="mean">Mean (1–5)</option>
          <option value="favorable">Favorable share</option>
        </select>
      </div>
    </div>
  )
}

interface GroupsProps {
  id: string
  title: string
  groups: ReportGroup[]
  questions: Question[]
  columns: HeatColumns
  metric: HeatMetric
  by: string
  k?: number
  /** What the cut's `{}` group holds, when the pulse's key list is known. */
  other?: OtherGroup
}

/** A cut's groups as a heatmap, or a sentence saying why there is nothing to draw. */
export function GroupsHeatmap(p: GroupsProps) {
  const columns = heatColumns(p.questions, p.columns)
  if (!columns.length) {
    return (
      <p class="empty">
        {p.columns === 'dimensions'
          ? 'No agreement question of this survey names a dimension. Choose questions as columns.'
          : 'This survey has no agreement (1–5) questions to compare across groups.'}
      </p>
    )
  }
  if (!p.groups.length) return <p class="empty">This pulse has no groups by {p.by}.</p>
  return (
    <>
      <Heatmap
        id={p.id}
        title={p.title}
        columns={columns}
        rows={heatRows(p.groups, columns, p.columns, p.metric, p.by, p.other?.label)}
        metric={p.metric}
        columnName={p.columns === 'dimensions' ? 'Dimension' : 'Question'}
        k={p.k}
      />
      {p.other && <OtherGroupNote id={`${p.id}-other`} other={p.other} />}
    </>
  )
}

/** Why the cut's `{}` group holds what it holds: merged groups, members not told apart. */
function OtherGroupNote({ id, other }: { id: string; other: OtherGroup }) {
  return (
    <section class="notice merged-note" aria-labelledby={id}>
      <h3 id={id}>Why “{other.label}”?</h3>
      {other.notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </section>
  )
}

import type { Trend } from '../api-types'
import type { Dashboard } from '../models/dashboard-model'
import { formatMean, formatShare } from '../models/report-format'
import { groupSeries, pulseAxis } from '../models/trend-view'
import { LineChart } from './line-chart'
import { latestValues } from './trend-sections'

/**
 * A cut's groups over time: one line per group for one dimension or question, in the heatmap's
 * measure (mean or favorable share), broken where a pulse hid the group.
 */
export function GroupTrend({ m, trend }: { m: Dashboard; trend: Trend }) {
  const column = m.shownLineColumn.value
  if (!column) return null
  const by = m.by.value
  const kind = m.columns.value
  const metric = m.metric.value
  const share = metric === 'favorable'
  const format = share ? formatShare : formatMean
  const { series, omitted } = groupSeries(trend, column, kind, metric, by)
  const merged = trend.groups.some((g) => Object.keys(g.cohort).length === 0)
  const what = share ? 'favorable share' : 'mean (1–5)'
  return (
    <div class="group-trend">
      <h3>Over time</h3>
      <div class="field report-controls">
        <label for="group-line">{kind === 'dimensions' ? 'Dimension' : 'Question'}</label>
        <select
          id="group-line"
          value={column.key}
          onChange={(e) => (m.lineColumn.value = e.currentTarget.value)}
        >
          {m.lineColumns.value.map((c) => (
            <option key={c.key} value={c.key}>
              {c.short === c.full ? c.full : `${c.short}. ${c.full}`}
            </option>
          ))}
        </select>
      </div>
      {series.length === 0 ? (
        <p class="empty">
          No group by {by} shows {column.full} in any pulse: every one was hidden to protect
          anonymity.
        </p>
      ) : (
        <LineChart
          id="group-trend"
          title={`${column.short === column.full ? column.full : column.short}: ${what} by ${by}, per pulse`}
          summary={latestValues(series, format)}
          axis={pulseAxis(trend.pulses)}
          series={series}
          domain={share ? [0, 1] : [1, 5]}
          baseline={share ? undefined : 3}
          format={format}
          legend
        />
      )}
      {omitted > 0 && (
        <p class="hint">
          {omitted} more {omitted === 1 ? 'group is' : 'groups are'} in the heatmap below and in the
          CSV.
        </p>
      )}
      <p class="hint">
        A line breaks where a pulse hid the group to protect anonymity.
        {merged &&
          ` “${by}: mixed or merged” counts, at each pulse, the members not told apart by ${by} and any groups merged because too few answered; the heatmap below explains one pulse.`}
      </p>
    </div>
  )
}

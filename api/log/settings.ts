// The community settings a transparency log records: everything that decides how a pulse cuts
// its members into cohorts and what it releases (thresholds, mode, ε, attribute order). A lower
// threshold, or a new attribute order, shows in the log before the pulse that uses it.
import type { CommunityRow } from '../db/rows'
import type { SettingsChanged } from '../privacy/log-chain'
import type { AppendOptions } from './store'

/** The settings of a community as a `settings` entry holds them (never its name). */
export const settingsOf = (row: CommunityRow): SettingsChanged => ({
  minGroupSize: row.minGroupSize,
  minCommentGroupSize: row.minCommentGroupSize,
  privacyMode: row.privacyMode,
  epsilon: row.epsilon,
  attributes: row.attributes,
})

/**
 * The log append of a change from `before` to `after`: a `settings` entry with every setting as
 * it now is, or undefined when none of them changed (a new name is not logged).
 */
export function settingsAppend(
  before: CommunityRow,
  after: CommunityRow,
): AppendOptions | undefined {
  const [was, now] = [settingsOf(before), settingsOf(after)]
  if (JSON.stringify(was) === JSON.stringify(now)) return undefined
  return { event: { entry: { kind: 'settings', data: now } } }
}

// Deleting an accidental pulse. Only a pulse that never opened, or one that closed with nobody
// counted, may go: a pulse members could answer, or whose results were released, stays, so a
// report someone has read never disappears from the trend.
import { eq, sql, type SQL } from 'drizzle-orm'
import {
  cohortHistograms,
  comments,
  outbox,
  pulseKeys,
  pulseMembers,
  pulseNotices,
  pulses,
  releasedViews,
  responses,
  spentTokens,
  tokenIssuances,
} from '../../schema'
import { rowsAffected } from '../db'
import type { PulseRow } from '../db/rows'
import type { AppDeps } from '../deps'
import { fromBase64Url } from '../privacy/base64url'
import { withLog } from '../log/store'
import { logged } from './promise'

/** Why a pulse may not be deleted, in the organizer's words; undefined when it may. */
export function deletionRefusal(
  pulse: Pick<PulseRow, 'status' | 'released' | 'responded'>,
): string | undefined {
  if (pulse.status === 'scheduled' || pulse.status === 'skipped') return undefined
  if (pulse.status === 'open')
    return 'This pulse is open: members may be answering it. Close it first; a closed pulse can be deleted when nobody was counted.'
  if (!pulse.released) return "This pulse's results are still being computed. Try again shortly."
  if (pulse.responded === null || pulse.responded === 0) return undefined
  return 'This pulse released results, so it stays: reports and trends keep every pulse that showed numbers.'
}

/** The same rule as `deletionRefusal`, as SQL over the pulse's stored row. */
const stillDeletable = (pulseId: string): SQL =>
  sql`exists (select 1 from ${pulses} where ${pulses.id} = ${pulseId} and (
    ${pulses.status} in ('scheduled', 'skipped')
    or (${pulses.status} = 'closed' and ${pulses.released} = 1 and coalesce(${pulses.responded}, 0) = 0)))`

// Every table holding rows of a pulse (the schema's references to pulses.id).
const children = [
  pulseMembers,
  pulseKeys,
  tokenIssuances,
  spentTokens,
  responses,
  comments,
  cohortHistograms,
  releasedViews,
  pulseNotices,
  outbox,
] as const

/**
 * Deletes the pulse and every row of it (snapshot, keys, released views, notices, its messages
 * in the outbox, and any anonymous rows) in one batch with its `pulse-deleted` log entry (for a
 * pulse the log saw open), only while the stored row still allows it
 * (`deletionRefusal`): a pulse the scheduler opened meanwhile is left whole. Its signing keys
 * leave the signer's memory too. Returns whether the pulse was deleted.
 */
export async function deletePulse(deps: AppDeps, pulseId: string): Promise<boolean> {
  const { db } = deps
  const [pulse] = await db
    .select({ communityId: pulses.communityId })
    .from(pulses)
    .where(eq(pulses.id, pulseId))
  if (!pulse) return false
  const keys = await db
    .select({ publicKey: pulseKeys.publicKey })
    .from(pulseKeys)
    .where(eq(pulseKeys.pulseId, pulseId))
  const guard = stillDeletable(pulseId)
  const own = (table: (typeof children)[number]) =>
    db.delete(table).where(sql`${table.pulseId} = ${pulseId} and ${guard}`)
  // The community's log records the deletion of a pulse it saw open, read before anything goes.
  const recorded = {
    entry: { kind: 'pulse-deleted', data: { pulseId } },
    when: sql`${guard} and ${logged(pulse.communityId, pulseId, 'pulse-opened')}`,
  } as const
  // The pulse row goes last, so the guard reads the same row in every statement of the batch.
  const results = await withLog(deps, pulse.communityId, { event: recorded }, (log) => [
    ...log,
    own(pulseMembers),
    ...children.filter((t) => t !== pulseMembers).map(own),
    db.delete(pulses).where(sql`${pulses.id} = ${pulseId} and ${guard}`),
  ])
  const deleted = rowsAffected(results.at(-1)) === 1
  if (deleted)
    for (const { publicKey } of keys) if (publicKey) deps.signer.forget(fromBase64Url(publicKey))
  return deleted
}

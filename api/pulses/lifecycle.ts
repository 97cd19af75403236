import { and, eq, isNull, sql } from 'drizzle-orm'
import { members, pulseKeys, pulseMembers, pulses } from '../../schema'
import type { CommunityRow, PulseRow } from '../db/rows'
import { newId } from '../privacy/ids'
import { chunks, rowsAffected } from '../db'
import type { AppDeps } from '../deps'
import { formCohorts, TooFewMembersError, type Cohort, type CohortMember } from '../privacy/cohorts'
import { fromBase64Url } from '../privacy/base64url'
import { generateCohortKey } from '../privacy/blind-signing'
import { seal } from '../privacy/sealed'
import type { FingerprintKey } from '../privacy/fingerprint'
import { releasePulse } from './release'
import { serverKeys } from '../privacy/server-keys'
import { withLog } from '../log/store'
import { fingerprintOf, logged, openedAppend, questionsOf } from './promise'
import { followUpsAt } from '../actions/store'
import { assertNoOverlap, isOverlapRefusal, OverlapError } from './overlap'

export const PREPARING_KEYS = 'preparing keys'

/** Opening failed for a reason the organizer should read (422 on request, `skipped` when scheduled). */
export class CannotOpenError extends Error {
  override name = 'CannotOpenError'
}

/** What a pulse copies from its community when it opens: thresholds, mode, ε, attribute order. */
export const frozenSettings = (community: CommunityRow) => ({
  minGroupSize: community.minGroupSize,
  minCommentGroupSize: community.minCommentGroupSize,
  privacyMode: community.privacyMode,
  epsilon: community.epsilon,
  attributes: community.attributes,
})

/**
 * A new cohort key, its id derived from it (base64url SHA-256 of the SPKI, so a server cannot
 * choose ids that members' devices would accept), and its private half sealed under that id.
 */
async function cohortKey(deps: AppDeps) {
  const key = await generateCohortKey()
  const id = key.keyId
  const { sealKey } = await serverKeys(deps)
  return {
    id,
    publicKey: key.publicKey,
    privateKey: await seal(sealKey, key.privateKey, `pulse-key:${id}`),
  }
}

/** Marks a key row whose key is still being made; replaced by the derived id once it exists. */
const PENDING = 'pending:'

/**
 * The cohorts a pulse of `community` would be cut into if it opened now, and the members it
 * would snapshot: the community's members not removed, each joined when they hold a working
 * member key, partitioned by `formCohorts` with the community's attributes and minGroupSize.
 * `openPulse` forms its cohorts with exactly this, so a preview shows what opening would do.
 * Reads only. Throws CannotOpenError when fewer than minGroupSize members are eligible.
 */
export async function cohortsNow(
  deps: AppDeps,
  community: CommunityRow,
): Promise<{ eligible: CohortMember[]; cohorts: Cohort[] }> {
  const eligible = await deps.db
    .select({
      id: members.id,
      attributes: members.attributes,
      joined: sql<boolean>`${members.keyHash} is not null`,
    })
    .from(members)
    .where(and(eq(members.communityId, community.id), eq(members.removed, false)))
    .then((rows) => rows.map((m) => ({ ...m, joined: Boolean(m.joined) })))
  try {
    return {
      eligible,
      cohorts: formCohorts(eligible, community.attributes, community.minGroupSize),
    }
  } catch (error) {
    if (!(error instanceof TooFewMembersError)) throw error
    const noun = error.members === 1 ? 'member is' : 'members are'
    throw new CannotOpenError(
      `Only ${error.members} ${noun} eligible; a pulse needs at least ${error.k}.`,
    )
  }
}

/**
 * Opens `pulse` now: snapshots the community's eligible members, forms cohorts, copies the
 * community's settings and makes one signing key per cohort. With at most `inlineKeyLimit`
 * cohorts the keys are made before this returns and the pulse is open; otherwise the pulse is
 * stored `scheduled` with reason "preparing keys" and `prepareKeys` runs in the background.
 * The pulse row is inserted when `insert` is set, else the scheduled row is updated. An open
 * pulse stores its fingerprint, and the community's log its opening, in the same batch. Throws,
 * writing nothing, CannotOpenError when fewer than k members are eligible and OverlapError when
 * another open or scheduled pulse of the survey overlaps its window.
 */
export async function openPulse(
  deps: AppDeps,
  pulse: PulseRow,
  community: CommunityRow,
  insert: boolean,
): Promise<PulseRow> {
  const { db } = deps
  const { eligible, cohorts } = await cohortsNow(deps, community)
  await assertNoOverlap(deps, pulse)
  const inline = cohorts.length <= (deps.inlineKeyLimit ?? 10)
  const keys = await Promise.all(
    cohorts.map(async (cohort) => {
      const material = inline
        ? await cohortKey(deps)
        : { id: PENDING + newId(), publicKey: null, privateKey: null }
      return {
        pulseId: pulse.id,
        cohort: cohort.cohort,
        eligible: cohort.memberIds.length,
        joined: cohort.joined,
        ...material,
        memberIds: cohort.memberIds,
      }
    }),
  )
  const opened: PulseRow = {
    ...pulse,
    ...frozenSettings(community),
    status: inline ? 'open' : 'scheduled',
    reason: inline ? null : PREPARING_KEYS,
    eligible: eligible.length,
    joined: eligible.filter((m) => m.joined).length,
    fingerprint: null,
    // Frozen now, with the cohorts: part of what the pulse promised (its fingerprint).
    followUps: await followUpsAt(db, pulse.surveyId, pulse.opensAt, pulse.id),
  }
  const served = keys.map(({ id, publicKey, cohort, eligible, joined }) => ({
    keyId: id,
    publicKey: publicKey!,
    cohort,
    eligible,
    joined,
  }))
  if (inline)
    opened.fingerprint = await fingerprintOf(opened, await questionsOf(db, opened), served)
  const attributesOf = new Map(eligible.map((m) => [m.id, m.attributes]))
  const snapshot = keys.flatMap((k) =>
    k.memberIds.map((memberId) => ({
      memberId,
      keyId: k.id,
      attributes: attributesOf.get(memberId),
    })),
  )
  const write = insert
    ? db.insert(pulses).values(opened)
    : db
        .update(pulses)
        .set(opened)
        .where(and(eq(pulses.id, pulse.id), eq(pulses.status, 'scheduled'), isNull(pulses.reason)))
  const statements = [
    write,
    // Eight values a key: 12 keys stay under D1's 100 bound parameters per statement. Keys and
    // snapshot are sorted by key id, so their order says nothing of the cohorts' formation.
    ...chunks(keys, 12).map((part) =>
      db.insert(pulseKeys).values(part.map(({ memberIds, ...k }) => k)),
    ),
    ...chunks(snapshot, 2000).map((part) =>
      db.run(sql`insert into ${pulseMembers} (pulse_id, member_id, key_id, attributes)
        select ${pulse.id}, json_extract(value, '$.memberId'), json_extract(value, '$.keyId'),
          json(json_extract(value, '$.attributes'))
        from json_each(${JSON.stringify(part)})`),
    ),
  ]
  const stored = inline
    ? withLog(deps, community.id, openedAppend(opened, opened.fingerprint!, served), (log) => [
        ...statements,
        ...log,
      ])
    : db.batch(statements as [(typeof statements)[0], ...typeof statements])
  // Another pulse took the window since the check above: the database refused the overlap.
  await stored.catch((error) => {
    throw isOverlapRefusal(error) ? new OverlapError() : error
  })
  if (!inline) deps.background(prepareKeys(deps, pulse.id))
  return opened
}

/**
 * Makes the missing signing keys of a pulse that is preparing them, then opens it with its
 * fingerprint, recording the opening in the community's log in the same batch. Safe to run
 * twice or after a crash: each key is written only where none exists yet, the opening once.
 */
export async function prepareKeys(deps: AppDeps, pulseId: string): Promise<void> {
  const { db } = deps
  const pending = await db
    .select({ id: pulseKeys.id })
    .from(pulseKeys)
    .where(and(eq(pulseKeys.pulseId, pulseId), isNull(pulseKeys.publicKey)))
  for (const { id: pendingId } of pending) {
    const { id, publicKey, privateKey } = await cohortKey(deps)
    // Only while the pulse still waits for its keys: a pulse closed meanwhile keeps no private
    // key. The row and the members' snapshot take the key's derived id together.
    const preparing = sql`exists (select 1 from ${pulses}
        where id = ${pulseId} and status = 'scheduled' and reason = ${PREPARING_KEYS})`
    await db.batch([
      db
        .update(pulseKeys)
        .set({ id, publicKey, privateKey })
        .where(and(eq(pulseKeys.id, pendingId), isNull(pulseKeys.publicKey), preparing)),
      db
        .update(pulseMembers)
        .set({ keyId: id })
        .where(
          and(eq(pulseMembers.pulseId, pulseId), eq(pulseMembers.keyId, pendingId), preparing),
        ),
    ])
  }
  const [pulse] = await db.select().from(pulses).where(eq(pulses.id, pulseId))
  if (pulse?.status !== 'scheduled' || pulse.reason !== PREPARING_KEYS) return
  const keys = await db
    .select({
      keyId: pulseKeys.id,
      publicKey: pulseKeys.publicKey,
      cohort: pulseKeys.cohort,
      eligible: pulseKeys.eligible,
      joined: pulseKeys.joined,
    })
    .from(pulseKeys)
    .where(eq(pulseKeys.pulseId, pulseId))
  if (keys.some((k) => !k.publicKey)) return
  const questions = await questionsOf(db, pulse)
  const fingerprint = await fingerprintOf(pulse, questions, keys as FingerprintKey[])
  await withLog(deps, pulse.communityId, openedAppend(pulse, fingerprint, keys), (log) => [
    db.run(sql`update ${pulses} set status = 'open', reason = null, fingerprint = ${fingerprint}
      where id = ${pulseId} and status = 'scheduled' and reason = ${PREPARING_KEYS}
        and not exists (select 1 from ${pulseKeys} where pulse_id = ${pulseId} and public_key is null)`),
    ...log,
  ])
}

/**
 * Closes a pulse that is open (or has not opened yet), exactly once even when closes race: no
 * response is accepted after its status changes, the private signing keys are deleted from the
 * database and from the signer's memory, and `releasePulse` stores the released views and deletes
 * the raw answers (finishing an earlier, interrupted close too). Returns true when this call closed it.
 */
export async function closePulse(deps: AppDeps, pulseId: string): Promise<boolean> {
  const { db } = deps
  const keys = await db
    .select({ publicKey: pulseKeys.publicKey })
    .from(pulseKeys)
    .where(eq(pulseKeys.pulseId, pulseId))
  const [pulse] = await db
    .select({ communityId: pulses.communityId })
    .from(pulses)
    .where(eq(pulses.id, pulseId))
  if (!pulse) return false
  // The log records the close of a pulse it saw open, once: read before the status changes.
  const closed = {
    entry: { kind: 'pulse-closed', data: { pulseId } },
    when: sql`exists (select 1 from ${pulses} where id = ${pulseId} and status in ('open', 'scheduled'))
      and ${logged(pulse.communityId, pulseId, 'pulse-opened')}`,
  } as const
  const results = await withLog(deps, pulse.communityId, { event: closed }, (log) => [
    ...log,
    // A pulse closed early shows when it really closed, so trends order pulses as they ran.
    // `responded` becomes the released count once the view is stored (releasePulse).
    db.run(sql`update ${pulses} set status = 'closed', responded = null,
        closes_at = max(opens_at, min(closes_at, ${deps.now()}))
      where id = ${pulseId} and status in ('open', 'scheduled')`),
    db.update(pulseKeys).set({ privateKey: null }).where(eq(pulseKeys.pulseId, pulseId)),
  ])
  for (const { publicKey } of keys) if (publicKey) deps.signer.forget(fromBase64Url(publicKey))
  await releasePulse(deps, pulseId)
  // The status change is the batch's last statement but one.
  return rowsAffected(results.at(-2)) === 1
}

// What a pulse promised when it opened, as its fingerprint and its transparency log entries
// record it (issue "members can verify"). The fingerprint is computed from exactly what members
// fetch (their pulse entry, its survey's questions, the key list as GET /api/pulses/:pid/keys
// serves it), so any member can compute it again and compare.
import { eq, sql } from 'drizzle-orm'
import { communityLog, pulses, surveys } from '../../schema'
import { askedQuestions } from '../actions/follow-ups'
import type { Db } from '../db'
import type { PulseRow } from '../db/rows'
import type { AppendOptions } from '../log/store'
import { pulseFingerprint, type FingerprintKey } from '../privacy/fingerprint'
import type { LogData } from '../privacy/log-chain'

/** A key as the key list serves it, with its public key (keys still being made have none). */
export type ServedKey = Omit<FingerprintKey, 'publicKey'> & { publicKey: string | null }

/**
 * What the pulse asks, as members fetch it: its survey's questions as surveyView serves them,
 * then the follow-up questions frozen on the pulse (`pulse.followUps` of their entry).
 */
export async function questionsOf(
  db: Db,
  pulse: Pick<PulseRow, 'surveyId' | 'followUps'>,
): Promise<unknown[]> {
  const [row] = await db
    .select({ questions: surveys.questions })
    .from(surveys)
    .where(eq(surveys.id, pulse.surveyId))
  return askedQuestions(row?.questions ?? [], pulse.followUps)
}

/** The pulse's fingerprint over its settings, what it asks (`questionsOf`) and its complete key list. */
export function fingerprintOf(pulse: PulseRow, questions: unknown[], keys: FingerprintKey[]) {
  return pulseFingerprint({
    communityId: pulse.communityId,
    pulseId: pulse.id,
    questions,
    attributes: pulse.attributes,
    minGroupSize: pulse.minGroupSize,
    minCommentGroupSize: pulse.minCommentGroupSize,
    privacyMode: pulse.privacyMode,
    epsilon: pulse.epsilon,
    keys,
  })
}

/** SQL: the community's log already records `kind` for the pulse. */
export const logged = (communityId: string, pulseId: string, kind: LogData['kind']) =>
  sql`exists (select 1 from ${communityLog} where community_id = ${communityId}
    and kind = ${kind} and json_extract(data, '$.pulseId') = ${pulseId})`

/**
 * The log append of a pulse opening with `fingerprint`: today's member counts sealed first, then
 * the pulse's settings and each cohort's counts (in key id order, as the key list), written only
 * where the batch stored the pulse with this fingerprint and only once per pulse.
 */
export function openedAppend(
  pulse: PulseRow,
  fingerprint: string,
  keys: ServedKey[],
): AppendOptions {
  const cohorts = [...keys]
    .sort((a, b) => (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0))
    .map(({ cohort, eligible, joined }) => ({ cohort, eligible, joined: joined ?? 0 }))
  return {
    sealToday: true,
    event: {
      entry: {
        kind: 'pulse-opened',
        data: {
          pulseId: pulse.id,
          fingerprint,
          minGroupSize: pulse.minGroupSize,
          minCommentGroupSize: pulse.minCommentGroupSize,
          privacyMode: pulse.privacyMode,
          epsilon: pulse.epsilon,
          cohorts,
        },
      },
      when: sql`exists (select 1 from ${pulses} where id = ${pulse.id} and fingerprint = ${fingerprint})
        and not ${logged(pulse.communityId, pulse.id, 'pulse-opened')}`,
    },
  }
}

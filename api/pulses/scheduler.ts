import { and, eq, isNull, lte, sql } from 'drizzle-orm'
import { communities, pulses, schedules, surveys } from '../../schema'
import type { PulseRow } from '../db/rows'
import { newId } from '../privacy/ids'
import type { AppDeps } from '../deps'
import {
  CannotOpenError,
  closePulse,
  frozenSettings,
  openPulse,
  prepareKeys,
  PREPARING_KEYS,
} from './lifecycle'
import { OVERLAP_REASON, OverlapError, overlapsAnother } from './overlap'
import { rowsAffected } from '../db'
import { queueOpenedNotices, queueReminders } from '../delivery/notices'
import { deliverDue } from '../delivery/send'
import { releasePulse } from './release'
import { nextOccurrence } from './schedule-math'
import { placeholderProblems } from '../surveys/placeholder'
import { releaseDailyFollowUps } from '../threads/batch'

const DAY = 24 * 3600 * 1000

/** What one tick did, for logs and tests. */
export interface TickReport {
  created: number
  opened: number
  skipped: number
  closed: number
}

/**
 * Brings every pulse up to date with the clock: schedules that are due create their pulse,
 * scheduled pulses whose time has come open (or become `skipped` with a reason), pulses
 * preparing keys resume, and open pulses past `closesAt` close; then pulse notices and reminders
 * are queued and due messages sent or retried (api/delivery). Idempotent: running it twice
 * for the same time changes nothing the second time. Node calls it from a timer, Workers from
 * a cron trigger, tests with a fixed clock.
 */
export async function runScheduler(deps: AppDeps): Promise<TickReport> {
  const report: TickReport = { created: 0, opened: 0, skipped: 0, closed: 0 }
  const { db } = deps
  const now = deps.now()

  const due = await db
    .select({ schedule: schedules, community: communities })
    .from(schedules)
    .innerJoin(surveys, eq(surveys.id, schedules.surveyId))
    .innerJoin(communities, eq(communities.id, surveys.communityId))
    .where(lte(schedules.nextOpensAt, now))
  for (const { schedule, community } of due) {
    const opensAt = schedule.nextOpensAt
    const pulse: PulseRow = {
      id: newId(),
      surveyId: schedule.surveyId,
      communityId: community.id,
      status: 'scheduled',
      opensAt,
      closesAt: opensAt + schedule.durationDays * DAY,
      eligible: 0,
      joined: null,
      responded: null,
      commentsReleased: false,
      gateVersion: null,
      shared: false,
      released: false,
      reason: null,
      fingerprint: null,
      followUps: null,
      // The slot is unique: a tick that runs twice, or on two machines, makes the pulse once.
      scheduleSlot: `${schedule.surveyId}@${opensAt}`,
      ...frozenSettings(community),
    }
    // An occurrence whose window another open or scheduled pulse of the survey covers is stored
    // skipped, with the reason, decided in the same statement the database checks it by.
    const overlap = overlapsAnother(pulse)
    const [created] = await db.batch([
      db.run(sql`insert into ${pulses} (id, survey_id, community_id, status, opens_at, closes_at, eligible,
          min_group_size, min_comment_group_size, privacy_mode, epsilon, attributes, reason, schedule_slot)
        select ${pulse.id}, ${pulse.surveyId}, ${pulse.communityId},
          case when ${overlap} then 'skipped' else 'scheduled' end, ${pulse.opensAt}, ${pulse.closesAt}, 0,
          ${pulse.minGroupSize}, ${pulse.minCommentGroupSize}, ${pulse.privacyMode}, ${pulse.epsilon},
          ${JSON.stringify(pulse.attributes)}, case when ${overlap} then ${OVERLAP_REASON} end, ${pulse.scheduleSlot}
        on conflict do nothing`),
      db
        .update(schedules)
        .set({ nextOpensAt: nextOccurrence(schedule.startsAt, schedule.cadence, now) })
        .where(and(eq(schedules.surveyId, schedule.surveyId), eq(schedules.nextOpensAt, opensAt))),
    ])
    report.created += rowsAffected(created)
  }

  const opening = await db
    .select({ pulse: pulses, community: communities, questions: surveys.questions })
    .from(pulses)
    .innerJoin(communities, eq(communities.id, pulses.communityId))
    .innerJoin(surveys, eq(surveys.id, pulses.surveyId))
    .where(and(eq(pulses.status, 'scheduled'), isNull(pulses.reason), lte(pulses.opensAt, now)))
  for (const { pulse, community, questions } of opening) {
    // A question still worded as the blank survey's placeholder must not reach members.
    const [placeholder] = placeholderProblems(questions)
    const reason =
      pulse.closesAt <= now
        ? 'It was due to open while the server was not running, and its closing time has passed.'
        : placeholder
          ? placeholder.message
          : await openPulse(deps, pulse, community, false).then(
              () => undefined,
              async (error) => {
                if (error instanceof CannotOpenError || error instanceof OverlapError)
                  return error.message
                // A tick running at the same time opened it first; our batch was rolled back.
                if (await openedMeanwhile(deps, pulse.id)) return null
                throw error
              },
            )
    if (reason === null) continue
    if (reason === undefined) report.opened++
    else {
      await db
        .update(pulses)
        .set({ status: 'skipped', reason })
        .where(and(eq(pulses.id, pulse.id), eq(pulses.status, 'scheduled')))
      report.skipped++
    }
  }

  // Keys interrupted by a restart are finished here.
  const preparing = await db
    .select({ id: pulses.id })
    .from(pulses)
    .where(and(eq(pulses.status, 'scheduled'), eq(pulses.reason, PREPARING_KEYS)))
  for (const { id } of preparing) await prepareKeys(deps, id)

  const closing = await db
    .select({ id: pulses.id })
    .from(pulses)
    .where(and(eq(pulses.status, 'open'), lte(pulses.closesAt, now)))
  for (const { id } of closing) if (await closePulse(deps, id)) report.closed++

  // A close interrupted by a crash stored its status but not yet its released views.
  const unreleased = await db
    .select({ id: pulses.id })
    .from(pulses)
    .where(and(eq(pulses.status, 'closed'), eq(pulses.released, false)))
  for (const { id } of unreleased) await releasePulse(deps, id)

  // Authors' follow-ups to their comments go into their threads once a day, all together.
  await releaseDailyFollowUps(deps)

  // Messages: announce pulses opened by any path, queue due reminders, send or retry what is due.
  await queueOpenedNotices(deps)
  await queueReminders(deps)
  await deliverDue(deps)
  return report
}

/** True when the pulse is no longer waiting to open (another tick opened or skipped it). */
async function openedMeanwhile(deps: AppDeps, pulseId: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ status: pulses.status, reason: pulses.reason })
    .from(pulses)
    .where(eq(pulses.id, pulseId))
  return !row || row.status !== 'scheduled' || row.reason !== null
}

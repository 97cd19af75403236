// Reading meetings and their tallies: plain functions taking the database first.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import { meetingTurns, meetings } from '../../schema'
import type { MeetingRow } from '../db/rows'
import type { Db } from '../db'
import { iso } from '../http/fields'
import { measure, type Measures, type SeatTally } from './measures'

/** The meeting as the API answers it. */
export const meetingView = (row: MeetingRow) => ({
  id: row.id,
  communityId: row.communityId,
  title: row.title,
  seats: row.seats,
  labels: row.labels,
  startedAt: iso(row.startedAt),
  endedAt: row.endedAt === null ? null : iso(row.endedAt),
  status: row.endedAt === null ? ('running' as const) : ('ended' as const),
})
export type Meeting = ReturnType<typeof meetingView>

/** Per meeting, per-seat tallies of its live (not undone) turns, for the meetings `where` selects. */
export async function talliesOf(db: Db, where: SQL | undefined): Promise<Map<string, SeatTally[]>> {
  const rows = await db
    .select({
      meetingId: meetingTurns.meetingId,
      seat: meetingTurns.seat,
      turns: sql<number>`count(*)`,
      timedTurns: sql<number>`count(${meetingTurns.endMs})`,
      speakingMs: sql<number>`coalesce(sum(${meetingTurns.endMs} - ${meetingTurns.startMs}), 0)`,
    })
    .from(meetingTurns)
    .innerJoin(meetings, eq(meetings.id, meetingTurns.meetingId))
    .where(and(where, eq(meetingTurns.undone, false)))
    .groupBy(meetingTurns.meetingId, meetingTurns.seat)
  const out = new Map<string, SeatTally[]>()
  for (const r of rows) {
    const list = out.get(r.meetingId) ?? []
    list.push({
      seat: r.seat,
      turns: Number(r.turns),
      timedTurns: Number(r.timedTurns),
      speakingMs: Number(r.speakingMs),
    })
    out.set(r.meetingId, list)
  }
  return out
}

/** The measures of `meeting` from its tallies (missing seats are silent); a running meeting lasts until `now`. */
export function measuresOf(
  meeting: MeetingRow,
  tallies: SeatTally[] | undefined,
  now: number,
): Measures {
  const bySeat = new Map((tallies ?? []).map((t) => [t.seat, t]))
  const full = Array.from(
    { length: meeting.seats },
    (_, i) => bySeat.get(i + 1) ?? { seat: i + 1, turns: 0, timedTurns: 0, speakingMs: 0 },
  )
  const durationMs = (meeting.endedAt ?? now) - meeting.startedAt
  return measure({ labels: meeting.labels, tallies: full, durationMs })
}

/** The community's meetings with their measures, in the order asked for. */
export async function meetingsWithMeasures(
  db: Db,
  communityId: string,
  now: number,
  endedOnly = false,
) {
  const where = eq(meetings.communityId, communityId)
  const rows = await db
    .select()
    .from(meetings)
    .where(endedOnly ? and(where, sql`${meetings.endedAt} is not null`) : where)
    .orderBy(endedOnly ? asc(meetings.endedAt) : asc(meetings.startedAt), asc(meetings.id))
  const tallies = await talliesOf(db, where)
  return rows.map((row) => ({ row, measures: measuresOf(row, tallies.get(row.id), now) }))
}

/** The live turns of a meeting in time order, as the API answers them. */
export async function turnsOf(db: Db, meetingId: string) {
  const rows = await db
    .select()
    .from(meetingTurns)
    .where(and(eq(meetingTurns.meetingId, meetingId), eq(meetingTurns.undone, false)))
    .orderBy(asc(meetingTurns.startMs), asc(meetingTurns.id))
  return rows.map((t) => ({ id: t.id, seat: t.seat, start: t.startMs, end: t.endMs }))
}
/** A turn as the API answers it (ms from the meeting's start); the tracker sends the same. */
export type MeetingTurn = Awaited<ReturnType<typeof turnsOf>>[number]

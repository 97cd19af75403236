import { and, eq, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { meetingTurns, meetings } from '../../schema'
import { communityRole, meetingRole } from '../auth/roles'
import type { MeetingRow } from '../db/rows'
import { newId } from '../privacy/ids'
import { chunks, inJson } from '../db'
import type { AppEnv } from '../deps'
import { instantField, iso } from '../http/fields'
import { invalid } from '../http/problem'
import { jsonBody } from '../http/validate'
import { checkEnd, checkTurns, offsetOf } from '../meetings/turn-rules'
import {
  meetingsWithMeasures,
  meetingView,
  measuresOf,
  talliesOf,
  turnsOf,
  type Meeting,
  type MeetingTurn,
} from '../meetings/store'
import type { Measures } from '../meetings/measures'
import { csvText } from '../reports/csv'

const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(200))
const label = z.string().check(z.trim(), z.minLength(1), z.maxLength(12))
/** Ids the tracker draws for its turns, so a batch sent again is recognised. */
const turnId = z.string().check(z.regex(/^[\w-]{1,64}$/, 'must be 1–64 letters, digits, - or _'))
/** ms from the meeting's start, or an ISO 8601 instant. */
const time = z.union([
  z.int(),
  z.pipe(
    instantField,
    z.transform((at) => ({ at })),
  ),
])

export const createMeetingRequest = z
  .object({
    title,
    seats: z.int().check(z.gte(2), z.lte(40)),
    labels: z.optional(z.array(label)),
  })
  .check(
    z.refine((m) => m.labels === undefined || m.labels.length === m.seats, {
      path: ['labels'],
      message: 'must have one label per seat',
    }),
  )

export const addTurnsRequest = z.object({
  turns: z
    .array(z.object({ id: turnId, seat: z.int(), start: time, end: z.optional(z.nullable(time)) }))
    .check(z.maxLength(500)),
  undo: z.optional(z.array(turnId).check(z.maxLength(500))),
})

export const endMeetingRequest = z.optional(z.object({ end: z.optional(time) }))

const bounds = (m: MeetingRow, now: number) => ({
  seats: m.seats,
  startedAt: m.startedAt,
  endedAt: m.endedAt,
  now,
})

/** A turn row takes 6 bound parameters: 14 rows stay under D1's 100 per statement. */
const TURNS_PER_INSERT = 14

export const meetingRoutes = new Hono<AppEnv>()
  .post(
    '/communities/:cid/meetings',
    communityRole('organizer'),
    jsonBody(createMeetingRequest),
    async (c) => {
      const input = c.req.valid('json')
      const row: MeetingRow = {
        id: newId(),
        communityId: c.var.community.id,
        title: input.title,
        seats: input.seats,
        labels: input.labels ?? Array.from({ length: input.seats }, (_, i) => String(i + 1)),
        startedAt: c.var.deps.now(),
        endedAt: null,
      }
      await c.var.deps.db.insert(meetings).values(row)
      return c.json(meetingView(row), 201)
    },
  )

  .get('/communities/:cid/meetings', communityRole('viewer'), async (c) => {
    const { db, now } = c.var.deps
    const list = await meetingsWithMeasures(db, c.var.community.id, now())
    return c.json(
      list.reverse().map(({ row, measures }): MeetingBrief => ({
        ...meetingView(row),
        measures: brief(measures),
      })),
    )
  })

  .get('/communities/:cid/meetings/trend', communityRole('viewer'), async (c) => {
    const { db, now } = c.var.deps
    const list = await meetingsWithMeasures(db, c.var.community.id, now(), true)
    return c.json({ meetings: list.map(trendPoint) })
  })

  .get('/communities/:cid/meetings/trend.csv', communityRole('viewer'), async (c) => {
    const { db, now } = c.var.deps
    const list = (await meetingsWithMeasures(db, c.var.community.id, now(), true)).map(trendPoint)
    c.header('content-type', 'text/csv; charset=utf-8')
    c.header('content-disposition', `attachment; filename="meetings-${c.var.community.id}.csv"`)
    return c.body(csvText([csvHeader, ...list.map((m) => csvHeader.map((key) => m[csvKeys[key]]))]))
  })

  .get('/meetings/:mid', meetingRole('viewer'), async (c) => {
    const { db, now } = c.var.deps
    const meeting = c.var.meeting
    const tallies = await talliesOf(db, eq(meetings.id, meeting.id))
    return c.json({
      ...meetingView(meeting),
      turns: await turnsOf(db, meeting.id),
      measures: measuresOf(meeting, tallies.get(meeting.id), now()),
    } satisfies MeetingDetail)
  })

  .post('/meetings/:mid/turns', meetingRole('organizer'), jsonBody(addTurnsRequest), async (c) => {
    const { db, now } = c.var.deps
    const meeting = c.var.meeting
    const input = c.req.valid('json')
    const { turns, errors } = checkTurns(input.turns, bounds(meeting, now()))
    if (errors.length > 0) throw invalid(errors)
    const undo = input.undo ?? []
    const writes = chunks(turns, TURNS_PER_INSERT).map((part) =>
      db
        .insert(meetingTurns)
        .values(
          part.map((t) => ({
            meetingId: meeting.id,
            id: t.id,
            seat: t.seat,
            startMs: t.start,
            endMs: t.end,
          })),
        )
        // Sent again: the first seat and start stand; an end learnt since is kept, never erased.
        .onConflictDoUpdate({
          target: [meetingTurns.meetingId, meetingTurns.id],
          set: { endMs: sql`coalesce(excluded.end_ms, ${meetingTurns.endMs})` },
        }),
    )
    const undoWrite = db
      .update(meetingTurns)
      .set({ undone: true })
      .where(and(eq(meetingTurns.meetingId, meeting.id), inJson(meetingTurns.id, undo)))
    if (writes.length > 0 || undo.length > 0) {
      const all = [...writes, ...(undo.length > 0 ? [undoWrite] : [])]
      await db.batch(all as [(typeof all)[number], ...typeof all])
    }
    const [{ count }] = await db
      .select({ count: sql<number>`count(*)` })
      .from(meetingTurns)
      .where(and(eq(meetingTurns.meetingId, meeting.id), eq(meetingTurns.undone, false)))
    return c.json({ turns: Number(count) })
  })

  .post('/meetings/:mid/end', meetingRole('organizer'), jsonBody(endMeetingRequest), async (c) => {
    const { db, now } = c.var.deps
    let meeting = c.var.meeting
    // Ending again (a retry after a lost answer) changes nothing and answers the same.
    if (meeting.endedAt === null) {
      const b = bounds(meeting, now())
      const sent = c.req.valid('json')?.end
      const end = sent === undefined ? b.now - meeting.startedAt : offsetOf(sent, meeting.startedAt)
      const [last] = await db
        .select({
          at: sql<number | null>`max(coalesce(${meetingTurns.endMs}, ${meetingTurns.startMs}))`,
        })
        .from(meetingTurns)
        .where(and(eq(meetingTurns.meetingId, meeting.id), eq(meetingTurns.undone, false)))
      const errors = checkEnd(end, last?.at ?? null, b)
      if (errors.length > 0) throw invalid(errors)
      meeting = { ...meeting, endedAt: meeting.startedAt + end }
      await db.update(meetings).set({ endedAt: meeting.endedAt }).where(eq(meetings.id, meeting.id))
    }
    const tallies = await talliesOf(db, eq(meetings.id, meeting.id))
    return c.json({
      ...meetingView(meeting),
      measures: measuresOf(meeting, tallies.get(meeting.id), now()),
    })
  })

/** A meeting with its live turns and every measure. */
export type MeetingDetail = Meeting & { turns: MeetingTurn[]; measures: Measures }

/** The measures a list shows beside each meeting. */
const brief = (m: Measures) => ({
  turns: m.turns,
  basis: m.basis,
  gini: m.gini,
  entropy: m.entropy,
  topTwoShare: m.topTwoShare,
  silentSeats: m.silentSeats,
  balance: m.balance,
  summary: m.summary,
})
/** A meeting as the list shows it, with its brief measures. */
export type MeetingBrief = Meeting & { measures: ReturnType<typeof brief> }

/** One ended meeting as a point of the trend. */
const trendPoint = ({ row, measures: m }: { row: MeetingRow; measures: Measures }) => ({
  id: row.id,
  title: row.title,
  startedAt: iso(row.startedAt),
  endedAt: iso(row.endedAt!),
  seats: row.seats,
  turns: m.turns,
  basis: m.basis,
  gini: m.gini,
  entropy: m.entropy,
  topTwoShare: m.topTwoShare,
  silentSeats: m.silentSeats,
  turnsPerMinute: m.turnsPerMinute,
})
export type MeetingTrendPoint = ReturnType<typeof trendPoint>

const csvKeys = {
  meeting_id: 'id',
  title: 'title',
  started_at: 'startedAt',
  ended_at: 'endedAt',
  seats: 'seats',
  turns: 'turns',
  basis: 'basis',
  gini: 'gini',
  entropy: 'entropy',
  top_two_share: 'topTwoShare',
  silent_seats: 'silentSeats',
  turns_per_minute: 'turnsPerMinute',
} as const satisfies Record<string, keyof ReturnType<typeof trendPoint>>
const csvHeader = Object.keys(csvKeys) as (keyof typeof csvKeys)[]

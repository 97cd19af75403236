// A survey's schedule as the API shows it (API.md `GET /api/surveys/:sid/schedule`), read where
// the survey itself is shown too, so a page never has to ask for a schedule that may not exist.
import { eq } from 'drizzle-orm'
import { schedules } from '../../schema'
import type { Db } from '../db'
import { iso } from '../http/fields'

/** A stored schedule as the API answers it. */
export const scheduleView = (row: typeof schedules.$inferSelect) => ({
  cadence: row.cadence,
  startsAt: iso(row.startsAt),
  durationDays: row.durationDays,
  nextOpensAt: iso(row.nextOpensAt),
})
export type Schedule = ReturnType<typeof scheduleView>

/** The survey's schedule, or null when it has none. */
export async function scheduleOf(db: Db, surveyId: string): Promise<Schedule | null> {
  const [row] = await db.select().from(schedules).where(eq(schedules.surveyId, surveyId))
  return row ? scheduleView(row) : null
}

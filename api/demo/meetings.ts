// The demo's meetings: a fortnightly planning meeting of eight seats tracked all year with the
// meeting tracker (docs/api.md "Meetings"), so its trend has something to show beside the trust
// pulse's voice. Early in the year two seats do most of the talking and two never speak; the
// turns spread out as the year goes on (the pulse's voice questions improve alongside). Only
// seats are recorded, never who sat in them.
import { DAY, HOUR, WEEK } from './calendar'
import { Caller, type DemoApp } from './caller'
import { yearFraction, type Random } from './data'

export const MEETING_TITLE = 'Fortnightly planning'
export const MEETING_LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']
const MINUTES = 45

export interface PlannedTurn {
  seat: number
  /** ms from the meeting's start. */
  start: number
  end: number
}

/**
 * The turns of meeting `index` of `total`: about 30–45 turns of 20 s to 2 min filling most of
 * 45 minutes, each given to a seat by weight. Seats 1 and 2 weigh up to seven times the others
 * at the start of the year and about as much by its end; seats 7 and 8 stay silent in the first
 * third. Every turn ends before the meeting does.
 */
export function planMeeting(random: Random, index: number, total: number): PlannedTurn[] {
  const f = yearFraction(index, total)
  const weights = MEETING_LABELS.map((_, i) => {
    if (i < 2) return 1 + 6 * (1 - f) ** 1.5
    if (i >= 6 && f < 0.33) return 0
    return 1
  })
  const sum = weights.reduce((a, b) => a + b, 0)
  const turns: PlannedTurn[] = []
  let at = random.int(5, 30) * 1000
  const end = MINUTES * 60_000
  while (true) {
    const length = random.int(20, 120) * 1000
    if (at + length > end - 30_000) break
    let x = random.next() * sum
    let seat = 0
    while (x >= weights[seat] && seat < weights.length - 1) x -= weights[seat++]
    turns.push({ seat: seat + 1, start: at, end: at + length })
    at += length + random.int(2, 15) * 1000
  }
  return turns
}

export interface MeetingsOptions {
  /** The clock the app's `deps.now` reads; moved to each meeting's time. */
  clock: { now: number }
  login: { email: string; password: string }
  communityId: string
  /** The Monday the demo's first pulse opened; meetings are on Wednesdays from then on. */
  start: number
  weeks: number
  random: Random
}

/**
 * Runs a planning meeting every second Wednesday at 10:00 UTC of the demo's `weeks`: started,
 * its turns sent in one batch, and ended, through `app.request` on a clock set to each meeting's
 * time, as the tracker on a phone would. Returns how many meetings were tracked.
 */
export async function trackMeetings(app: DemoApp, options: MeetingsOptions): Promise<number> {
  const { clock } = options
  const total = Math.ceil(options.weeks / 2)
  const organizer = new Caller(app)
  for (let i = 0; i < total; i++) {
    const startedAt = options.start + i * 2 * WEEK + 2 * DAY + HOUR
    clock.now = startedAt
    // Sessions last 14 days and meetings are a fortnight apart: a fresh sign-in each time.
    await organizer.expect(200, 'Signing in for a meeting', 'POST', '/api/session', {
      body: options.login,
    })
    const meeting = await organizer.expect(
      201,
      `Starting meeting ${i + 1}`,
      'POST',
      `/api/communities/${options.communityId}/meetings`,
      { body: { title: MEETING_TITLE, seats: MEETING_LABELS.length, labels: MEETING_LABELS } },
    )
    const turns = planMeeting(options.random, i, total)
    clock.now = startedAt + MINUTES * 60_000
    await organizer.expect(
      200,
      `Tracking meeting ${i + 1}`,
      'POST',
      `/api/meetings/${meeting.id}/turns`,
      {
        body: { turns: turns.map((t, n) => ({ id: `t${n + 1}`, ...t })) },
      },
    )
    await organizer.expect(
      200,
      `Ending meeting ${i + 1}`,
      'POST',
      `/api/meetings/${meeting.id}/end`,
      {
        body: { end: MINUTES * 60_000 },
      },
    )
  }
  await organizer.call('DELETE', '/api/session')
  return total
}

// The demo's answered comments (issue 19): on the most recent shared pulses the organizer replies
// to a few comments, and some of their writers answer back with the reply secret their device
// kept, without any credential; then the daily batch puts those answers in their threads, as the
// scheduler does once a day. A newcomer opening the member page sees the loop closed.
import type { Db } from '../db'
import { releaseFollowUps } from '../threads/batch'
import type { Thread } from '../threads/view'
import { replyHashFor } from '../../web/member/token-client'
import { HOUR } from './calendar'
import { Caller, type DemoApp } from './caller'
import type { DemoResult } from './fill'

const replies = [
  'Thank you for raising this. We will put it on the agenda of the next planning meeting.',
  'Good point. What would help most, in your view?',
  'We hear you. From next month the Thursday slot rotates, so it is not always the same people.',
  'Thanks. Could you say a little more about when this happens?',
]
const answersBack = [
  'Thanks for asking. A shorter agenda, sent a day ahead, would help most.',
  'Mostly in the evening meetings, when we run late.',
  'That would be great, thank you.',
]
const thanks = 'Thank you, that helps. We will try it from the next meeting on.'

export interface AnsweredComments {
  replies: number
  followUps: number
}

/**
 * On each of the last two shared pulses: the organizer replies to three comments whose writers'
 * secrets the story kept, two of the writers answer back (no credentials), the batch release
 * moves their answers into the threads, and the organizer thanks one of them.
 */
export async function answerComments(
  app: DemoApp,
  db: Db,
  options: {
    clock: { now: number }
    login: { email: string; password: string }
    result: Pick<DemoResult, 'sharedPulseIds' | 'replySecrets' | 'roster'>
  },
): Promise<AnsweredComments> {
  const { clock, result } = options
  const organizer = new Caller(app)
  await organizer.expect(200, 'Signing in to reply to comments', 'POST', '/api/session', {
    body: options.login,
  })
  const reader = result.roster.find((m) => m.memberKey)
  const done: AnsweredComments = { replies: 0, followUps: 0 }
  const answered: { pid: string; id: string }[] = []
  for (const pid of result.sharedPulseIds.slice(-2)) {
    const secrets = new Map<string, string>()
    for (const { pulseId, secret } of result.replySecrets)
      if (pulseId === pid) secrets.set(await replyHashFor(secret), secret)
    // The threads as every member's page reads them: each device finds its own by the hashes.
    const { threads } = (await new Caller(app).expect(
      200,
      'Reading the threads as a member',
      'GET',
      `/api/me/results/${pid}/threads`,
      { bearer: reader?.memberKey },
    )) as { threads: Thread[] }
    const known = threads.filter((th) => th.replyHash && secrets.has(th.replyHash)).slice(0, 3)
    for (const [i, th] of known.entries()) {
      clock.now += HOUR
      const text = replies[(done.replies + i) % replies.length]
      await organizer.expect(
        201,
        'Replying to a comment',
        'POST',
        `/api/pulses/${pid}/threads/${th.id}/replies`,
        {
          body: { text },
        },
      )
      done.replies++
      if (i === 2) continue
      // The writer's device sends its answer later, with the secret and nothing else.
      await new Caller(app).expect(202, "A writer's answer", 'POST', '/api/follow-ups', {
        body: {
          secret: secrets.get(th.replyHash!),
          text: answersBack[done.followUps % answersBack.length],
        },
      })
      done.followUps++
      answered.push({ pid, id: th.id })
    }
  }
  // The next day's batch release, as the scheduler runs it.
  await releaseFollowUps({ db })
  // On the newest shared pulse, which the member page shows first.
  const last = answered.at(-1)
  if (last)
    await organizer.expect(
      201,
      'Thanking a writer',
      'POST',
      `/api/pulses/${last.pid}/threads/${last.id}/replies`,
      {
        body: { text: thanks },
      },
    )
  await organizer.call('DELETE', '/api/session')
  return { ...done, replies: done.replies + (last ? 1 : 0) }
}

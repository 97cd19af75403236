// Fixtures for the thread suites (test/api/threads): a pulse answered by members who each wrote a
// comment and kept its reply secret, as the member page does (web/member/protocol.ts), closed with
// its comments released and shared with the community.
import type { Thread } from '../../api/threads/view'
import { replyHashFor, replySecret, responseBody } from '../../web/member/protocol'
import type { TestApp } from './app'
import { expectStatus } from './fixtures'
import { Agent } from './http'
import { obtainToken, openPulseWithMembers, submit, type JoinedMember } from './protocol'

export interface ThreadFixture {
  owner: Agent
  community: any
  survey: any
  pulse: any
  members: JoinedMember[]
  textId: string
  /** What each respondent wrote, with the reply secret their device kept. */
  written: { text: string; secret: string }[]
}

export interface ThreadOptions {
  /** Respondents (default 10: k_text). */
  n?: number
  /** Share the results with members (default true). */
  share?: boolean
  /** Comments' texts (default `comment <i>`). */
  texts?: string[]
  owner?: Agent
}

/**
 * A community (k = 5, k_text = 10) of `n` joined members who all answer a likert and a text
 * question, each comment sent with the hash of its own reply secret; the pulse is then closed
 * (its comments released when n ≥ 10) and shared unless `share` is false.
 */
export async function threadFixture(
  t: TestApp,
  options: ThreadOptions = {},
): Promise<ThreadFixture> {
  const n = options.n ?? 10
  const opened = await openPulseWithMembers(t, {
    members: n,
    owner: options.owner,
    communityName: 'Threads',
    questions: [
      { kind: 'likert5', prompt: 'I feel heard.' },
      { kind: 'text', prompt: 'What should change?' },
    ],
  })
  const [likert, text] = opened.survey.questions
  const written: ThreadFixture['written'] = []
  for (const [i, m] of opened.members.entries()) {
    const comment = { text: options.texts?.[i] ?? `comment ${i}`, secret: replySecret() }
    const token = await obtainToken(t, opened.pulse.id, m.memberKey!)
    const answers = [
      { questionId: likert.id, value: 1 + (i % 5) },
      { questionId: text.id, value: comment.text },
    ]
    const hashes = { [text.id]: await replyHashFor(comment.secret) }
    const body = responseBody(token.keyId, token.signed, answers, hashes)
    expectStatus(await submit(t, opened.pulse.id, body), 201)
    written.push(comment)
  }
  const { owner, pulse } = opened
  expectStatus(await owner.post(`/api/pulses/${pulse.id}/close`), 200)
  if (options.share !== false) expectStatus(await owner.post(`/api/pulses/${pulse.id}/share`), 200)
  return { ...opened, textId: text.id, written }
}

/** The thread a device holding `secret` recognises as its own, by hashing it. */
export async function threadOf(threads: Thread[], secret: string): Promise<Thread | undefined> {
  const hash = await replyHashFor(secret)
  return threads.find((th) => th.replyHash === hash)
}

/** A released, shared pulse of community A in the access-matrix world, answered with comments. */
export interface WorldThreads {
  pid: string
  /** Comment ids: one to reply to, one to hide (hiding stops replies and follow-ups). */
  replyTo: string
  hide: string
  /** The secret of a third comment, for follow-ups. */
  secret: string
}

const worlds = new WeakMap<object, Promise<WorldThreads>>()

/**
 * Made once per world, on first use: a survey of A with a text question whose pulse ten of A's
 * members answered, each comment with its reply secret, closed (comments released) and shared.
 */
export function worldThreads(w: {
  t: TestApp
  a: { cid: string; owner: Agent; members: JoinedMember[] }
}): Promise<WorldThreads> {
  let made = worlds.get(w)
  if (!made) worlds.set(w, (made = makeWorldThreads(w)))
  return made
}

async function makeWorldThreads(w: Parameters<typeof worldThreads>[0]): Promise<WorldThreads> {
  const { t, a } = w
  const survey = expectStatus(
    await a.owner.post(`/api/communities/${a.cid}/surveys`, {
      title: 'Open questions',
      questions: [{ kind: 'text', prompt: 'What should change?' }],
    }),
    201,
  ).body
  const closesAt = new Date(t.clock.now + 7 * 24 * 3600 * 1000).toISOString()
  const pulse = expectStatus(
    await a.owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt }),
    201,
  ).body
  const secrets: string[] = []
  for (const [i, m] of a.members.slice(0, 10).entries()) {
    const secret = replySecret()
    const token = await obtainToken(t, pulse.id, m.memberKey!)
    const answers = [{ questionId: survey.questions[0].id, value: `world comment ${i}` }]
    const hashes = { [survey.questions[0].id]: await replyHashFor(secret) }
    expectStatus(
      await submit(t, pulse.id, responseBody(token.keyId, token.signed, answers, hashes)),
      201,
    )
    secrets.push(secret)
  }
  expectStatus(await a.owner.post(`/api/pulses/${pulse.id}/close`), 200)
  expectStatus(await a.owner.post(`/api/pulses/${pulse.id}/share`), 200)
  const shown = expectStatus(
    await new Agent(t).get(`/api/me/results/${pulse.id}/threads`, {
      bearer: a.members[0].memberKey,
    }),
    200,
  ).body.threads
  const idOf = async (i: number) => (await threadOf(shown, secrets[i]))!.id
  return { pid: pulse.id, replyTo: await idOf(0), hide: await idOf(1), secret: secrets[2] }
}

// The choir member-pages.e2e.ts plays in, set up through the API: six members with names (so
// comments naming them are redacted), five of whom answer pulses through the blind-token protocol
// from here (api/demo/member.ts over fetch), and surveys of five questions, one of each kind.
import { randomBytes } from 'node:crypto'
import type { APIRequestContext } from 'playwright-core'
import * as assert from 'uvu/assert'
import type { DemoApp } from '../../../api/demo/caller'
import type { DemoPerson } from '../../../api/demo/data'
import { answerAsMember, type DemoMember } from '../../../api/demo/member'
import { inThreadCrypto } from '../../../api/demo/member-crypto'
import { e2e } from './harness'

export const community = 'Harbor Choir'
/** The member on the phone. */
export const robin = 'robin.park@harbor.example'
const singers: [string, string][] = [
  ['ana.lopez@harbor.example', 'Ana Lopez'],
  ['ben.okafor@harbor.example', 'Ben Okafor'],
  ['chen.wu@harbor.example', 'Chen Wu'],
  ['dara.kim@harbor.example', 'Dara Kim'],
  ['eli.moss@harbor.example', 'Eli Moss'],
]
const questions = [
  { kind: 'likert5', prompt: 'I feel heard in rehearsals.' },
  { kind: 'scale10', prompt: 'How likely are you to recommend the choir to a friend?' },
  { kind: 'yesno', prompt: 'Did you sing at the last concert?' },
  { kind: 'choice', prompt: 'Where should we rehearse?', options: ['Hall', 'Church'] },
  { kind: 'text', prompt: 'Anything else?', required: false },
]
/** What the five singers write, in order (one writes nothing). */
const comments = [
  'Ask ana.lopez@harbor.example for the scores.',
  'Ana Lopez runs warm-ups so well.',
  'More breaks, please.',
  undefined,
  'The new hall sounds great.',
]

/** The server over fetch, as api/demo/member.ts calls an app. */
const http = {
  request: (path: string, init?: RequestInit) => fetch(e2e.baseUrl + path, init),
} as unknown as DemoApp

export class Choir {
  cid = ''
  /** The singers as the protocol client knows them (their invite and member keys). */
  readonly singers: DemoMember[] = []
  /** Survey title → its pulse. */
  readonly pulses = new Map<string, string>()
  private readonly crypto = inThreadCrypto()

  constructor(private readonly organizer: APIRequestContext) {}

  /** The organizer's API; the body of the answer, if any. */
  async api(method: 'get' | 'post' | 'delete', path: string, data?: unknown) {
    const res = await this.organizer[method](path, data === undefined ? undefined : { data })
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
    return res.status() === 204 ? undefined : res.json()
  }

  /** The community (k = 5, k_text = 5) and its six members; the five singers join. Robin's invite link. */
  async form(): Promise<string> {
    const settings = { name: community, minGroupSize: 5, minCommentGroupSize: 5 }
    this.cid = (await this.api('post', '/api/communities', settings)).id
    const imported = await this.api('post', `/api/communities/${this.cid}/members`, {
      members: [[robin, 'Robin Park'], ...singers].map(([email, name]) => ({ email, name })),
    })
    const invite = (email: string) =>
      imported.members.find((m: { email: string }) => m.email === email).inviteUrl as string
    for (const [email, name] of singers) {
      const inviteKey = new URL(invite(email)).hash.slice(1)
      const memberKey = randomBytes(32).toString('base64url')
      await this.api('post', '/api/join', { inviteKey, memberKey })
      const [first, last] = name.split(' ')
      const person = { first, last, team: 'build', tenure: '<1 year' } as DemoPerson
      this.singers.push({ person, mood: { offset: 0, propensity: 1 }, inviteKey, memberKey })
    }
    return invite(robin)
  }

  /** A survey of the five questions with one pulse open now, closing in a week. */
  async openPulse(title: string): Promise<{ pid: string; qids: string[] }> {
    const survey = await this.api('post', `/api/communities/${this.cid}/surveys`, {
      title,
      questions,
    })
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const pulse = await this.api('post', `/api/surveys/${survey.id}/pulses`, { closesAt })
    assert.is(pulse.status, 'open')
    this.pulses.set(title, pulse.id)
    return { pid: pulse.id, qids: survey.questions.map((q: { id: string }) => q.id) }
  }

  /** The five singers answer a new pulse (Robin does not), then it closes and is shared. */
  async answeredAndShared(title: string, tone: number) {
    const { pid, qids } = await this.openPulse(title)
    for (const [i, member] of this.singers.entries()) {
      const comment = comments[i]
      await answerAsMember(http, this.crypto, member, pid, [
        { questionId: qids[0], value: Math.min(5, 2 + ((i + tone) % 4)) },
        { questionId: qids[1], value: (i * 3 + tone) % 11 },
        { questionId: qids[2], value: i % 3 !== 0 },
        { questionId: qids[3], value: i % 2 ? 'Hall' : 'Church' },
        ...(comment ? [{ questionId: qids[4], value: comment }] : []),
      ])
    }
    await this.api('post', `/api/pulses/${pid}/close`)
    await this.api('post', `/api/pulses/${pid}/share`)
  }

  close = () => this.crypto.close()
}

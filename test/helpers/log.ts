// What a member's device does with the transparency log and a pulse's fingerprint, from what the
// API serves it: used by the log suites on Node and against the Worker.
import { askedQuestions } from '../../api/actions/follow-ups'
import { pulseFingerprint } from '../../api/privacy/fingerprint'
import type { LogEntry, LogHead } from '../../api/privacy/log-chain'
import type { Agent, CallOptions } from './http'

/** Every entry of a log route, page after page (`?after=`), and the head the first page named. */
export async function wholeLog(
  agent: Agent,
  path: string,
  options?: CallOptions,
): Promise<{ entries: LogEntry[]; head: LogHead | null; pages: number }> {
  const entries: LogEntry[] = []
  let after = 0
  let head: LogHead | null = null
  for (let pages = 1; ; pages++) {
    const res = await agent.get(`${path}?after=${after}`, options)
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`)
    if (pages === 1) head = res.body.head
    entries.push(...res.body.entries)
    if (res.body.next === undefined) return { entries, head, pages }
    after = res.body.next
  }
}

/**
 * The fingerprint a member's device computes for a pulse: from its entry of `GET /api/me/pulses`
 * and the key list of `GET /api/pulses/:pid/keys`, nothing else.
 */
export function fingerprintFromFetched(entry: any, keys: any[]): Promise<string> {
  return pulseFingerprint({
    communityId: entry.communityId,
    pulseId: entry.pulse.id,
    questions: askedQuestions(entry.survey.questions, entry.pulse.followUps),
    attributes: entry.attributeOrder,
    minGroupSize: entry.pulse.minGroupSize,
    minCommentGroupSize: entry.pulse.minCommentGroupSize,
    privacyMode: entry.pulse.privacyMode,
    epsilon: entry.pulse.epsilon,
    keys,
  })
}

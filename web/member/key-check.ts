import { askedQuestions } from '../../api/actions/follow-ups'
import { normalizeFingerprint, pulseFingerprint } from '../../api/privacy/fingerprint'
import { checkKeyList, type KeyListProblem, type Unchecked } from '../../api/privacy/key-list'
import type { PaddingWarning } from '../../api/privacy/log-chain'
import type { Cohort, KeyEntry, MyPulse } from './api'
import { t } from './i18n'

// What the member's device checks of a pulse before it fetches a token and again before it sends
// (issue "members can verify"): the key list by api/privacy/key-list.ts, and one fingerprint
// (api/privacy/fingerprint.ts) of everything the pulse promised, compared with the one this
// device pinned when it first saw the pulse, the code in the link it was opened from, and the
// one the community's log recorded when the pulse opened.

/** A log that did not extend what this device saw before (log-sync.ts). */
export type LogProblem = { reason: 'gap' | 'bad-hash' | 'rewritten'; seq: number }

/** A problem the page words for people: a key-list check's, naming the group it concerns. */
export type Problem =
  | (KeyListProblem & { who?: Cohort })
  /** The list differs from the one this device (or the one the member moved from) pinned. */
  | { code: 'pin-differs'; was: string; now: string }
  /** The `#fp=` code of the link the page was opened from is another. */
  | { code: 'link-differs'; link: string; now: string }
  /** The community's log recorded another fingerprint when the pulse opened. */
  | { code: 'log-differs'; log: string; now: string }
  /** The community's log no longer extends what this device saw: its history was changed. */
  | ({ code: 'log-rewritten' } & LogProblem)

/** The outcome of checking a pulse's key list as fetched (kept in the pulse's record). */
export type KeyCheck = {
  /** The fingerprint of the pulse as this device fetched it, "ABCD EFGH IJKL MNOP". */
  fingerprint: string
  problems: Problem[]
  unchecked: Unchecked[]
  loneRoot: boolean
  /** The group the member's key is listed under, its members and how many had joined. */
  cohort: Cohort
  size: number
  joined: number | null
  /** Our cohort keeps no attribute while others do: it pools those not in a named group. */
  pooled: boolean
}

/** What a pulse's record holds for its checks (store.ts). */
export type Pins = {
  check?: KeyCheck
  /** The fingerprint pinned the first time this device saw the pulse (normalized). */
  pin?: string
  /** A different pin the member's move brought from another device. */
  pinConflict?: string
  /** The `#fp=` code of the link the pulse page was opened from (normalized). */
  linkCode?: string
  /** The fingerprint the community's log recorded when the pulse opened (normalized). */
  logCode?: string
  /** The padding pattern in the log for the member's own cohort (log-sync.ts). */
  padding?: PaddingWarning[]
}

/** "ABCDEFGHIJKLMNOP" in groups of four, to read aloud. */
export const grouped = (code: string) => normalizeFingerprint(code).replace(/(.{4})(?=.)/g, '$1 ')

/** A fingerprint as links and pins carry it: 16 base32 characters, else undefined. */
export function codeOf(text: string | undefined): string | undefined {
  const code = normalizeFingerprint(text ?? '')
  return /^[A-Z2-7]{16}$/.test(code) ? code : undefined
}

/** The code of a pulse link's fragment (`fp=ABCD-EFGH-…`, as the chat message links), if any. */
export const linkCodeOf = (fragment: string) =>
  codeOf(new URLSearchParams(fragment).get('fp') ?? undefined)

/**
 * Checks a pulse's key list as `keys` (GET /api/pulses/:pid/keys) against the member's entry
 * (GET /api/me/pulses) and computes the pulse's fingerprint from exactly what was fetched.
 * `communityId` is used when the entry does not carry one.
 */
export async function checkPulseKeys(
  entry: MyPulse,
  keys: KeyEntry[],
  communityId = '',
): Promise<KeyCheck> {
  const { pulse, key } = entry
  const list = keys.map(({ keyId, publicKey, cohort, eligible, joined }) => ({
    keyId,
    publicKey,
    cohort,
    eligible,
    joined: joined ?? null,
  }))
  const snapshot =
    entry.snapshot && entry.attributeOrder
      ? { attributes: entry.snapshot.attributes, order: entry.attributeOrder }
      : undefined
  const report = await checkKeyList({
    keys: list,
    mine: key,
    snapshot,
    pulse: {
      eligible: pulse.eligible,
      joined: pulse.joined ?? null,
      minGroupSize: pulse.minGroupSize,
    },
  })
  const fingerprint = await pulseFingerprint({
    communityId: entry.communityId ?? communityId,
    pulseId: pulse.id,
    questions: askedQuestions(entry.survey.questions, pulse.followUps),
    attributes: entry.attributeOrder ?? [],
    minGroupSize: pulse.minGroupSize,
    minCommentGroupSize: pulse.minCommentGroupSize,
    privacyMode: pulse.privacyMode,
    epsilon: pulse.epsilon,
    keys: list,
  })
  const labelOf = (keyId: string) => list.find((k) => k.keyId === keyId)?.cohort
  const listed = list.find((k) => k.keyId === key.keyId)
  const cohort = listed?.cohort ?? key.cohort
  return {
    fingerprint,
    problems: report.problems.map((p) => ('keyId' in p ? { ...p, who: labelOf(p.keyId) } : p)),
    unchecked: report.unchecked,
    loneRoot: report.loneRoot,
    cohort,
    size: listed?.eligible ?? 0,
    joined: listed?.joined ?? null,
    pooled: Object.keys(cohort).length === 0 && list.length > 1,
  }
}

/**
 * Everything that should stop this device sending answers for a pulse (empty: it may send):
 * the key list's problems, its fingerprint differing from the pin (this device's, or one a move
 * brought), the link's code or the log's, and a log whose history was changed. Nothing of the
 * list when the pulse was never checked here (a token from before checks existed).
 */
export function problemsOf(r: Pins, log?: LogProblem): Problem[] {
  const problems: Problem[] = log ? [{ code: 'log-rewritten', ...log }] : []
  const check = r.check
  if (!check) return problems
  const now = normalizeFingerprint(check.fingerprint)
  problems.push(...check.problems)
  for (const was of [r.pin, r.pinConflict]) {
    if (was && was !== now) problems.push({ code: 'pin-differs', was, now })
  }
  if (r.linkCode && r.linkCode !== now)
    problems.push({ code: 'link-differs', link: r.linkCode, now })
  if (r.logCode && r.logCode !== now) problems.push({ code: 'log-differs', log: r.logCode, now })
  return problems
}

/**
 * "team: Design, role: Engineer"; for a cohort keeping no attribute, "everyone in the community",
 * or when other groups exist (`pooled`), the people not in one of them.
 */
export function describeCohort(cohort: Cohort, pooled = false): string {
  const parts = Object.entries(cohort).map(([name, value]) => `${name}: ${value}`)
  if (parts.length) return parts.join(', ')
  return t(pooled ? 'everyoneElse' : 'everyone')
}

import type { Cohort, KeyEntry, MemberKey } from './api'
import { t } from './i18n'

/** What the member page learned from a pulse's key list; `problems` are plain sentences. */
export type KeyCheck = {
  ok: boolean
  cohort: Cohort
  size: number
  /** Our cohort keeps no attribute while others do: it pools those not in a named group. */
  pooled: boolean
  problems: string[]
}

/**
 * Checks a pulse's key list against the key this member was given (DESIGN.md, "The anonymity
 * model" 3): our key is listed under the same public key, our cohort holds at least the pulse's
 * minGroupSize eligible members, and the cohorts' counts add up to the pulse's `eligible`, each
 * key counted once. A server that gave one member a key of their own fails one of these.
 */
export function checkKeyList(
  keys: KeyEntry[],
  mine: MemberKey,
  pulse: { eligible: number; minGroupSize: number },
): KeyCheck {
  const problems: string[] = []
  const listed = keys.find((k) => k.keyId === mine.keyId)
  const size = listed?.eligible ?? 0
  const k = pulse.minGroupSize
  if (!listed) problems.push("Your group's key is not in this pulse's list of keys.")
  else if (listed.publicKey !== mine.publicKey) {
    problems.push('The key you were given is not the one listed for your group.')
  } else if (!(size >= k)) {
    problems.push(
      `Your group has only ${size} eligible members; this pulse promises at least ${k}.`,
    )
  }
  if (!(k >= 3)) problems.push(`This pulse's minimum group size is ${k}; it may not be below 3.`)
  const distinct = new Set(keys.map((e) => e.keyId)).size === keys.length
  const distinctKeys = new Set(keys.map((e) => e.publicKey)).size === keys.length
  if (!distinct || !distinctKeys) problems.push('The list of keys names the same key twice.')
  const counts = keys.map((e) => e.eligible)
  const sum = counts.reduce((a, b) => a + b, 0)
  if (!counts.every((n) => Number.isInteger(n) && n > 0) || sum !== pulse.eligible) {
    problems.push(`The groups add up to ${sum} people, but the pulse counts ${pulse.eligible}.`)
  }
  const cohort = listed?.cohort ?? mine.cohort
  const pooled = Object.keys(cohort).length === 0 && keys.length > 1
  return { ok: problems.length === 0, cohort, size, pooled, problems }
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

// A community's transparency log (issue "members can verify"): an append-only list of what
// changed who could be in a cohort, or what a pulse promised, each entry hashed with the one
// before it. The server writes it; members' devices keep the last head they saw and check that
// every later list extends it, so history cannot be rewritten unseen. Pure and shared by the
// server and the member page (Web Crypto's SHA-256 on both).
import canonicalize from 'canonicalize'
import { toBase64Url } from './base64url'

/** Changes among members, counted per cohort label of the previous pulse and per day. */
export interface MembersChange {
  /** The label of the previous pulse's cohort the members count under (`{}` before any pulse). */
  cohort: Record<string, string>
  added: number
  joined: number
  reinvited: number
  removed: number
}

export interface PulseOpened {
  pulseId: string
  fingerprint: string
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: 'threshold' | 'noise'
  epsilon: number
  cohorts: { cohort: Record<string, string>; eligible: number; joined: number }[]
}

export interface SettingsChanged {
  minGroupSize: number
  minCommentGroupSize: number
  privacyMode: 'threshold' | 'noise'
  epsilon: number
  attributes: string[]
}

export type LogData =
  | { kind: 'members'; data: MembersChange }
  | { kind: 'pulse-opened'; data: PulseOpened }
  | { kind: 'pulse-closed'; data: { pulseId: string } }
  | { kind: 'pulse-deleted'; data: { pulseId: string } }
  | { kind: 'settings'; data: SettingsChanged }

/** An entry as stored and served: its place, its day (UTC, `YYYY-MM-DD`), what it says, its chain. */
export type LogEntry = LogData & {
  seq: number
  day: string
  /** The hash of the entry before it; '' for the first. */
  prev: string
  hash: string
}

/** The hash an entry must carry: base64url SHA-256 of the RFC 8785 text of everything but it. */
export async function entryHash(entry: Omit<LogEntry, 'hash'>): Promise<string> {
  const { seq, day, kind, data, prev } = entry
  const text = canonicalize({ seq, day, kind, data, prev })!
  return toBase64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
  )
}

/** Where a device last saw the log end. */
export interface LogHead {
  seq: number
  hash: string
}

export type ChainCheck =
  | { ok: true; head: LogHead | null }
  | { ok: false; reason: 'gap' | 'bad-hash' | 'rewritten'; seq: number }

/**
 * Checks that `entries` (ascending, as served after `known.seq`, or from the start) are a chain
 * and extend `known`: consecutive seq, each `prev` the hash before it, each `hash` correct.
 * 'rewritten' means the entry after `known` does not point at `known.hash`: the server changed
 * what this device had already seen.
 */
export async function checkChain(
  entries: readonly LogEntry[],
  known: LogHead | null,
): Promise<ChainCheck> {
  let seq = known?.seq ?? 0
  let prev = known?.hash ?? ''
  for (const entry of entries) {
    if (entry.seq !== seq + 1) return { ok: false, reason: 'gap', seq: entry.seq }
    if (entry.prev !== prev) {
      return {
        ok: false,
        reason: known && entry.seq === known.seq + 1 ? 'rewritten' : 'bad-hash',
        seq: entry.seq,
      }
    }
    if ((await entryHash(entry)) !== entry.hash)
      return { ok: false, reason: 'bad-hash', seq: entry.seq }
    seq = entry.seq
    prev = entry.hash
  }
  return { ok: true, head: entries.length ? { seq, hash: prev } : known }
}

const sameLabel = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())

/** `label` is `cohort`'s own or one of its ancestors' (changes are counted under the previous pulse's labels). */
const covers = (label: Record<string, string>, cohort: Record<string, string>) =>
  Object.entries(label).every(([k, v]) => cohort[k] === v)

export type PaddingWarning =
  | { kind: 'added-before-open'; day: string; added: number; reinvited: number }
  | { kind: 'just-k'; joined: number; k: number }

/**
 * The padding pattern, for the member's own cohort of `pulseId`: members added to or re-invited
 * in it within `days` days before the pulse opened (counted under its label or an ancestor's: the
 * previous pulse may have cut less finely), or the cohort reaching k joined exactly. Each is a
 * reason to look closer, not proof of cheating. Additions before a community's first pulse are
 * its founding roster, not a pattern (everyone would be flagged): they are left out when
 * `entries` start at the log's first entry and no pulse opened before this one.
 */
export function paddingWarnings(
  entries: readonly LogEntry[],
  pulseId: string,
  cohort: Record<string, string>,
  days = 14,
): PaddingWarning[] {
  const openedAt = entries.findIndex((e) => e.kind === 'pulse-opened' && e.data.pulseId === pulseId)
  if (openedAt < 0) return []
  const opened = entries[openedAt] as Extract<LogEntry, { kind: 'pulse-opened' }>
  const since = new Date(Date.parse(opened.day) - days * 86_400_000).toISOString().slice(0, 10)
  const warnings: PaddingWarning[] = []
  const before = entries.slice(0, openedAt)
  const founding = entries[0].seq === 1 && !before.some((e) => e.kind === 'pulse-opened')
  for (const e of founding ? [] : before) {
    if (e.kind !== 'members' || e.day < since || !covers(e.data.cohort, cohort)) continue
    if (e.data.added > 0 || e.data.reinvited > 0) {
      warnings.push({
        kind: 'added-before-open',
        day: e.day,
        added: e.data.added,
        reinvited: e.data.reinvited,
      })
    }
  }
  const mine = opened.data.cohorts.find((c) => sameLabel(c.cohort, cohort))
  if (mine && opened.data.cohorts.length > 1 && mine.joined === opened.data.minGroupSize) {
    warnings.push({ kind: 'just-k', joined: mine.joined, k: opened.data.minGroupSize })
  }
  return warnings
}

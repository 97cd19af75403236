// A community's transparency log (issue "members can verify"): where its entries are stored, how
// the day's pending member counts are sealed into it, and how an entry is appended in the same
// batch as the change it records. The chain itself (hashes, checks) is api/privacy/log-chain.ts.
//
// D1 has no interactive transactions, so an append reads the head, builds its entries and writes
// them with the change in one batch. Two appends racing for the same place both try to store the
// same (community, seq): the primary key refuses the second batch whole, and it is built again on
// the new head. The chain never forks, and a change is never written without its entry.
import { and, asc, desc, eq, gt, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { communityLog, communityLogPending } from '../../schema'
import { chunks, type Db } from '../db'
import type { AppDeps } from '../deps'
import {
  entryHash,
  type LogData,
  type LogEntry,
  type LogHead,
  type MembersChange,
} from '../privacy/log-chain'

export type Statement = BatchItem<'sqlite'>

/** The UTC day of a time, `YYYY-MM-DD`, as entries and pending counts carry it. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** At most this many entries a read. */
export const LOG_PAGE = 500

/** An entry to append after the sealed counts, written only where `when` holds in its batch. */
export interface LogEvent {
  entry: LogData
  /** Read where the log's statements stand in the batch (before or after the change). */
  when?: SQL
}

export interface AppendOptions {
  /** Seal today's pending counts too (a pulse opening: its entry follows every change before it). */
  sealToday?: boolean
  event?: LogEvent
}

/** The last entry of the community's log, or null while it is empty. */
export async function logHead(db: Db, communityId: string): Promise<LogHead | null> {
  const [row] = await db
    .select({ seq: communityLog.seq, hash: communityLog.hash })
    .from(communityLog)
    .where(eq(communityLog.communityId, communityId))
    .orderBy(desc(communityLog.seq))
    .limit(1)
  return row ?? null
}

/** True for the refusal of an entry whose place another append took first. */
export function isLogConflict(error: unknown): boolean {
  const messages = [error, (error as { cause?: unknown })?.cause].map((e) =>
    String((e as Error)?.message ?? ''),
  )
  return messages.some((m) => /UNIQUE constraint failed: community_log\./i.test(m))
}

/**
 * The statements appending, at the head as read now, a `members` entry for every pending count
 * of a day before today (and today's with `sealToday`), then `event`; and the statements taking
 * exactly those counts out of the pending table (a change counted meanwhile stays pending).
 */
async function appendStatements(
  deps: AppDeps,
  communityId: string,
  options: AppendOptions,
): Promise<Statement[]> {
  const { db } = deps
  const today = utcDay(deps.now())
  const head = await logHead(db, communityId)
  const pending = await db
    .select()
    .from(communityLogPending)
    .where(
      and(
        eq(communityLogPending.communityId, communityId),
        options.sealToday
          ? lte(communityLogPending.day, today)
          : lt(communityLogPending.day, today),
      ),
    )
    .orderBy(asc(communityLogPending.day), asc(communityLogPending.cohort))
  let seq = head?.seq ?? 0
  let prev = head?.hash ?? ''
  const next = async (day: string, data: LogData): Promise<LogEntry> => {
    const unhashed = { seq: ++seq, day, ...data, prev } as Omit<LogEntry, 'hash'>
    const entry = { ...unhashed, hash: await entryHash(unhashed) } as LogEntry
    prev = entry.hash
    return entry
  }
  const sealed: LogEntry[] = []
  for (const row of pending) {
    const { added, joined, reinvited, removed } = row
    if (!added && !joined && !reinvited && !removed) continue
    const change: MembersChange = {
      cohort: JSON.parse(row.cohort),
      added,
      joined,
      reinvited,
      removed,
    }
    sealed.push(await next(row.day, { kind: 'members', data: change }))
  }
  const statements: Statement[] = []
  for (const part of chunks(sealed, 200)) {
    const rows = JSON.stringify(
      part.map((e) => [e.seq, e.day, JSON.stringify(e.data), e.prev, e.hash]),
    )
    statements.push(
      db.run(sql`insert into ${communityLog} (community_id, seq, day, kind, data, prev, hash)
        select ${communityId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), 'members',
          json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]')
        from json_each(${rows})`),
    )
  }
  for (const part of chunks(pending, 500)) {
    const taken = JSON.stringify(
      part.map((r) => [r.day, r.cohort, r.added, r.joined, r.reinvited, r.removed]),
    )
    statements.push(
      db.run(sql`update ${communityLogPending} set added = added - s.a, joined = joined - s.j,
          reinvited = reinvited - s.r, removed = removed - s.m
        from (select json_extract(value, '$[0]') as d, json_extract(value, '$[1]') as c,
            json_extract(value, '$[2]') as a, json_extract(value, '$[3]') as j,
            json_extract(value, '$[4]') as r, json_extract(value, '$[5]') as m
          from json_each(${taken})) as s
        where community_log_pending.community_id = ${communityId}
          and community_log_pending.day = s.d and community_log_pending.cohort = s.c`),
    )
  }
  if (pending.length > 0) {
    statements.push(
      db.run(sql`delete from ${communityLogPending} where community_id = ${communityId}
        and added <= 0 and joined <= 0 and reinvited <= 0 and removed <= 0`),
    )
  }
  if (options.event) {
    const entry = await next(today, options.event.entry)
    statements.push(
      db.run(sql`insert into ${communityLog} (community_id, seq, day, kind, data, prev, hash)
        select ${communityId}, ${entry.seq}, ${entry.day}, ${entry.kind}, ${JSON.stringify(entry.data)},
          ${entry.prev}, ${entry.hash}
        where ${options.event.when ?? sql`1`}`),
    )
  }
  return statements
}

/** Enough for every append of a busy community to find its place; each round one of them wins. */
const ATTEMPTS = 100

/**
 * Appends to the community's log, as `options` says, in one batch with a change: `batch` gets the
 * log's statements and returns the whole batch, the log's placed where its `when` must be read
 * (before or after the change). When another append took the place first, the whole batch was
 * refused and is built again on the new head. Returns the batch's results; throws whatever else
 * the batch throws (nothing of it written).
 */
export async function withLog(
  deps: AppDeps,
  communityId: string,
  options: AppendOptions,
  batch: (log: Statement[]) => Statement[],
): Promise<unknown[]> {
  for (let attempt = 1; ; attempt++) {
    const statements = batch(await appendStatements(deps, communityId, options))
    if (statements.length === 0) return []
    try {
      return await deps.db.batch(statements as [Statement, ...Statement[]])
    } catch (error) {
      if (!isLogConflict(error) || attempt >= ATTEMPTS) throw error
    }
  }
}

/** Seals the pending counts of days before today into the log (nothing else). */
export const sealPastDays = (deps: AppDeps, communityId: string) =>
  withLog(deps, communityId, {}, (log) => log)

/**
 * The community's log after `after` (ascending, at most LOG_PAGE entries), its head, and `next`
 * (the `after` of the following page) when more follow. Days already over are sealed first, so
 * a reader sees every change up to yesterday.
 */
export async function readLog(deps: AppDeps, communityId: string, after: number) {
  await sealPastDays(deps, communityId)
  // The head first, and no entry past it: without `next`, the last entry served is the head.
  const head = await logHead(deps.db, communityId)
  const rows = head
    ? await deps.db
        .select()
        .from(communityLog)
        .where(
          and(
            eq(communityLog.communityId, communityId),
            gt(communityLog.seq, after),
            lte(communityLog.seq, head.seq),
          ),
        )
        .orderBy(asc(communityLog.seq))
        .limit(LOG_PAGE + 1)
    : []
  const entries = rows
    .slice(0, LOG_PAGE)
    .map(
      ({ seq, day, kind, data, prev, hash }) => ({ seq, day, kind, data, prev, hash }) as LogEntry,
    )
  return { entries, head, ...(rows.length > LOG_PAGE ? { next: entries.at(-1)!.seq } : {}) }
}

// The transparency log's chain and padding checks (api/privacy/log-chain.ts), both ways: an
// honest log passes, a rewritten or tampered one is caught, and the padding pattern is flagged.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  checkChain,
  entryHash,
  paddingWarnings,
  type LogData,
  type LogEntry,
} from '../../../api/privacy/log-chain'

const test = suite('transparency log chain')

async function chain(
  items: (LogData & { day: string })[],
  from: LogEntry[] = [],
): Promise<LogEntry[]> {
  const out = [...from]
  for (const item of items) {
    const last = out.at(-1)
    const entry = { ...item, seq: (last?.seq ?? 0) + 1, prev: last?.hash ?? '' } as Omit<
      LogEntry,
      'hash'
    >
    out.push({ ...entry, hash: await entryHash(entry) } as LogEntry)
  }
  return out
}

const members = (
  day: string,
  cohort: Record<string, string>,
  added: number,
  reinvited = 0,
): LogData & { day: string } => ({
  kind: 'members',
  day,
  data: { cohort, added, joined: 0, reinvited, removed: 0 },
})
const opened = (
  day: string,
  pulseId: string,
  cohorts: { cohort: Record<string, string>; eligible: number; joined: number }[],
): LogData & { day: string } => ({
  kind: 'pulse-opened',
  day,
  data: {
    pulseId,
    fingerprint: 'ABCD EFGH IJKL MNOP',
    minGroupSize: 5,
    minCommentGroupSize: 10,
    privacyMode: 'threshold',
    epsilon: 1,
    cohorts,
  },
})

test('an honest log checks from the start and extends the head a device kept', async () => {
  const first = await chain([
    members('2026-11-01', {}, 20),
    opened('2026-11-02', 'p1', [{ cohort: {}, eligible: 20, joined: 12 }]),
  ])
  const start = await checkChain(first, null)
  assert.equal(start, { ok: true, head: { seq: 2, hash: first[1].hash } })
  const later = await chain(
    [{ kind: 'pulse-closed', day: '2026-11-09', data: { pulseId: 'p1' } }],
    first,
  )
  assert.equal(await checkChain(later.slice(2), { seq: 2, hash: first[1].hash }), {
    ok: true,
    head: { seq: 3, hash: later[2].hash },
  })
})

test('a rewritten history, a changed entry or a gap is caught', async () => {
  const seen = await chain([
    members('2026-11-01', {}, 20),
    opened('2026-11-02', 'p1', [{ cohort: {}, eligible: 20, joined: 12 }]),
  ])
  const head = { seq: 2, hash: seen[1].hash }
  // The server rewrites entry 2 (a lower threshold) and serves entry 3 on top of it.
  const rewritten = await chain(
    [
      {
        ...opened('2026-11-02', 'p1', [{ cohort: {}, eligible: 20, joined: 12 }]),
        data: {
          ...(opened('2026-11-02', 'p1', []).data as any),
          minGroupSize: 3,
          cohorts: [{ cohort: {}, eligible: 20, joined: 12 }],
        },
      } as any,
    ],
    seen.slice(0, 1),
  )
  const next = await chain(
    [{ kind: 'pulse-closed', day: '2026-11-09', data: { pulseId: 'p1' } }],
    rewritten,
  )
  assert.equal(await checkChain(next.slice(2), head), { ok: false, reason: 'rewritten', seq: 3 })
  const tampered = seen.map((e) => ({ ...e }))
  ;(tampered[0] as any).data = { ...tampered[0].data, added: 2 }
  assert.equal(await checkChain(tampered, null), { ok: false, reason: 'bad-hash', seq: 1 })
  assert.equal(await checkChain(seen.slice(1), null), { ok: false, reason: 'gap', seq: 2 })
})

test('padding: members added to one’s cohort (or an ancestor) shortly before it opened, or a cohort of exactly k', async () => {
  const log = await chain([
    members('2026-09-01', {}, 20),
    opened('2026-09-02', 'p1', [{ cohort: {}, eligible: 20, joined: 12 }]),
    members('2026-10-01', { team: 'b' }, 3),
    members('2026-11-10', { team: 'a' }, 4),
    members('2026-11-11', { team: 'b' }, 2, 1),
    opened('2026-11-12', 'p2', [
      { cohort: { team: 'a' }, eligible: 9, joined: 8 },
      { cohort: { team: 'b', role: 'x' }, eligible: 6, joined: 5 },
    ]),
  ])
  assert.equal(paddingWarnings(log, 'p2', { team: 'b', role: 'x' }), [
    { kind: 'added-before-open', day: '2026-11-11', added: 2, reinvited: 1 },
    { kind: 'just-k', joined: 5, k: 5 },
  ])
  assert.equal(paddingWarnings(log, 'p2', { team: 'a' }), [
    { kind: 'added-before-open', day: '2026-11-10', added: 4, reinvited: 0 },
  ])
  assert.equal(paddingWarnings(log, 'unknown', { team: 'a' }), [])
})

test('padding: a community’s founding roster before its first pulse is not flagged, unless the log’s start is unseen', async () => {
  const log = await chain([
    members('2026-11-10', {}, 12),
    opened('2026-11-12', 'p1', [{ cohort: {}, eligible: 12, joined: 6 }]),
  ])
  assert.equal(paddingWarnings(log, 'p1', {}), [])
  // A device that kept only later entries cannot tell founding from padding: it says so.
  const unseenStart = log.map((e) => ({ ...e, seq: e.seq + 10 }))
  assert.equal(paddingWarnings(unseenStart, 'p1', {}), [
    { kind: 'added-before-open', day: '2026-11-10', added: 12, reinvited: 0 },
  ])
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { LogData, LogEntry } from '../../../api/privacy/log-chain'
import type { LogPage, MemberApi } from '../../../web/member/api'
import { applyLog, syncLog } from '../../../web/member/log-sync'
import { createStore, type PulseRecord } from '../../../web/member/store'
import { appendLog } from './fake-server'
import { memoryStorage } from './helpers'

// The community's log as a device follows it (web/member/log-sync.ts): read after the head it
// kept, each read checked to extend it; a history changed behind it is caught and stays caught.

const members = (added: number, day = '2025-03-01'): [LogData, string] => [
  { kind: 'members', data: { cohort: {}, added, joined: 0, reinvited: 0, removed: 0 } },
  day,
]

/** A server's log and a member API reading it in pages of `size`, recording each `after`. */
async function server(entries: [LogData, string][], size = 500) {
  const log: LogEntry[] = []
  for (const [data, day] of entries) await appendLog(log, data, day)
  const asked: number[] = []
  let head: (() => LogPage['head']) | undefined
  const api = {
    log: async (after: number): Promise<LogPage> => {
      asked.push(after)
      const rest = log.filter((e) => e.seq > after)
      const last = log.at(-1)
      return {
        entries: rest.slice(0, size),
        head: head ? head() : last ? { seq: last.seq, hash: last.hash } : null,
        next: rest.length > size ? rest[size - 1].seq : null,
      }
    },
  } as unknown as MemberApi
  return { log, api, asked, serveHead: (f: () => LogPage['head']) => (head = f) }
}

const test = suite('log-sync')

test('reads from the start, then only after the head it kept', async () => {
  const s = await server([members(1), members(2)])
  const store = createStore(memoryStorage())
  const first = await syncLog(s.api, store, 'c1')
  assert.equal(first?.head, { seq: 2, hash: s.log[1].hash })
  assert.is(first?.problem, undefined)
  await appendLog(s.log, members(3)[0], '2025-03-02')
  const second = await syncLog(s.api, store, 'c1')
  assert.equal(s.asked, [0, 2])
  assert.equal(second?.head, { seq: 3, hash: s.log[2].hash })
  assert.is(store.get().log?.recent.length, 3)
})

test('reads every page of a long log', async () => {
  const s = await server([members(1), members(2), members(3), members(4), members(5)], 2)
  const store = createStore(memoryStorage())
  assert.equal((await syncLog(s.api, store, 'c1'))?.head?.seq, 5)
  assert.equal(s.asked, [0, 2, 4])
})

test('a history rewritten behind the head is caught, and stays caught', async () => {
  const s = await server([members(1), members(2)])
  const store = createStore(memoryStorage())
  await syncLog(s.api, store, 'c1')
  // The server changes entry 2 and continues from its new version.
  s.log.length = 1
  await appendLog(s.log, members(20)[0], '2025-03-01')
  await appendLog(s.log, members(3)[0], '2025-03-02')
  const caught = await syncLog(s.api, store, 'c1')
  assert.equal(caught?.problem, { reason: 'rewritten', seq: 3 })
  assert.equal(caught?.head, { seq: 2, hash: store.get().log!.head!.hash }, 'the head seen stays')
  const asked = s.asked.length
  assert.equal((await syncLog(s.api, store, 'c1'))?.problem, { reason: 'rewritten', seq: 3 })
  assert.is(s.asked.length, asked, 'not read again: the device saw two histories')
})

test('a log cut short, or a head beside the one seen, is a rewritten history', async () => {
  const s = await server([members(1), members(2)])
  const store = createStore(memoryStorage())
  await syncLog(s.api, store, 'c1')
  s.serveHead(() => ({ seq: 1, hash: s.log[0].hash }))
  assert.equal((await syncLog(s.api, store, 'c1'))?.problem, { reason: 'rewritten', seq: 2 })

  const t = await server([members(1), members(2)])
  const other = createStore(memoryStorage())
  await syncLog(t.api, other, 'c1')
  t.serveHead(() => ({ seq: 2, hash: 'another' }))
  assert.equal((await syncLog(t.api, other, 'c1'))?.problem, { reason: 'rewritten', seq: 2 })
})

test('an entry whose hash is wrong is caught', async () => {
  const s = await server([members(1), members(2)])
  s.log[1] = { ...s.log[1], data: { ...(s.log[1].data as object), added: 9 } } as LogEntry
  const store = createStore(memoryStorage())
  assert.equal((await syncLog(s.api, store, 'c1'))?.problem, { reason: 'bad-hash', seq: 2 })
})

test('a log that cannot be read changes nothing; another community starts afresh', async () => {
  const s = await server([members(1)])
  const store = createStore(memoryStorage())
  await syncLog(s.api, store, 'c1')
  const offline = { log: async () => Promise.reject(new Error('offline')) } as unknown as MemberApi
  assert.is(await syncLog(offline, store, 'c1'), undefined)
  assert.is(store.get().log?.head?.seq, 1)
  await syncLog(s.api, store, 'c2')
  assert.equal(s.asked, [0, 0])
})

test('the recorded code and padding of each checked pulse; old entries are dropped', async () => {
  const cohorts: { cohort: Record<string, string>; eligible: number; joined: number }[] = [
    { cohort: { team: 'A' }, eligible: 5, joined: 5 },
    { cohort: {}, eligible: 9, joined: 8 },
  ]
  const opened: LogData = {
    kind: 'pulse-opened',
    data: {
      pulseId: 'p1',
      fingerprint: 'ABCD EFGH IJKL MNOP',
      minGroupSize: 5,
      minCommentGroupSize: 10,
      privacyMode: 'threshold',
      epsilon: 1,
      cohorts,
    },
  }
  const s = await server([
    members(4, '2024-12-01'),
    members(2, '2025-02-25'),
    [opened, '2025-03-01'],
  ])
  const store = createStore(memoryStorage())
  const state = (await syncLog(s.api, store, 'c1'))!
  assert.equal(
    state.recent.map((e) => e.seq),
    [2, 3],
    'entries more than 30 days before the newest are not kept',
  )
  const check = { cohort: { team: 'A' } } as unknown as PulseRecord['check']
  const saved: Record<string, Partial<PulseRecord>> = {}
  applyLog(state, { p1: { check }, p2: { check }, p3: {} }, (pid, patch) => (saved[pid] = patch))
  assert.equal(saved, {
    p1: {
      logCode: 'ABCDEFGHIJKLMNOP',
      padding: [
        { kind: 'added-before-open', day: '2025-02-25', added: 2, reinvited: 0 },
        { kind: 'just-k', joined: 5, k: 5 },
      ],
    },
  })
})

test.run()

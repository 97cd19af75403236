import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiError } from '../../../web/organizer/api-error'
import type { MeetingDetail, MeetingTurn } from '../../../web/organizer/api-types'
import {
  loadTracker,
  trackerModel,
  type KeyValueStore,
  type TrackerIo,
} from '../../../web/organizer/models/tracker-model'
import {
  acknowledge,
  finish,
  markAttempted,
  newTracker,
  offsetAt,
  pendingBatch,
  tap,
  undo,
  unsent,
} from '../../../web/organizer/models/tracker-state'

const state = suite('tracker state')

state(
  'a tap starts a turn, a tap on another seat ends it there, a second tap on the same seat ends it',
  () => {
    let s = newTracker('m', 1000)
    s = tap(s, 2, 0, 'a')
    s = tap(s, 5, 4000, 'b')
    s = tap(s, 5, 9000, 'c')
    assert.equal(s.turns, [
      { id: 'a', seat: 2, start: 0, end: 4000 },
      { id: 'b', seat: 5, start: 4000, end: 9000 },
    ])
    assert.equal(Object.keys(s.dirty).sort(), ['a', 'b'])
  },
)

state('undo reverses taps one by one: a started turn goes and the turn it ended reopens', () => {
  let s = newTracker('m', 0)
  s = tap(s, 1, 0, 'a')
  s = tap(s, 2, 10, 'b')
  s = tap(s, 2, 20, 'x')
  s = undo(s) // the second tap on seat 2 ended its turn: it reopens
  assert.equal(s.turns.at(-1), { id: 'b', seat: 2, start: 10, end: null })
  s = undo(s) // seat 2's turn goes, seat 1 speaks again
  assert.equal(s.turns, [{ id: 'a', seat: 1, start: 0, end: null }])
  assert.equal(s.undone, {}, 'never sent, so nothing to undo on the server')
  assert.not.ok('b' in s.dirty)
  s = undo(s)
  s = undo(s)
  assert.equal(s.turns, [])
})

state('undoing a turn that may have reached the server sends an undo for it', () => {
  let s = tap(newTracker('m', 0), 3, 0, 'a')
  const batch = pendingBatch(s)!
  s = acknowledge(markAttempted(s, batch), batch)
  assert.is(unsent(s), 0)
  s = undo(s)
  assert.equal(pendingBatch(s), { turns: [], undo: ['a'], rev: 2 })
})

state('a change after a batch was taken stays pending when that batch is acknowledged', () => {
  let s = tap(newTracker('m', 0), 1, 0, 'a')
  const batch = pendingBatch(s)!
  s = markAttempted(s, batch)
  s = tap(s, 1, 50, 'ignored') // ends turn a while the batch is in flight
  s = acknowledge(s, batch)
  assert.equal(pendingBatch(s)!.turns, [{ id: 'a', seat: 1, start: 0, end: 50 }])
})

state(
  'finish ends the open turn and blocks further taps and undo; offsets never go backwards',
  () => {
    let s = tap(newTracker('m', 1000), 1, 0, 'a')
    assert.is(offsetAt(s, 500), 0)
    s = tap(s, 2, 7000, 'b')
    assert.is(offsetAt(s, 5000), 7000, 'a clock set back does not move before the last tap')
    s = finish(s, 9000)
    assert.is(s.end, 9000)
    assert.equal(s.turns[1].end, 9000)
    assert.is(tap(s, 3, 9500, 'c'), s)
    assert.is(undo(s), s)
  },
)

state.run()

// The model with a fake server and storage.
class MemoryStore implements KeyValueStore {
  items = new Map<string, string>()
  getItem = (k: string) => this.items.get(k) ?? null
  setItem = (k: string, v: string) => void this.items.set(k, v)
  removeItem = (k: string) => void this.items.delete(k)
}

const detail = (turns: MeetingTurn[] = []): MeetingDetail => ({
  id: 'm1',
  communityId: 'c',
  title: 'Weekly',
  seats: 4,
  labels: ['A', 'B', 'C', 'D'],
  startedAt: new Date(0).toISOString(),
  endedAt: null,
  status: 'running',
  turns,
  measures: {} as MeetingDetail['measures'],
})

function fakeIo() {
  const server = new Map<string, MeetingTurn>()
  const io = {
    offline: false,
    clock: 0,
    ids: 0,
    storage: new MemoryStore(),
    requests: 0,
    endedAt: undefined as number | undefined,
  }
  const offline = () => new ApiError({ status: 0, title: 'Network error', detail: 'offline' })
  const ioImpl: TrackerIo = {
    storage: io.storage,
    now: () => io.clock,
    newId: () => `t${++io.ids}`,
    send: async (_mid, batch) => {
      io.requests++
      if (io.offline) throw offline()
      for (const t of batch.turns)
        server.set(t.id, {
          ...(server.get(t.id) ?? t),
          end: t.end ?? server.get(t.id)?.end ?? null,
        })
      for (const id of batch.undo) server.delete(id)
      return { turns: server.size }
    },
    end: async (_mid, end) => {
      if (io.offline) throw offline()
      io.endedAt = end
      return {
        ...detail(),
        status: 'ended',
        endedAt: new Date(end).toISOString(),
        measures: {} as MeetingDetail['measures'],
      }
    },
  }
  return { io, ioImpl, server }
}

const model = suite('tracker model')

model(
  'taps made offline wait in storage and all arrive once back online, then the meeting ends',
  async () => {
    const { io, ioImpl, server } = fakeIo()
    const m = trackerModel(detail(), ioImpl)
    io.clock = 1000
    m.tap(1)
    await m.sync()
    assert.is(server.size, 1)
    io.offline = true
    for (const seat of [2, 3, 2, 4]) {
      io.clock += 5000
      m.tap(seat)
    }
    await m.sync()
    assert.is(m.status.value, 'waiting')
    assert.is(server.size, 1)
    assert.is(loadTracker('m1', io.storage)!.turns.length, 5, 'kept in storage while offline')

    // A reload while offline resumes from storage.
    const again = trackerModel(detail(), ioImpl)
    assert.equal(again.counts.value, [1, 2, 1, 1])
    io.offline = false
    io.clock += 3000
    await again.end()
    assert.is(again.status.value, 'saved')
    assert.is(server.size, 5)
    assert.equal(
      [...server.values()].map((t) => t.end),
      [6000, 11000, 16000, 21000, 24000],
    )
    assert.is(io.endedAt, 24000)
    assert.ok(again.ended.value)
    assert.is(
      io.storage.getItem('trustpulse.meeting.m1'),
      null,
      'storage is cleared once the server has everything',
    )
  },
)

model('undo of a sent tap reaches the server; live measures follow the taps', async () => {
  const { io, ioImpl, server } = fakeIo()
  const m = trackerModel(detail(), ioImpl)
  m.tap(1)
  io.clock = 10
  m.tap(1)
  io.clock = 20
  m.tap(2)
  await m.sync()
  assert.is(server.size, 2)
  m.undo()
  await m.sync()
  assert.equal([...server.keys()], ['t1'])
  assert.equal(m.counts.value, [1, 0, 0, 0])
  assert.is(m.live.value.silentSeats, 3)
  assert.is(m.live.value.gini, 0.75)
})

model('turns the server refuses are dropped and said so; the rest still arrive', async () => {
  const { io, ioImpl, server } = fakeIo()
  const send = ioImpl.send
  ioImpl.send = async (mid, batch) => {
    const bad = batch.turns.findIndex((t) => t.seat === 4)
    if (bad >= 0)
      throw new ApiError({
        status: 422,
        title: 'Invalid input',
        detail: 'x',
        errors: [{ path: `turns.${bad}.seat`, message: 'no' }],
      })
    return send(mid, batch)
  }
  const m = trackerModel(detail(), ioImpl)
  m.tap(4)
  io.clock = 5
  m.tap(1)
  await m.sync()
  assert.is(m.dropped.value, 1)
  assert.equal([...server.keys()], ['t2'])
  assert.is(m.pending.value, 0)
})

model('without local state the tracker resumes from the server’s turns', () => {
  const { ioImpl } = fakeIo()
  const m = trackerModel(detail([{ id: 'x', seat: 3, start: 0, end: null }]), ioImpl)
  assert.equal(m.counts.value, [0, 0, 1, 0])
  assert.is(m.speaking.value, 3)
  assert.is(m.pending.value, 0)
})

model.run()

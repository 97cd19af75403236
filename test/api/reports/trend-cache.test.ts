import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cachedTrend } from '../../../api/reports/trend-cache'

const parse = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes))
const trendOf = (ids: string[]) => ({ pulses: ids.map((id) => ({ id, closesAt: '' })), groups: [] })
const test = suite('kept trends')

test('builds once per list of closed pulses and rebuilds when it changes', async () => {
  const db = {}
  let builds = 0
  const build = (ids: string[]) => async () => (builds++, trendOf(ids))
  const one = await cachedTrend(db, 's\n', 'a', build(['a']))
  const again = await cachedTrend(db, 's\n', 'a', build(['a']))
  assert.is(builds, 1)
  assert.is(again.json, one.json)
  const two = await cachedTrend(db, 's\n', 'a,b', build(['a', 'b']))
  assert.is(builds, 2)
  assert.equal(
    parse(two.json).pulses.map((p: { id: string }) => p.id),
    ['a', 'b'],
  )
})

test('keeps trends apart per database, survey and cut', async () => {
  const [db1, db2] = [{}, {}]
  await cachedTrend(db1, 's\nteam', 'a', async () => trendOf(['a']))
  const other = await cachedTrend(db2, 's\nteam', 'a', async () => trendOf(['x']))
  const cut = await cachedTrend(db1, 's\n', 'a', async () => trendOf(['y']))
  assert.equal(parse(other.json).pulses[0].id, 'x')
  assert.equal(parse(cut.json).pulses[0].id, 'y')
})

test('keeps at most 32 trends per database, dropping the least recently used', async () => {
  const db = {}
  let builds = 0
  const build = async () => (builds++, trendOf([]))
  for (let i = 0; i < 33; i++) await cachedTrend(db, `s${i}`, 'x', build)
  await cachedTrend(db, 's32', 'x', build)
  assert.is(builds, 33)
  await cachedTrend(db, 's0', 'x', build)
  assert.is(builds, 34)
})

test.run()

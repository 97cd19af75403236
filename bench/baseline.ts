// baseline_insert_per_s: the floor every other rate is compared with. POST /bench/baseline (a
// route only bench/server.ts has) validates `{ pulseId, value }` with zod/mini and inserts one row
// with a random key: HTTP, JSON, validation and one SQLite write (one commit) through the same
// server, middleware and database as the product routes, and nothing else.
import {
  benchServer,
  CONNECTIONS,
  describeLoad,
  load,
  type Benchmark,
  type LoadOptions,
} from './harness'

const WARM_UP_S = 2
const MEASURE_S = 10

const request = (i: number) => ({
  body: JSON.stringify({ pulseId: 'bench-pulse', value: `answer ${i}` }),
})

/** The baseline load for `seconds`; other modules interleave it with their own phases. */
export const baselineLoad = (phase: string, seconds: number): LoadOptions => ({
  phase,
  path: '/bench/baseline',
  connections: CONNECTIONS,
  expect: 201,
  request,
  seconds,
})

export const baseline: Benchmark = {
  name: 'baseline',
  async run() {
    const server = await benchServer()
    await load(server, baselineLoad('baseline warm-up', WARM_UP_S))
    const measured = await load(server, baselineLoad('baseline', MEASURE_S))
    console.log(describeLoad('baseline insert', measured))
    return [{ name: 'baseline_insert_per_s', value: measured.rate, unit: 'req/s' }]
  },
}

// `npm run bench`: runs the benchmark modules in order against one server child process (started
// on first use), prints a table, writes bench/results.json and exits non-zero if any request got
// an unexpected status, any check failed or any module threw. Bounded: a watchdog ends the run
// after RUN_LIMIT_MS. See bench/README.md.
import { readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { anonymousProtocol } from './anonymous-protocol'
import { baseline } from './baseline'
import { bundleSize } from './bundle-size'
import { close } from './close'
import { competitor } from './competitor'
import {
  benchDir,
  failures,
  stopServer,
  stopServerNow,
  type Benchmark,
  type Result,
} from './harness'
import { reports } from './reports'
import { soak } from './soak'
import { workerSize } from './worker-size'

/**
 * In order. The load phases come first: a front-end build writes many files, and the disk then
 * flushes them while the next phase's SQLite commits wait for their fsync. reports and close run
 * in process on their own temporary databases, after the server's phases.
 */
const all: Benchmark[] = [
  baseline,
  anonymousProtocol,
  competitor,
  soak,
  bundleSize,
  workerSize,
  reports,
  close,
]

/** BENCH_ONLY=name,name runs only those modules (their `name`s), in the order above. */
const only = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const unknown = only?.filter((name) => !all.some((b) => b.name === name)) ?? []
if (unknown.length > 0) {
  console.error(
    `BENCH_ONLY: no module named ${unknown.join(', ')}; the modules are ${all.map((b) => b.name).join(', ')}`,
  )
  process.exit(2)
}
const benchmarks = only ? all.filter((b) => only.includes(b.name)) : all

const RUN_LIMIT_MS = 9 * 60_000

process.once('exit', stopServerNow)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopServerNow()
    process.exit(130)
  })
}
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${RUN_LIMIT_MS / 60_000} minutes; stopping.`)
  stopServerNow()
  process.exit(2)
}, RUN_LIMIT_MS)

const cpuModel =
  readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown CPU'
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
console.log(
  `${availableParallelism()} × ${cpuModel}, Node ${process.version}, load average ${load()}`,
)

const started = performance.now()
const results: Result[] = []
const crashed: string[] = []
try {
  for (const benchmark of benchmarks) {
    console.log(`▶ ${benchmark.name}`)
    const t = performance.now()
    try {
      results.push(...(await benchmark.run()))
    } catch (error) {
      crashed.push(benchmark.name)
      console.error(`  ✗ ${benchmark.name} failed: ${(error as Error)?.stack ?? error}`)
    }
    console.log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`)
  }
} finally {
  await stopServer()
  clearTimeout(watchdog)
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100)
const byName = new Map(results.map((r) => [r.name, r]))
const json: Record<string, { value: number; unit: string; baseline?: number; ratio?: number }> = {}
const rows: string[][] = [['name', 'value', 'unit', 'baseline', 'ratio']]
for (const r of results) {
  const base = r.baseline ?? (r.relativeTo ? byName.get(r.relativeTo)?.value : undefined)
  const entry: (typeof json)[string] = { value: round(r.value), unit: r.unit }
  if (base) {
    entry.baseline = round(base)
    entry.ratio = Math.round((r.value / base) * 1000) / 1000
  }
  json[r.name] = entry
  rows.push([
    r.name,
    String(entry.value),
    r.unit,
    entry.baseline === undefined ? '' : String(entry.baseline),
    entry.ratio === undefined ? '' : entry.ratio.toFixed(3),
  ])
}
writeFileSync(join(benchDir, 'results.json'), JSON.stringify(json, null, 2) + '\n')

const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
const line = (row: string[]) =>
  row
    .map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
    .join('  ')
console.log('')
console.log(line(rows[0]))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const row of rows.slice(1)) console.log(line(row))
console.log('')
console.log(`load average at the end ${load()} (other processes share this machine's CPUs)`)
console.log(
  `wrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(0)} s total`,
)

if (failures.length > 0 || crashed.length > 0) {
  console.error(
    `bench FAILED: ${failures.length} problem(s)${crashed.length ? `, ${crashed.join(', ')} did not finish` : ''}`,
  )
  for (const f of failures) console.error(`  - ${f.phase}: ${f.detail}`)
  process.exitCode = 1
} else {
  console.log('every request got its expected status (0 errors)')
}

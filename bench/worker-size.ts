// worker_bundle_gzip_kib: the Worker as `wrangler deploy` would upload it (minify = true), from
// `npm run size:edge` (wrangler deploy --dry-run, gzip -9), in KiB; budget 150 KiB.
import { spawnSync } from 'node:child_process'
import { rootDir, type Benchmark } from './harness'

export const workerSize: Benchmark = {
  name: 'worker size',
  async run() {
    const run = spawnSync('npm', ['run', '--silent', 'size:edge'], {
      cwd: rootDir,
      encoding: 'utf8',
    })
    const line = /([\d.]+) KiB gzip -9/.exec(run.stdout)
    if (!line)
      throw new Error(
        `npm run size:edge printed no size (exit ${run.status}): ${run.stderr.trim()}`,
      )
    console.log(`  ${run.stdout.split('\n')[0]}`)
    return [
      { name: 'worker_bundle_gzip_kib', value: Number(line[1]), unit: 'KiB gzip', baseline: 150 },
    ]
  },
}

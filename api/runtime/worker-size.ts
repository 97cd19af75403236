// `npm run size:edge`: the Worker bundle as `wrangler deploy` would upload it (minify = true in
// wrangler.toml), measured without deploying: `wrangler deploy --dry-run --outdir <tmp>`, then
// gzip -9. Prints the size, the biggest inputs by package (esbuild metafile), and exits non-zero
// above the budget (150 KiB gzipped, or SIZE_BUDGET_KIB).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { ensureFrontEnd, root, wranglerEnv } from './worker-dev'

const budget = Number(process.env.SIZE_BUDGET_KIB ?? 150)
const out = mkdtempSync(join(tmpdir(), 'trustpulse-bundle-'))
try {
  ensureFrontEnd() // wrangler checks that the assets directory exists
  const meta = join(out, 'meta.json')
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/wrangler/bin/wrangler.js'),
      'deploy',
      '--dry-run',
      '--outdir',
      out,
      '--metafile',
      meta,
    ],
    { cwd: root, env: wranglerEnv(), encoding: 'utf8' },
  )
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr)
    throw new Error('wrangler deploy --dry-run failed')
  }
  const code = readFileSync(join(out, 'worker.js'))
  const gzipped = gzipSync(code, { level: 9 }).length
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
  console.log(
    `Worker bundle: ${kib(code.length)} minified, ${kib(gzipped)} gzip -9 (budget ${budget} KiB)`,
  )

  const metafile = JSON.parse(readFileSync(meta, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>
  }
  const [, output] = Object.entries(metafile.outputs).find(([name]) => name.endsWith('.js'))!
  const byPackage = new Map<string, number>()
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const rest = file.split('node_modules/').pop()!.split('/')
    const name = file.includes('node_modules/')
      ? rest[0].startsWith('@')
        ? `${rest[0]}/${rest[1]}`
        : rest[0]
      : rest.slice(0, 2).join('/')
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
  }
  console.log('Biggest inputs (minified bytes in the bundle, before gzip):')
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${kib(bytes).padStart(10)}  ${name}`)
  }
  if (gzipped / 1024 > budget) {
    console.error(`Over budget by ${kib(gzipped - budget * 1024)}.`)
    process.exitCode = 1
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}

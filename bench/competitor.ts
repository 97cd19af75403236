// formbricks_surveys_js_gzip_kb: the survey renderer of a well-known open-source survey tool,
// `@formbricks/surveys`, as its npm package ships it (the package's `main` file, gzip -9), for
// comparison with member_js_gzip_kb. Unpacked at bench time into a temporary folder with
// `npm pack`; nothing of it is kept or committed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Benchmark } from './harness'

const PACKAGE = '@formbricks/surveys@1.99.0'

export const competitor: Benchmark = {
  name: 'competitor',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'trustpulse-competitor-'))
    try {
      const pack = spawnSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], {
        encoding: 'utf8',
      })
      if (pack.status !== 0) throw new Error(`npm pack ${PACKAGE} failed: ${pack.stderr.trim()}`)
      const tarball = join(dir, pack.stdout.trim().split('\n').pop()!)
      const untar = spawnSync('tar', ['xzf', tarball, '-C', dir])
      if (untar.status !== 0) throw new Error(`could not unpack ${tarball}`)
      const manifest = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as {
        main: string
      }
      const main = readFileSync(join(dir, 'package', manifest.main))
      const kb = gzipSync(main, { level: 9 }).length / 1000
      console.log(`  ${PACKAGE} ${manifest.main}: ${kb.toFixed(2)} kB gzip`)
      return [{ name: 'formbricks_surveys_js_gzip_kb', value: kb, unit: 'kB gzip' }]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

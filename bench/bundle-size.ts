// member_js_gzip_kb / organizer_js_gzip_kb: the JavaScript a page makes the browser download
// before it can run, gzipped (level 9, each file on its own, as a server would send it), in kB
// (1,000 bytes, as Vite reports sizes). Counted: the page's <script src> and <link
// rel="modulepreload"> files and, transitively, the chunks those import statically, plus, for
// the member page, the token client and the log checks it always fetches on opening. Other
// chunks loaded by dynamic import() (lazily split-off pages) are not counted.
//
// Builds the front end first (`npm run build`) when dist/web is missing or older than web/.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rootDir, type Benchmark } from './harness'

const distDir = join(rootDir, 'dist/web')
const pages = [
  { name: 'member_js_gzip_kb', html: 'member.html' },
  { name: 'organizer_js_gzip_kb', html: 'index.html' },
]

function newestChange(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)))
  return newest
}

function buildIfNeeded(): void {
  const built = pages.map((p) => join(distDir, p.html))
  const sources = Math.max(
    newestChange(join(rootDir, 'web')),
    newestChange(join(rootDir, 'vite.config.ts')),
  )
  const stale = built.some((file) => !existsSync(file) || statSync(file).mtimeMs < sources)
  if (!stale) return
  console.log('  building the front end (npm run build)…')
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: rootDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`)
}

/** `src` / `href` values of the page's module scripts and modulepreload links. */
function entryUrls(html: string): string[] {
  const urls: string[] = []
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) =>
      tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1]
    if (/^<script/i.test(tag) && attr('src')) urls.push(attr('src')!)
    if (/^<link/i.test(tag) && attr('rel')?.split(/\s+/).includes('modulepreload') && attr('href'))
      urls.push(attr('href')!)
  }
  return urls
}

/** Static `import … from "x"`, `import "x"` and `export … from "x"` specifiers; not `import("x")`. */
function staticImports(code: string): string[] {
  const found: string[] = []
  const pattern = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g
  for (const match of code.matchAll(pattern)) found.push(match[1])
  return found
}

/** `import("x")` specifiers (lazily loaded chunks), quoted or in backticks. */
function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*[`"']([^`"'$]+)[`"']\s*\)/g)].map((m) => m[1])
}

const resolveFrom = (url: string, from: string) =>
  url.startsWith('/')
    ? posix.normalize(url.slice(1))
    : posix.normalize(posix.join(posix.dirname(from), url))

/**
 * Files under dist/web (paths relative to it) the page loads before it runs, and the chunks
 * those load lazily with import() (shown in the log, not counted).
 */
export function pageScripts(htmlFile: string): { files: string[]; lazy: string[] } {
  const html = readFileSync(join(distDir, htmlFile), 'utf8')
  const seen = new Set<string>()
  const visit = (url: string, from: string) => {
    if (/^(https?:)?\/\//.test(url) || !url.endsWith('.js')) return
    const path = resolveFrom(url, from)
    if (seen.has(path)) return
    const file = join(distDir, path)
    if (!existsSync(file)) throw new Error(`${htmlFile} loads ${url}, which is not in dist/web`)
    seen.add(path)
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) visit(specifier, path)
    }
  }
  for (const url of entryUrls(html)) visit(url, htmlFile)
  const lazy = new Set<string>()
  for (const path of seen) {
    for (const specifier of dynamicImports(readFileSync(join(distDir, path), 'utf8'))) {
      const target = resolveFrom(specifier, path)
      if (!seen.has(target) && existsSync(join(distDir, target))) lazy.add(target)
    }
  }
  return { files: [...seen], lazy: [...lazy] }
}

const gzipKb = (file: string) =>
  gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length / 1000

export const bundleSize: Benchmark = {
  name: 'bundle size',
  async run() {
    buildIfNeeded()
    return pages.map(({ name, html }) => {
      const { files, lazy } = pageScripts(html)
      if (files.length === 0) throw new Error(`${html} loads no JavaScript`)
      const list = (paths: string[]) => paths.map((f) => `${f} ${gzipKb(f).toFixed(2)}`).join(', ')
      // The member page fetches the token client and the log checks as soon as it opens (tokens
      // for every open pulse, once their checks pass), so answering a pulse always downloads
      // them: they count, though loaded by import().
      const always =
        html === 'member.html' ? lazy.filter((f) => /token-client|log-sync/.test(f)) : []
      const counted = [...files, ...always]
      const total = counted.reduce((sum, f) => sum + gzipKb(f), 0)
      console.log(`  ${html}: ${list(counted)} → ${total.toFixed(2)} kB gzip`)
      const rest = lazy.filter((f) => !always.includes(f))
      if (rest.length > 0) console.log(`    loaded later by import(), not counted: ${list(rest)}`)
      // The member page is compared with a competitor's survey renderer, measured just before.
      return html === 'member.html'
        ? { name, value: total, unit: 'kB gzip', relativeTo: 'formbricks_surveys_js_gzip_kb' }
        : { name, value: total, unit: 'kB gzip' }
    })
  },
}

// The house as docs/architecture.md draws it, checked on every import (type imports included):
// the privacy core and the reports stay pure, runtime adapters are reached only from the
// entries, the browser bundles take nothing of the server but types and the shared question
// rules, and no import circle exists anywhere in api/, web/ or schema/.
import { existsSync, readFileSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { posix } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const test = suite('architecture')

const root = posix.join(import.meta.dirname, '../..')
const files = execSync('git ls-files --cached --others --exclude-standard api web schema', {
  cwd: root,
  encoding: 'utf8',
})
  .trim()
  .split('\n')
  .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('/migrations/'))
  // Files deleted in the work tree but not yet from the index are gone.
  .filter((f) => existsSync(posix.join(root, f)))
const known = new Set(files)

interface Import {
  /** A file of the repository, or a package name (`drizzle-orm`, `node:fs`). */
  target: string
  typeOnly: boolean
}

/** Every import and re-export of a file, static or dynamic, resolved. */
function importsOf(file: string): Import[] {
  const source = readFileSync(posix.join(root, file), 'utf8')
  const found: Import[] = []
  const pattern =
    /\b(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
  for (const m of source.matchAll(pattern)) {
    const spec = m[3] ?? m[4]
    const typeOnly = Boolean(m[2])
    if (!spec.startsWith('.')) {
      found.push({ target: spec.startsWith('node:') ? spec : packageOf(spec), typeOnly })
      continue
    }
    const base = posix.normalize(posix.join(posix.dirname(file), spec))
    const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => known.has(c))
    if (target) found.push({ target, typeOnly })
  }
  return found
}

const packageOf = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
const graph = new Map(files.map((f) => [f, importsOf(f)]))

/** Everything `file` reaches through imports (type imports included). */
function closure(file: string): Set<string> {
  const seen = new Set<string>()
  const visit = (f: string) => {
    for (const { target } of graph.get(f) ?? []) {
      if (seen.has(target)) continue
      seen.add(target)
      if (known.has(target)) visit(target)
    }
  }
  visit(file)
  return seen
}

const inFolder = (file: string, ...folders: string[]) =>
  folders.some((d) => file.startsWith(`${d}/`))

const forbiddenPackages = [
  /^drizzle-orm$/,
  /^hono$/,
  /^@hono\//,
  /^@libsql\//,
  /^libsql$/,
  /^node:/,
  /^nodemailer$/,
  /^zod$/,
]
const forbiddenFile = (f: string) =>
  inFolder(
    f,
    'schema',
    'api/db',
    'api/http',
    'api/runtime',
    'api/routes',
    'api/auth',
    'api/pulses',
    'api/delivery',
  ) ||
  f === 'api/deps.ts' ||
  f === 'api/app.ts'
/** What `file` reaches that a pure module may not: the database, HTTP, a runtime, app code. */
const impurities = (file: string) =>
  [...closure(file)].filter((t) =>
    known.has(t) ? forbiddenFile(t) : forbiddenPackages.some((p) => p.test(t)),
  )

test('privacy/ and reports/ reach no database, HTTP, runtime or app code, even through others', () => {
  const problems = files
    .filter((f) => inFolder(f, 'api/privacy', 'api/reports'))
    .flatMap((file) => impurities(file).map((t) => `${file} reaches ${t}`))
  assert.equal(problems, [])
})

test('runtime/ is reached only from the entries and the demo program', () => {
  const allowed = (f: string) =>
    f === 'api/node.ts' || f === 'api/worker.ts' || inFolder(f, 'api/runtime', 'api/demo')
  const problems = files.flatMap((file) =>
    (graph.get(file) ?? [])
      .filter(({ target }) => inFolder(target, 'api/runtime') && !allowed(file))
      .map(({ target }) => `${file} imports ${target}`),
  )
  assert.equal(problems, [])
})

test('the browser takes of the server only types and pure modules (question rules, RSA, measures)', () => {
  const problems = files
    .filter((f) => inFolder(f, 'web'))
    .flatMap((file) =>
      (graph.get(file) ?? [])
        .filter(({ target, typeOnly }) => inFolder(target, 'api', 'schema') && !typeOnly)
        .flatMap(({ target }) => [
          ...(forbiddenFile(target) ? [`${file} imports ${target} at run time`] : []),
          ...impurities(target).map((t) => `${file} imports ${target}, which reaches ${t}`),
        ]),
    )
  assert.equal(problems, [])
})

test('no import circle in api/, web/ or schema/', () => {
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    path.push(file)
    for (const { target } of graph.get(file) ?? []) {
      if (!known.has(target)) continue
      if (state.get(target) === 'open')
        cycles.push([...path.slice(path.indexOf(target)), target].join(' → '))
      else if (!state.has(target)) visit(target)
    }
    path.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  assert.equal(cycles, [])
})

test('the checks see what they check: a pure file, its imports, and the whole tree', () => {
  assert.ok(files.length > 150, `${files.length} files`)
  assert.ok(closure('api/reports/released-view.ts').has('api/privacy/gate.ts'))
  assert.ok((graph.get('api/node.ts') ?? []).some((i) => i.target.startsWith('api/runtime/')))
})

test.run()

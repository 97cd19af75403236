import fc from 'fast-check'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  buildWorld,
  credentialsOf,
  identities,
  loginOf,
  tableCounts,
  type Who,
  type World,
} from '../../helpers/world'
import { matrix, requestOf } from '../../helpers/matrix'

// Property tests over every route's body, query and path: whatever arrives, the answer is a 4xx
// problem+json (or a success, when the input happens to be valid), never a 500, and a refused
// request writes nothing. FUZZ_SEED and FUZZ_RUNS reproduce or widen a run; fast-check prints
// the seed and the shrunk case of any failure.
const SEED = Number(process.env.FUZZ_SEED ?? 20260302)
const RUNS = Number(process.env.FUZZ_RUNS ?? 40)

const specialStrings = [
  '\uD800', // lone high surrogate
  'x\uDFFFy', // lone low surrogate
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C', // right-to-left override
  '\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627', // RTL text
  '👩‍👩‍👧‍👦', // emoji ZWJ sequence
  '\uFEFF',
  'e\u0301\u0301\u0301',
  "' OR '1'='1",
  "1'); DROP TABLE members; --",
  '" or ""="',
  "%' union select password_hash from organizers --",
  '\\',
  '../../etc/passwd',
  '=cmd|"/C calc"!A0',
  '@SUM(1+1)',
  '\t=1',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'null',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30T25:61:00Z',
]

const hostileString = fc.oneof(
  fc.constantFrom(...specialStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('x'.repeat(5_000), '€'.repeat(200_000)),
)

/** An object nested `depth` levels (`{"a":{"a":…}}`) or an array likewise. */
const nested = (depth: number, array: boolean): unknown => {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value }
  return value
}

const pollution = () =>
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53 + 1, [], {}, [[]], { '': '' }),
  fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([d, a]) => nested(d, a)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(null).map(pollution),
)

const malformed = [
  '{',
  '{"a":',
  "{'single': 'quotes'}",
  '{"a":1,}',
  'undefined',
  'NaN',
  '\u0000',
  '['.repeat(100_000),
  '{"a":"\uD800"', // unterminated
  '{"a":1}{"b":2}',
  '\uFEFF{"a":1}',
  '{"__proto__":',
]
const wrongTypes = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'image/png',
  'application/json-patch+xml',
]

interface Attempt {
  body?: string
  type?: string
}

/** Every path (keys and indices) inside a JSON value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return []
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as any)[k], [...prefix, k])])
}

/** A copy of `value` with the element at `path` replaced (a computed `__proto__` key stays an own property). */
function replaced(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next
  const [head, ...rest] = path
  const inner = value !== null && typeof value === 'object' ? (value as any)[head] : undefined
  if (Array.isArray(value))
    return value.map((v, i) => (i === head ? replaced(inner, rest, next) : v))
  return { ...(value as object), [head]: replaced(inner, rest, next) }
}

/** Hostile bodies built around a valid one: one element replaced, a whole hostile value, malformed JSON, a wrong type. */
function bodyCases(valid: unknown): fc.Arbitrary<Attempt> {
  const paths = [...pathsOf(valid), ['__proto__'], ['constructor'], ['unexpected']]
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), hostileValue)
        .map(([p, v]) => ({ body: JSON.stringify(replaced(valid, p, v)) })),
    },
    { weight: 2, arbitrary: hostileValue.map((v) => ({ body: JSON.stringify(v) })) },
    { weight: 1, arbitrary: fc.constantFrom(...malformed).map((body) => ({ body })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...wrongTypes)
        .map((type) => ({ body: JSON.stringify(valid ?? {}), type })),
    },
    { weight: 1, arbitrary: fc.constant({ body: 'x'.repeat(1024 * 1024 + 1) }) },
  )
}

/** A path segment as a client would send it; lone surrogates, which no encoder accepts, as raw bytes. */
function segment(s: string): string {
  try {
    return encodeURIComponent(s)
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80'
  }
}
const rawSegments = ['%', '%FF', '%ED%A0%80', '%00', '..%2F..', '%2e%2e', 'a%2Fb', '%C0%AF']
const hostileSegment = fc.oneof(hostileString.map(segment), fc.constantFrom(...rawSegments))

const queryKeys = ['by', 'questionId', 'limit', 'cursor', '__proto__', 'constructor']
const hostileQuery = fc
  .array(fc.tuple(fc.constantFrom(...queryKeys), hostileSegment), { minLength: 1, maxLength: 3 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

/** The identity for which the route would succeed, so validation is what stands in the way. */
const callerFor = (expect: Record<Who, number>): Who =>
  identities.findLast((i) => expect[i] < 300) ?? 'owner'

const test = suite<{ w: World; refused: number; accepted: number }>('hostile input')
test.before(async (ctx) => {
  ctx.w = await buildWorld()
  ctx.refused = 0
  ctx.accepted = 0
})

/** Sends one request and checks the answer; returns its status. */
async function send(
  w: World,
  who: Who,
  cookie: string | undefined,
  method: string,
  url: string,
  attempt: Attempt,
) {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  const { bearer } = credentialsOf(w, who)
  if (bearer) headers.authorization = `Bearer ${bearer}`
  if (attempt.body !== undefined) headers['content-type'] = attempt.type ?? 'application/json'
  const before = await tableCounts(w.t)
  const res = await w.t.app.request(url, { method, headers, body: attempt.body })
  const text = await res.text()
  const where = `${method} ${url.slice(0, 120)} body ${JSON.stringify(attempt.body?.slice(0, 120))} type ${attempt.type}`
  assert.ok(res.status < 500, `${where}: ${res.status} ${text.slice(0, 200)}`)
  if (res.status >= 400) {
    assert.is(res.headers.get('content-type'), 'application/problem+json', where)
    const problem = JSON.parse(text)
    assert.is(problem.status, res.status, where)
    assert.type(problem.title, 'string', where)
    assert.equal(
      await tableCounts(w.t),
      before,
      `${where} wrote although refused with ${res.status}`,
    )
  }
  return res.status
}

for (const [route, expect, row = {}] of matrix) {
  const [method] = route.split(' ')
  test(`${route}: hostile body, path and query never cause a 500 or a write`, async (ctx) => {
    const { w } = ctx
    const who = callerFor(expect)
    let cookie = credentialsOf(w, who).cookie
    const login = loginOf(w, who)
    if (row.ownSession && login) {
      const res = await w.t.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      })
      cookie = res.headers.get('set-cookie')!.split(';')[0]
    }
    // Fresh path parameters and a valid body once per route: refused requests leave them usable.
    const base = await requestOf(w, route, row, who)
    const count = (status: number) => (status >= 400 ? ctx.refused++ : ctx.accepted++)
    const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1])

    if (method !== 'GET') {
      await fc.assert(
        fc.asyncProperty(
          bodyCases(base.body),
          async (attempt) => void count(await send(w, who, cookie, method, base.path, attempt)),
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      )
    }
    if (params.length > 0) {
      const [, template] = route.split(' ')
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...params), hostileSegment, async (name, value) => {
          const url = base.path
            .split('?')[0]
            .replace(new RegExp(`[^/]+(?=${escapeAfter(template, name)})`), () => value)
          count(
            await send(
              w,
              who,
              cookie,
              method,
              url,
              base.body === undefined ? {} : { body: JSON.stringify(base.body) },
            ),
          )
        }),
        { seed: SEED, numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
      )
    }
    if (method === 'GET') {
      await fc.assert(
        fc.asyncProperty(
          hostileQuery,
          async (query) =>
            void count(
              await send(w, who, cookie, method, `${base.path.split('?')[0]}?${query}`, {}),
            ),
        ),
        { seed: SEED, numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
      )
    }
  })
}

const csvCell = fc.oneof(
  hostileString,
  fc.constantFrom('"', '""', '"a,b', 'a"b', '\r', '\n', ',', '=1+1', '-1', '@x', '\t=x'),
)
const hostileCsv = fc.oneof(
  // A header of email and hostile columns, then rows of hostile cells.
  fc
    .tuple(
      fc.array(csvCell, { maxLength: 4 }),
      fc.array(fc.array(csvCell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([columns, rows, eol]) =>
      [['email', ...columns], ...rows].map((r) => r.join(',')).join(eol),
    ),
  fc.constantFrom(
    '',
    '\uFEFF',
    'email',
    'email\n',
    '"email',
    'email,email\na@b.co,c@d.co',
    'email\n' + 'x@example.org,'.repeat(50_000),
    '\u0000\u0000',
  ),
)

test('member CSV import: hostile CSV is refused cleanly or stored as text, never a 500', async (ctx) => {
  const { w } = ctx
  const path = `/api/communities/${w.a.cid}/members`
  await fc.assert(
    fc.asyncProperty(hostileCsv, async (csv) => {
      const status = await send(w, 'organizer', w.a.organizer.cookie, 'POST', path, {
        body: csv,
        type: 'text/csv',
      })
      status >= 400 ? ctx.refused++ : ctx.accepted++
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  )
})

/** A lookahead for the part of the path that follows parameter `name` (so only that segment is replaced). */
function escapeAfter(template: string, name: string): string {
  const after = template.slice(template.indexOf(`:${name}`) + name.length + 1)
  const literal = after
    .replace(/:(\w+)/g, '\u0000')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\u0000/g, '[^/]+')
  return `${literal}$`
}

test('the fuzzing reached validation: most hostile requests were refused, some valid ones accepted', ({
  refused,
  accepted,
}) => {
  assert.ok(refused > 0, 'nothing was refused')
  assert.ok(accepted < refused, `${accepted} accepted, ${refused} refused`)
})

test('no prototype was polluted along the way', () => {
  assert.is(({} as any).polluted, undefined)
  assert.is((Object.prototype as any).polluted, undefined)
})

test.run()

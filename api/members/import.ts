import Papa from 'papaparse'

/**
 * One member to import: a lowercased email, the attribute values it has (no empty ones), and its
 * name: a string to set, `null` to clear, absent when the import carries no name for it (kept).
 */
export interface MemberRow {
  email: string
  attributes: Record<string, string>
  name?: string | null
}
export type ImportIssue = { path: string; message: string }
export type ImportResult = { ok: true; members: MemberRow[] } | { ok: false; errors: ImportIssue[] }

export const MAX_IMPORT_ROWS = 10_000
export const MAX_IMPORT_ERRORS = 100
const MAX_EMAIL = 254
const MAX_VALUE = 100

// Deliberately loose: one @, no whitespace, a dotted domain. Delivery is the real test.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

function emailProblem(email: string): string | undefined {
  if (email === '') return 'email is required'
  if (email.length > MAX_EMAIL) return `email is longer than ${MAX_EMAIL} characters`
  if (!emailPattern.test(email)) return `"${email}" is not a valid email address`
}

const valueProblem = (value: string) =>
  value.length > MAX_VALUE ? `value is longer than ${MAX_VALUE} characters` : undefined

/** The column (CSV) or field (JSON) holding a member's name, unless an attribute has that name. */
export const NAME_FIELD = 'name'

/** Problems found in one member, keyed by attribute name, `name` for the name, null for the email. */
type Issues = [field: string | null, message: string][]

/**
 * Checks one member against the shared rules and records its email in `seen` (email → where it
 * first appeared). `rawName` undefined means the import carries no name. Returns the clean row
 * only when there are no issues.
 */
function checkMember(
  rawEmail: unknown,
  values: [string, unknown][],
  seen: Map<string, string>,
  where: string,
  rawName?: unknown,
): { member?: MemberRow; issues: Issues } {
  const issues: Issues = []
  const email = typeof rawEmail === 'string' ? rawEmail.trim().toLowerCase() : ''
  const problem = emailProblem(email) ?? (seen.has(email) ? `duplicate of ${seen.get(email)}` : '')
  if (problem) issues.push([null, problem])
  else seen.set(email, where)
  const name = typeof rawName === 'string' ? rawName.trim() : rawName
  if (name !== undefined && typeof name !== 'string') issues.push([NAME_FIELD, 'must be a string'])
  else if (name !== undefined && valueProblem(name)) issues.push([NAME_FIELD, valueProblem(name)!])
  const entries: [string, string][] = []
  for (const [name, raw] of values) {
    const value = typeof raw === 'string' ? raw.trim() : ''
    const problem = typeof raw !== 'string' ? 'value must be a string' : valueProblem(value)
    if (problem) issues.push([name, problem])
    else if (value !== '') entries.push([name, value])
  }
  if (issues.length) return { issues }
  const member: MemberRow = { email, attributes: Object.fromEntries(entries) }
  if (typeof name === 'string') member.name = name === '' ? null : name
  return { member, issues }
}

/** Gathers issues up to the cap. */
function collector() {
  const errors: ImportIssue[] = []
  const add = (path: string, message: string) => {
    if (errors.length < MAX_IMPORT_ERRORS) errors.push({ path, message })
  }
  return { errors, add, full: () => errors.length >= MAX_IMPORT_ERRORS }
}

const result = (errors: ImportIssue[], members: MemberRow[]): ImportResult =>
  errors.length ? { ok: false, errors } : { ok: true, members }

/**
 * Validates a JSON import body. Never throws; on failure reports every issue (up to 100) at
 * `members.N.email` / `members.N.name` / `members.N.attributes.<name>` (N 0-based). On success
 * emails are trimmed, lowercased and unique, attributes hold only known names with non-empty
 * trimmed values, and a given `name` is trimmed (empty: `null`, to clear it).
 */
export function validateMemberRows(
  rows: { email: string; name?: string; attributes?: Record<string, string> }[],
  attributes: string[],
): ImportResult {
  const fail = (message: string) => result([{ path: 'members', message }], [])
  if (!Array.isArray(rows)) return fail('must be an array')
  if (rows.length > MAX_IMPORT_ROWS) return fail(`at most ${MAX_IMPORT_ROWS} members per import`)
  const { errors, add, full } = collector()
  const known = new Set(attributes)
  const seen = new Map<string, string>()
  const members: MemberRow[] = []
  for (const [i, row] of rows.entries()) {
    if (full()) break
    const at = `members.${i}`
    const attrs: unknown = row?.attributes ?? {}
    if (typeof row !== 'object' || row === null) add(at, 'must be an object')
    else if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) {
      add(`${at}.attributes`, 'must be an object')
    } else {
      const values = Object.entries(attrs).filter(([name]) => known.has(name))
      for (const [name] of Object.entries(attrs)) {
        if (!known.has(name)) add(`${at}.attributes.${name}`, `unknown attribute "${name}"`)
      }
      const { member, issues } = checkMember(row.email, values, seen, at, row.name)
      for (const [field, message] of issues) {
        const path = field === null ? 'email' : field === NAME_FIELD ? field : `attributes.${field}`
        add(`${at}.${path}`, message)
      }
      if (member) members.push(member)
    }
  }
  return result(errors, members)
}

/**
 * Reads the header: one `email` column anywhere, an optional `name` column (any case; an
 * attribute of that exact name takes the column instead), every other column a known attribute.
 */
function readHeader(
  fields: string[],
  attributes: string[],
): { emailAt: number; nameAt: number; errors: string[] } {
  const names = fields.map((f) => f.trim())
  const isEmail = (n: string) => n.toLowerCase() === 'email'
  const isName = (n: string) => n.toLowerCase() === NAME_FIELD && !attributes.includes(n)
  const others = names.filter((n) => !isEmail(n))
  const list = (ns: string[]) => [...new Set(ns)].map((n) => `"${n}"`).join(', ')
  const unknown = others.filter((n) => n !== '' && !isName(n) && !attributes.includes(n))
  const repeated = others.filter(
    (n, i) => n !== '' && others.findIndex((o) => o === n || (isName(o) && isName(n))) !== i,
  )
  const errors: string[] = []
  if (others.length === names.length) errors.push('the header needs an "email" column')
  if (others.length < names.length - 1) errors.push('the "email" column appears more than once')
  if (others.includes('')) errors.push('every column needs a name')
  if (unknown.length) {
    const known = attributes.length ? attributes.join(', ') : 'none'
    errors.push(
      `unknown column(s) ${list(unknown)}; besides "email" and "name", this community's attributes are: ${known}`,
    )
  }
  if (repeated.length) errors.push(`duplicate column(s) ${list(repeated)}`)
  return { emailAt: names.findIndex(isEmail), nameAt: names.findIndex(isName), errors }
}

/**
 * The delimiter the header line uses: a semicolon (what Excel writes in locales whose decimal
 * mark is a comma) or a tab when either occurs more often outside quotes than a comma, else a comma.
 */
export function delimiterOf(input: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of input) {
    if (ch === '\n' && !quoted) break
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++
  }
  const best = counts[';'] >= counts['\t'] ? ';' : '\t'
  return counts[best] > counts[','] ? best : ','
}

const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '')

/**
 * Parses a member CSV (comma, semicolon or tab separated as the header line shows, RFC 4180
 * quoting, optional BOM, LF / CRLF / CR line ends). Line 1 is the header: an `email` column (any
 * position, any case), an optional `name` column and columns named exactly like the community's
 * attributes. Blank lines are skipped. Never throws; on failure reports every
 * issue (up to 100) at `line.N`, N the physical line where the record starts (header = 1). On
 * success the rows follow the same rules as `validateMemberRows`.
 */
export function parseMemberCsv(text: string, attributes: string[]): ImportResult {
  const first = (message: string) => result([{ path: 'line.1', message }], [])
  if (typeof text !== 'string') return first('expected CSV text')
  // With one kind of line end, a record's physical line is a plain count of the '\n' before it.
  const input = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (input.trim() === '') return first('the file is empty; expected a header such as "email,team"')
  const { errors, add, full } = collector()
  const seen = new Map<string, string>()
  const members: MemberRow[] = []
  let header: { names: string[]; emailAt: number; nameAt: number } | undefined
  let [start, counted, line, rows] = [0, 0, 1, 0]
  Papa.parse<string[]>(input, {
    delimiter: delimiterOf(input),
    newline: '\n',
    quoteChar: '"',
    step: ({ data: fields, errors: quoteErrors, meta }, parser) => {
      for (; counted < start; counted++) if (input.charCodeAt(counted) === 10) line++
      start = meta.cursor
      const at = `line.${line}`
      if (!header) {
        const read = isBlank(fields)
          ? {
              emailAt: -1,
              nameAt: -1,
              errors: ['the first line must be the header, such as "email,team"'],
            }
          : readHeader(fields, attributes)
        read.errors.forEach((message) => add(at, message))
        header = { names: fields.map((f) => f.trim()), emailAt: read.emailAt, nameAt: read.nameAt }
        return read.errors.length ? parser.abort() : undefined
      }
      if (!quoteErrors.length && isBlank(fields)) return
      if (++rows > MAX_IMPORT_ROWS) {
        add(at, `too many rows: at most ${MAX_IMPORT_ROWS} members per import`)
        return parser.abort()
      }
      if (quoteErrors.length) {
        const unclosed = quoteErrors.some((e) => e.code === 'MissingQuotes')
        add(at, unclosed ? 'a quoted field is never closed' : 'malformed quotes in a field')
      } else if (fields.length !== header.names.length) {
        add(at, `expected ${header.names.length} fields, found ${fields.length}`)
      } else {
        const { names, emailAt, nameAt } = header
        const values = fields.flatMap((v, i): [string, unknown][] =>
          i === emailAt || i === nameAt ? [] : [[names[i], v]],
        )
        const name = nameAt < 0 ? undefined : fields[nameAt]
        const { member, issues } = checkMember(fields[emailAt], values, seen, `line ${line}`, name)
        issues.forEach(([field, message]) => add(at, field ? `${field}: ${message}` : message))
        if (member) members.push(member)
      }
      if (full()) parser.abort()
    },
  })
  return result(errors, members)
}

import Papa from 'papaparse'

/** One member to import: a lowercased email and the attribute values it has (no empty ones). */
export interface MemberRow {
  email: string
  attributes: Record<string, string>
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

/** Problems found in one member, keyed by attribute name, or null for the email. */
type Issues = [field: string | null, message: string][]

/**
 * Checks one member against the shared rules and records its email in `seen` (email → where it
 * first appeared). Returns the clean row only when there are no issues.
 */
function checkMember(
  rawEmail: unknown,
  values: [string, unknown][],
  seen: Map<string, string>,
  where: string,
): { member?: MemberRow; issues: Issues } {
  const issues: Issues = []
  const email = typeof rawEmail === 'string' ? rawEmail.trim().toLowerCase() : ''
  const problem = emailProblem(email) ?? (seen.has(email) ? `duplicate of ${seen.get(email)}` : '')
  if (problem) issues.push([null, problem])
  else seen.set(email, where)
  const entries: [string, string][] = []
  for (const [name, raw] of values) {
    const value = typeof raw === 'string' ? raw.trim() : ''
    const problem = typeof raw !== 'string' ? 'value must be a string' : valueProblem(value)
    if (problem) issues.push([name, problem])
    else if (value !== '') entries.push([name, value])
  }
  if (issues.length) return { issues }
  return { member: { email, attributes: Object.fromEntries(entries) }, issues }
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
 * `members.N.email` / `members.N.attributes.<name>` (N 0-based). On success emails are trimmed,
 * lowercased and unique, and attributes hold only known names with non-empty trimmed values.
 */
export function validateMemberRows(
  rows: { email: string; attributes?: Record<string, string> }[],
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
      const { member, issues } = checkMember(row.email, values, seen, at)
      for (const [field, message] of issues) {
        add(field === null ? `${at}.email` : `${at}.attributes.${field}`, message)
      }
      if (member) members.push(member)
    }
  }
  return result(errors, members)
}

/** Reads the header: one `email` column anywhere, every other column a known attribute. */
function readHeader(fields: string[], attributes: string[]): { emailAt: number; errors: string[] } {
  const names = fields.map((f) => f.trim())
  const isEmail = (n: string) => n.toLowerCase() === 'email'
  const others = names.filter((n) => !isEmail(n))
  const list = (ns: string[]) => [...new Set(ns)].map((n) => `"${n}"`).join(', ')
  const unknown = others.filter((n) => n !== '' && !attributes.includes(n))
  const repeated = others.filter((n, i) => n !== '' && others.indexOf(n) !== i)
  const errors: string[] = []
  if (others.length === names.length) errors.push('the header needs an "email" column')
  if (others.length < names.length - 1) errors.push('the "email" column appears more than once')
  if (others.includes('')) errors.push('every column needs a name')
  if (unknown.length) {
    const known = attributes.length ? attributes.join(', ') : 'none'
    errors.push(`unknown column(s) ${list(unknown)}; this community's attributes are: ${known}`)
  }
  if (repeated.length) errors.push(`duplicate column(s) ${list(repeated)}`)
  return { emailAt: names.findIndex(isEmail), errors }
}

const isBlank = (fields: string[]) => fields.every((f) => f.trim() === '')

/**
 * Parses a member CSV (comma separated, RFC 4180 quoting, optional BOM, LF / CRLF / CR line ends).
 * Line 1 is the header: an `email` column (any position, any case) and columns named exactly
 * like the community's attributes. Blank lines are skipped. Never throws; on failure reports every
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
  let header: { names: string[]; emailAt: number } | undefined
  let [start, counted, line, rows] = [0, 0, 1, 0]
  Papa.parse<string[]>(input, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    step: ({ data: fields, errors: quoteErrors, meta }, parser) => {
      for (; counted < start; counted++) if (input.charCodeAt(counted) === 10) line++
      start = meta.cursor
      const at = `line.${line}`
      if (!header) {
        const read = isBlank(fields)
          ? { emailAt: -1, errors: ['the first line must be the header, such as "email,team"'] }
          : readHeader(fields, attributes)
        read.errors.forEach((message) => add(at, message))
        header = { names: fields.map((f) => f.trim()), emailAt: read.emailAt }
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
        const { names, emailAt } = header
        const values = fields.map((v, i): [string, unknown] => [names[i], v])
        values.splice(emailAt, 1)
        const { member, issues } = checkMember(fields[emailAt], values, seen, `line ${line}`)
        issues.forEach(([field, message]) => add(at, field ? `${field}: ${message}` : message))
        if (member) members.push(member)
      }
      if (full()) parser.abort()
    },
  })
  return result(errors, members)
}

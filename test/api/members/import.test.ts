import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  delimiterOf,
  MAX_IMPORT_ROWS,
  parseMemberCsv,
  validateMemberRows,
} from '../../../api/members/import'
import type { ImportResult, MemberRow } from '../../../api/members/import'

const attrs = ['team', 'role']
const members = (r: ImportResult): MemberRow[] => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`)
  return r.members
}
const paths = (r: ImportResult) => (r.ok ? [] : r.errors.map((e) => e.path))

const csv = suite('parseMemberCsv')

csv('reads quoted fields holding commas, doubled quotes and newlines', () => {
  const text = 'email,team,role\na@x.org,"Ops, Berlin","the ""lead""\nand chair"\n'
  assert.equal(members(parseMemberCsv(text, attrs)), [
    { email: 'a@x.org', attributes: { team: 'Ops, Berlin', role: 'the "lead"\nand chair' } },
  ])
})

csv('ignores a byte order mark and accepts CRLF line ends', () => {
  const text = '\uFEFFemail,team\r\nA@X.org,ops\r\nb@x.org,dev\r\n'
  assert.equal(
    members(parseMemberCsv(text, attrs)).map((m) => m.email),
    ['a@x.org', 'b@x.org'],
  )
})

csv('trims and lowercases emails, trims values and omits empty ones', () => {
  const text = 'email,team,role\n  Mixed.Case@Example.ORG ,  ops , \n'
  assert.equal(members(parseMemberCsv(text, attrs)), [
    { email: 'mixed.case@example.org', attributes: { team: 'ops' } },
  ])
})

csv('finds the email column in any position and any case', () => {
  const text = 'team, EMAIL \nops,a@x.org\n'
  assert.equal(members(parseMemberCsv(text, attrs)), [
    { email: 'a@x.org', attributes: { team: 'ops' } },
  ])
})

csv('reports unknown columns on line 1, naming them', () => {
  const r = parseMemberCsv('email,team,salary,age\na@x.org,ops,1,2\n', attrs)
  assert.equal(paths(r), ['line.1'])
  assert.ok(!r.ok && r.errors[0].message.includes('"salary", "age"'))
})

csv('reports a missing email column, duplicate and unnamed columns on line 1', () => {
  assert.equal(paths(parseMemberCsv('team\nops\n', attrs)), ['line.1'])
  assert.equal(paths(parseMemberCsv('email,team,team\n', attrs)), ['line.1'])
  assert.equal(paths(parseMemberCsv('email,Email\n', attrs)), ['line.1'])
  assert.equal(paths(parseMemberCsv('email,team,\n', attrs)), ['line.1'])
})

csv('reports an invalid email at the physical line of its record', () => {
  const r = parseMemberCsv('email,team\na@x.org,ops\nb@x.org,dev\nnot-an-email,ops\n', attrs)
  assert.equal(paths(r), ['line.4'])
})

csv('counts the lines a multi-line quoted field spans when numbering later records', () => {
  const text = 'email,team\r\na@x.org,"one\r\ntwo\nthree"\r\nbad@,ops\n"also\nbad",ops\nworse,ops'
  assert.equal(paths(parseMemberCsv(text, attrs)), ['line.5', 'line.6', 'line.8'])
})

csv('skips blank lines, including rows of empty fields, but keeps line numbers', () => {
  const text = 'email,team\n\na@x.org,ops\n   \n,\nnope,ops\n\n'
  const r = parseMemberCsv(text, attrs)
  assert.equal(paths(r), ['line.6'])
  assert.equal(members(parseMemberCsv('email,team\n\na@x.org,ops\n\n', attrs)).length, 1)
})

csv('reports a duplicate email on its second occurrence, ignoring case', () => {
  const r = parseMemberCsv('email\na@x.org\nb@x.org\nA@X.ORG\n', attrs)
  assert.equal(paths(r), ['line.4'])
  assert.ok(!r.ok && r.errors[0].message.includes('line 2'))
})

csv('reports rows with too many or too few fields', () => {
  const r = parseMemberCsv('email,team\na@x.org,ops,extra\nb@x.org\n', attrs)
  assert.equal(paths(r), ['line.2', 'line.3'])
})

csv('reports an unterminated quoted field at the line where it starts', () => {
  assert.equal(paths(parseMemberCsv('email,team\na@x.org,ops\nb@x.org,"open\n', attrs)), ['line.3'])
})

csv('rejects an empty file and a blank first line; a header alone imports nothing', () => {
  assert.equal(paths(parseMemberCsv('', attrs)), ['line.1'])
  assert.equal(paths(parseMemberCsv('\uFEFF \r\n', attrs)), ['line.1'])
  assert.equal(paths(parseMemberCsv('\nemail\na@x.org\n', attrs)), ['line.1'])
  assert.equal(members(parseMemberCsv('email,team\r\n', attrs)), [])
})

csv('keeps formula-looking values verbatim (escaping belongs to export)', () => {
  const text = 'email,team,role\na@x.org,=HYPERLINK("x"),"+1, @sum"\n'
  assert.equal(members(parseMemberCsv(text, attrs))[0].attributes, {
    team: '=HYPERLINK("x")',
    role: '+1, @sum',
  })
})

csv('rejects over-long values and emails', () => {
  const long = `${'a'.repeat(250)}@x.org`
  const r = parseMemberCsv(`email,team\n${long},ops\nb@x.org,${'v'.repeat(101)}\n`, attrs)
  assert.equal(paths(r), ['line.2', 'line.3'])
  assert.ok(!r.ok && r.errors[1].message.startsWith('team:'))
})

csv('caps rows at the import limit and errors stop at 100', () => {
  const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `m${i}@x.org`)
  assert.equal(paths(parseMemberCsv(['email', ...rows].join('\n'), attrs)), [
    `line.${MAX_IMPORT_ROWS + 2}`,
  ])
  assert.equal(
    members(parseMemberCsv(['email', ...rows.slice(1)].join('\n'), attrs)).length,
    MAX_IMPORT_ROWS,
  )
  const bad = Array.from({ length: 500 }, () => 'nope')
  assert.equal(paths(parseMemberCsv(['email', ...bad].join('\n'), attrs)).length, 100)
})

csv('reads a name column in any case and position; an empty cell clears, no column keeps', () => {
  assert.equal(
    members(parseMemberCsv('NAME,email,team\n Ana Lopez ,a@x.org,ops\n,b@x.org,\n', attrs)),
    [
      { email: 'a@x.org', name: 'Ana Lopez', attributes: { team: 'ops' } },
      { email: 'b@x.org', name: null, attributes: {} },
    ],
  )
  assert.not.ok('name' in members(parseMemberCsv('email\na@x.org\n', attrs))[0])
})

csv('a community attribute called name takes the column', () => {
  assert.equal(members(parseMemberCsv('email,name\na@x.org,Ops\n', ['name'])), [
    { email: 'a@x.org', attributes: { name: 'Ops' } },
  ])
})

csv('reports a repeated or over-long name', () => {
  assert.equal(paths(parseMemberCsv('email,name,Name\na@x.org,A,B\n', attrs)), ['line.1'])
  const r = parseMemberCsv(`email,name\na@x.org,${'n'.repeat(101)}\n`, attrs)
  assert.equal(paths(r), ['line.2'])
  assert.ok(!r.ok && r.errors[0].message.startsWith('name:'))
})

csv(
  'detects semicolons and tabs from the header line, as spreadsheets in many locales save',
  () => {
    assert.is(delimiterOf('email;team;role\r\na@x.org;"1,5";x'), ';')
    assert.is(delimiterOf('email\tteam\na@x.org\tx'), '\t')
    assert.is(delimiterOf('email,team\na@x.org;b;c;d'), ',')
    assert.is(delimiterOf('"team; site",email\n'), ',')
    assert.is(delimiterOf('email\na;b'), ',')
    // Excel with a German locale: BOM, semicolons, CRLF, commas inside values unquoted.
    const excel = '\uFEFFEmail;Name;team\r\nJ.Weiss@X.org;"Weiß; Jürgen";Lager, Nord\r\n;;\r\n'
    assert.equal(members(parseMemberCsv(excel, attrs)), [
      { email: 'j.weiss@x.org', name: 'Weiß; Jürgen', attributes: { team: 'Lager, Nord' } },
    ])
  },
)

csv.run()

const json = suite('validateMemberRows')

json('lowercases emails and drops empty attribute values', () => {
  const r = validateMemberRows(
    [{ email: ' A@X.org ', attributes: { team: ' ops ', role: '' } }],
    attrs,
  )
  assert.equal(members(r), [{ email: 'a@x.org', attributes: { team: 'ops' } }])
})

json('reports issues at members.N paths with 0-based indexes', () => {
  const r = validateMemberRows(
    [
      { email: 'a@x.org', attributes: { team: 'ops', salary: '1' } },
      { email: 'bad' },
      { email: 'A@x.org', attributes: { role: 'r'.repeat(101) } },
    ],
    attrs,
  )
  assert.equal(paths(r), [
    'members.0.attributes.salary',
    'members.1.email',
    'members.2.email',
    'members.2.attributes.role',
  ])
  assert.ok(!r.ok && r.errors[2].message.includes('members.0'))
})

json('never throws on malformed rows', () => {
  const rows = [null, { email: 5 }, { email: 'a@x.org', attributes: [] }] as never[]
  assert.equal(paths(validateMemberRows(rows, attrs)), [
    'members.0',
    'members.1.email',
    'members.2.attributes',
  ])
  assert.equal(paths(validateMemberRows('x' as never, attrs)), ['members'])
})

json('accepts an empty list and refuses more than the import limit', () => {
  assert.equal(members(validateMemberRows([], attrs)), [])
  const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ email: `m${i}@x.org` }))
  assert.equal(paths(validateMemberRows(many, attrs)), ['members'])
})

json('takes a name: trimmed, empty to clear, absent to keep; over-long at members.N.name', () => {
  const r = validateMemberRows(
    [{ email: 'a@x.org', name: ' Ana ' }, { email: 'b@x.org', name: '' }, { email: 'c@x.org' }],
    attrs,
  )
  assert.equal(members(r), [
    { email: 'a@x.org', name: 'Ana', attributes: {} },
    { email: 'b@x.org', name: null, attributes: {} },
    { email: 'c@x.org', attributes: {} },
  ])
  const long = validateMemberRows([{ email: 'a@x.org', name: 'n'.repeat(101) }], attrs)
  assert.equal(paths(long), ['members.0.name'])
  const odd = validateMemberRows([{ email: 'a@x.org', name: 5 as never }], attrs)
  assert.equal(paths(odd), ['members.0.name'])
})

json.run()

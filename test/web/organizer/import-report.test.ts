import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as r from '../../../web/organizer/models/import-report'

const errors = suite('import errors')

errors('numbers CSV lines as the server does and sorts them in file order', () => {
  const lines = r.formatImportErrors([
    { path: 'line.12', message: 'invalid email' },
    { path: 'line.7.team', message: 'unknown column value' },
    { path: 'line.1', message: 'unknown column "office"' },
  ])
  assert.equal(lines, [
    'line 1: unknown column "office"',
    'line 7, team: unknown column value',
    'line 12: invalid email',
  ])
})

errors('numbers JSON members from one and keeps other paths readable', () => {
  const lines = r.formatImportErrors([
    { path: 'members.0.email', message: 'invalid email' },
    { path: '', message: 'empty file' },
  ])
  assert.equal(lines, ['empty file', 'member 1, email: invalid email'])
})

errors.run()

const links = suite('invite links')

const members = [
  { id: '1', email: 'ana@example.org', attributes: {}, inviteUrl: 'https://x.test/join#AAA' },
  { id: '2', email: 'bo@example.org', attributes: {} },
  { id: '3', email: 'c,d@example.org', attributes: {}, inviteUrl: 'https://x.test/join#BBB' },
]

links('keeps only members that got a fresh link', () => {
  assert.equal(
    r.invitesOf(members).map((i) => i.email),
    ['ana@example.org', 'c,d@example.org'],
  )
})

links('writes CSV with a header, quoting where needed', () => {
  assert.is(
    r.invitesAsCsv(r.invitesOf(members)),
    'email,invite_url\r\nana@example.org,https://x.test/join#AAA\r\n"c,d@example.org",https://x.test/join#BBB\r\n',
  )
})

links('neutralises cells a spreadsheet would run as a formula', () => {
  assert.is(r.csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`)
  assert.is(r.csvField('-1'), "'-1")
  assert.is(r.csvField('plain'), 'plain')
})

links('writes plain text one member per line', () => {
  assert.is(
    r.invitesAsText(r.invitesOf(members)),
    'ana@example.org: https://x.test/join#AAA\nc,d@example.org: https://x.test/join#BBB',
  )
})

links('summarises counts in words', () => {
  assert.is(r.importSummary(3, 1, 3), '3 added, 1 updated; 3 new invite links.')
  assert.is(r.importSummary(0, 2, 1), '0 added, 2 updated; 1 new invite link.')
})

links('names the expected header and file sizes', () => {
  assert.is(r.expectedHeader(['team', 'role']), 'email,team,role')
  assert.is(r.expectedHeader([]), 'email')
  assert.is(r.fileSize(500), '500 bytes')
  assert.is(r.fileSize(2048), '2 KB')
  assert.is(r.fileSize(3 * 1024 * 1024), '3.0 MB')
})

links.run()

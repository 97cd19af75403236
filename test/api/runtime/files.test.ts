// "Deleted" at the level of the database files (DESIGN.md 7): after a pulse closes, nothing of its
// raw answers, of comments that may never be shown, of the unredacted originals of kept ones, of
// its spent tokens or issuance rows is left in the main file, the WAL or free pages — while the
// real Node server runs, and after a clean stop. The test greps the files' bytes, as anyone
// holding a copy of them would.
import { existsSync, readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  finalizeToken,
  memberKey,
  prepareToken,
  responseBody,
} from '../../../web/member/token-client'
import Database from 'libsql'
import type { AppDeps } from '../../../api/deps'
import { databaseFiles, openDatabase } from '../../../api/runtime/node-db'
import { upgradeDatabase } from '../../../api/db/upgrade'
import { HttpClient, serverHome, type NodeServer, type ServerHome } from '../../helpers/node-server'

const test = suite<{ home: ServerHome; server: NodeServer }>('storage: nothing left behind')
test.before.each((ctx) => {
  ctx.home = serverHome()
})
test.after.each(async (ctx) => {
  await ctx.server?.stop()
  ctx.home.remove()
})

const marker = Math.random().toString(36).slice(2, 10)
/** Text unique to this run, so a hit can only be what this test wrote. */
const secretText = (what: string, i: number) => `zq${marker}-${what}-${i}`

/** The bytes of the database's main file, WAL and shared-memory index, whichever exist. */
function files(home: ServerHome): { name: string; bytes: Buffer }[] {
  return ['', '-wal', '-shm']
    .map((suffix) => home.databaseFile + suffix)
    .filter((path) => existsSync(path))
    .map((path) => ({
      name: path.slice(home.databaseFile.length) || 'main',
      bytes: readFileSync(path),
    }))
}

/** Which of `needles` occur anywhere in the files, as UTF-8 bytes. */
function found(home: ServerHome, needles: string[]): string[] {
  const all = files(home)
  return needles.filter((needle) => all.some((f) => f.bytes.includes(Buffer.from(needle, 'utf8'))))
}

/**
 * An owner, a community (k = 5, k_text = `kText`), `n` joined members answering a choice question
 * whose chosen option is this run's own text and a comment each; returns what must vanish at close.
 */
async function answeredPulse(server: NodeServer, home: ServerHome, n: number, kText: number) {
  const owner = new HttpClient(server.url)
  await owner.expect(201, 'POST', '/api/setup', {
    email: 'owner@example.org',
    password: 'correct horse battery',
  })
  const community = await owner.expect(201, 'POST', '/api/communities', {
    name: 'Riverside',
    minCommentGroupSize: kText,
  })
  const emails = Array.from({ length: n }, (_, i) => ({
    email: `member${i}.${marker}@example.org`,
  }))
  const imported = (
    await owner.expect(201, 'POST', `/api/communities/${community.id}/members`, { members: emails })
  ).members
  const keys: string[] = []
  for (const m of imported) {
    const key = memberKey()
    await new HttpClient(server.url).expect(200, 'POST', '/api/join', {
      inviteKey: m.inviteUrl.split('#')[1],
      memberKey: key,
    })
    keys.push(key)
  }
  const options = Array.from({ length: n }, (_, i) => secretText('option', i))
  const questions = [
    { kind: 'choice', prompt: 'Which one?', options },
    { kind: 'text', prompt: 'Anything else?' },
  ]
  const survey = await owner.expect(201, 'POST', `/api/communities/${community.id}/surveys`, {
    title: 'Check-in',
    questions,
  })
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
  const pulse = await owner.expect(201, 'POST', `/api/surveys/${survey.id}/pulses`, { closesAt })
  const tokens: Uint8Array[] = []
  const comments: string[] = []
  for (const [i, key] of keys.entries()) {
    const member = new HttpClient(server.url)
    const auth = { authorization: `Bearer ${key}` }
    const mine = (await member.expect(200, 'GET', '/api/me/pulses', undefined, auth)).find(
      (p: any) => p.pulse.id === pulse.id,
    )
    const prepared = await prepareToken(mine.key.publicKey)
    const issued = await member.expect(
      200,
      'POST',
      `/api/pulses/${pulse.id}/tokens`,
      { blindedMsg: prepared.blindedMsg },
      auth,
    )
    const signed = await finalizeToken(prepared, mine.key.publicKey, issued.blindSig)
    // A comment naming another member by email: a kept comment must lose the address, and its
    // original (with the address) must not stay behind in the file.
    const comment = `${secretText('comment', i)} ask member${(i + 1) % n}.${marker}@example.org`
    comments.push(comment)
    const answers = [
      { questionId: survey.questions[0].id, value: options[i] },
      { questionId: survey.questions[1].id, value: comment },
    ]
    await new HttpClient(server.url).expect(
      201,
      'POST',
      `/api/pulses/${pulse.id}/responses`,
      responseBody(issued.keyId, signed, answers),
    )
    tokens.push(Uint8Array.from(Buffer.from(signed.token, 'base64url')))
  }
  // A raw answer is stored as JSON text inside the response's JSON: the option with escaped quotes.
  const rawAnswers = options.map((o) => `\\"${o}\\"`)
  return { owner, pulse, survey, comments, rawAnswers, tokens }
}

test('a pulse below k_text: every comment and raw answer is gone from the files after close and after a clean stop', async (ctx) => {
  const { home } = ctx
  ctx.server = await home.start()
  const { owner, pulse, comments, rawAnswers } = await answeredPulse(ctx.server, home, 6, 10)
  // While open, the files hold them: the scan sees what it looks for.
  assert.ok(found(home, rawAnswers).length > 0, 'raw answers are on disk while the pulse is open')
  assert.ok(
    found(
      home,
      comments.map((c) => c.split(' ')[0]),
    ).length >= 5,
    'comments of ≥ k responses are on disk',
  )

  await owner.expect(200, 'POST', `/api/pulses/${pulse.id}/close`)
  assert.equal(found(home, rawAnswers), [], 'raw answers after close, server running')
  assert.equal(
    found(
      home,
      comments.map((c) => c.split(' ')[0]),
    ),
    [],
    'comments below k_text after close, server running',
  )

  await ctx.server.stop()
  assert.equal(
    found(home, [...rawAnswers, ...comments.map((c) => c.split(' ')[0])]),
    [],
    'after a clean stop',
  )
  assert.ok(
    !existsSync(home.databaseFile + '-wal') ||
      readFileSync(home.databaseFile + '-wal').length === 0,
    'the WAL is empty after a clean stop',
  )
})

test('kept comments: only their redacted copies remain, never the originals, nor raw answers or tokens', async (ctx) => {
  const { home } = ctx
  ctx.server = await home.start()
  const { owner, pulse, survey, comments, rawAnswers, tokens } = await answeredPulse(
    ctx.server,
    home,
    10,
    10,
  )
  await owner.expect(200, 'POST', `/api/pulses/${pulse.id}/close`)
  const shown = await owner.expect(
    200,
    'GET',
    `/api/pulses/${pulse.id}/comments?questionId=${survey.questions[1].id}`,
  )
  assert.is(shown.comments.length, 10)
  assert.ok(
    shown.comments.every((c: string) => !c.includes('@example.org')),
    'emails are redacted',
  )
  // Members' emails are in the members table, so look for the originals whole: only an
  // unredacted original holds its text followed by the address.
  const originals = comments
  // Tokens never reach the database in the clear (spent tokens are keyed hashes, deleted at close).
  const tokenTraces = tokens.map((t) => Buffer.from(t).toString('base64url').slice(0, 24))
  const check = () => {
    assert.equal(found(home, rawAnswers), [], 'raw answers')
    assert.equal(found(home, originals), [], 'unredacted originals of kept comments')
    assert.equal(found(home, tokenTraces), [], 'tokens')
  }
  check()
  await ctx.server.stop()
  check()
  // The scan sees what is there: the kept, redacted copies.
  assert.equal(found(home, shown.comments), shown.comments, 'the redacted copies are on disk')
})

test('the upgrade rewrites a file an older version wrote: rows it deleted leave the free pages, once', async ({
  home,
}) => {
  // An older version: no secure delete, deletions left in free pages and the WAL.
  const older = new Database(home.databaseFile)
  older.pragma('journal_mode = WAL')
  older.exec('create table leftovers (id integer primary key, text text)')
  const needles = Array.from({ length: 200 }, (_, i) => secretText('deleted', i))
  const insert = older.prepare('insert into leftovers (text) values (?)')
  for (const needle of needles) insert.run(needle.padEnd(400, '.'))
  older.exec('delete from leftovers')
  older.pragma('wal_checkpoint(PASSIVE)')
  older.close()
  assert.ok(found(home, needles).length > 100, 'the older file still holds deleted rows')

  const url = `file:${home.databaseFile}`
  const db = await openDatabase(url)
  const files = databaseFiles(db, url)!
  const logged: string[] = []
  const deps = { db, files, log: (line: string) => logged.push(line) } as unknown as AppDeps
  await upgradeDatabase(deps)
  assert.equal(found(home, needles), [])
  assert.is(await files.version(), 1)
  assert.ok(logged.some((l) => l.includes('VACUUM')))
  // Once: a second start does not rewrite the file again.
  await upgradeDatabase(deps)
  assert.is(logged.filter((l) => l.includes('VACUUM')).length, 1)
  await files.close()
})

test.run()

// What a reader of the database, a backup or the logs could learn (DESIGN.md, "The anonymity
// model" 1 and 7), checked against the live schema that the migrations build and the rows a
// full flow leaves behind.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { sha256 } from '../../../../api/privacy/ids'
import { deriveKeys, unseal } from '../../../../api/privacy/sealed'
import { serverKeys } from '../../../../api/privacy/server-keys'
import { memberMac } from '../../../../api/privacy/macs'
import { memberKey } from '../../../../web/member/token-client'
import { testApp, type TestApp } from '../../../helpers/app'
import { Agent, setupOwner } from '../../../helpers/http'
import {
  anonymousTables,
  answerPulse,
  importMembers,
  joinMember,
  obtainToken,
  openPulseWithMembers,
  query,
  requestToken,
  submit,
  submitWith,
  validAnswers,
} from '../../../helpers/protocol'

const test = suite<{ t: TestApp }>('protocol: schema and storage')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

/** Exactly the columns each anonymous table may have. */
const allowed: Record<(typeof anonymousTables)[number], string[]> = {
  responses: ['pulse_id', 'id', 'key_id', 'answers'],
  // reply_hash: a hash of a secret only the author's device holds (api/threads/reply-hash.ts).
  comments: ['pulse_id', 'id', 'question_id', 'text', 'reply_hash', 'hidden_reason'],
  spent_tokens: ['pulse_id', 'token_hash'],
  token_issuances: ['pulse_id', 'member_mac', 'blinded_hash'],
}

/** Words in a column name that suggest metadata about a respondent or a moment. */
const suspicious =
  /^(time|timestamp|date|day|at|ts|created|updated|modified|inserted|submitted|received|sent|seen|when|seq|order|rowid|member|user|person|people|organizer|ip|addr|address|host|remote|client|agent|ua|browser|device|email|mail|name|session|cookie|login|auth|request)$/

const words = (column: string) =>
  column
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)

test('the anonymous tables are WITHOUT ROWID and hold exactly the expected columns', async ({
  t,
}) => {
  const tables = await query(t, 'pragma table_list')
  for (const name of anonymousTables) {
    const row = tables.find((r) => r.name === name && r.schema === 'main')
    assert.ok(row, `${name} exists`)
    assert.is(Number(row!.wr), 1, `${name} is WITHOUT ROWID (pragma table_list)`)
    const [{ sql }] = await query(
      t,
      "select sql from sqlite_schema where type = 'table' and name = ?",
      [name],
    )
    assert.match(String(sql), /\)\s*WITHOUT ROWID\s*$/i, `${name} is WITHOUT ROWID (sqlite_schema)`)
    // table_xinfo also lists hidden and generated columns.
    const columns = (await query(t, `pragma table_xinfo(${name})`)).map((c) => String(c.name))
    for (const column of columns) {
      if (allowed[name].includes(column)) continue
      const hint = words(column).find((w) => suspicious.test(w))
      assert.unreachable(
        `${name}.${column} is not an expected column${hint ? ` (and "${hint}" suggests metadata)` : ''}`,
      )
    }
    assert.equal(columns.sort(), [...allowed[name]].sort(), `${name} columns`)
    // Apart from the allow-listed HMAC of member and pulse, no column name even hints at metadata.
    for (const column of columns) {
      if (name === 'token_issuances' && column === 'member_mac') continue
      const hint = words(column).find((w) => suspicious.test(w))
      assert.is(hint, undefined, `${name}.${column}`)
    }
    // No default fills in a time (e.g. DEFAULT CURRENT_TIMESTAMP), no reference to a member.
    assert.not.match(
      String(sql),
      /current_(time|date|timestamp)|datetime|strftime|unixepoch|julianday|random\(/i,
      name,
    )
    const references = await query(t, `pragma foreign_key_list(${name})`)
    assert.ok(
      references.every((r) => r.table === 'pulses'),
      `${name} references only pulses`,
    )
  }
})

test('the metadata check itself catches what it should', () => {
  const flagged = (column: string) => words(column).some((w) => suspicious.test(w))
  for (const column of [
    'created_at',
    'submitted_at',
    'timestamp',
    'member_id',
    'ip',
    'client_ip',
    'user_agent',
    'email',
    'session_id',
    'ua',
    'rowid',
    'ipAddress',
    'submittedAt',
    'userAgent',
  ])
    assert.ok(flagged(column), column)
  for (const column of [
    'pulse_id',
    'id',
    'key_id',
    'response_id',
    'question_id',
    'value',
    'text',
    'token_hash',
    'blinded_hash',
  ])
    assert.not.ok(flagged(column), column)
})

interface SchemaObject {
  type: string
  name: string
  tbl_name: string
  sql: string
}

const triggersAndViews = async (t: TestApp) =>
  (await query(
    t,
    "select type, name, tbl_name, sql from sqlite_schema where type in ('trigger', 'view') order by name",
  )) as unknown as SchemaObject[]

/**
 * Why a trigger or view could copy anonymous rows elsewhere, or undefined when it cannot. Judged
 * by its SQL, never by its name: it may not be on, read or even name an anonymous table (in any
 * quoting; a single-quoted name counts too, as SQLite may take it for one), and a trigger's body
 * may hold only SELECT statements (as `SELECT RAISE(…)` is) and no INSERT, UPDATE, DELETE or
 * REPLACE: it may refuse a write, never make one.
 */
function copyRisk(object: SchemaObject): string | undefined {
  const touched = anonymousTables.filter(
    (table) =>
      object.tbl_name.toLowerCase() === table || new RegExp(`\\b${table}\\b`, 'i').test(object.sql),
  )
  if (touched.length > 0) return `${object.type} ${object.name} touches ${touched.join(', ')}`
  if (object.type !== 'trigger') return undefined
  // String literals emptied: a RAISE message may say anything, and may hold a ';'.
  const body = /\bBEGIN\b([\s\S]*)\bEND\s*$/i.exec(object.sql.replace(/'(?:[^']|'')*'/g, "''"))
  if (!body) return `trigger ${object.name}: no body found`
  const statements = body[1]
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
  const write = /\b(insert|update|delete|replace)\b/i.exec(body[1])
  if (write) return `trigger ${object.name} writes (${write[1]})`
  if (statements.some((s) => !/^select\b/i.test(s)))
    return `trigger ${object.name} runs more than SELECT`
  return undefined
}

test('no trigger or view can copy anonymous rows elsewhere', async ({ t }) => {
  // The pulse-overlap triggers of migration 0007 pass by their SQL: on pulses, they only RAISE.
  const objects = await triggersAndViews(t)
  assert.equal(objects.map(copyRisk).filter(Boolean), [])
})

test('the trigger and view check itself catches what it should', async ({ t }) => {
  const trigger = (name: string, table: string, body: string, when = ''): SchemaObject => ({
    type: 'trigger',
    name,
    tbl_name: table,
    sql: `CREATE TRIGGER \`${name}\` BEFORE INSERT ON \`${table}\` ${when}\nBEGIN\n  ${body}\nEND`,
  })
  const view = (sql: string): SchemaObject => ({ type: 'view', name: 'v', tbl_name: 'v', sql })
  const overlap = 'WHEN EXISTS (SELECT 1 FROM `pulses` AS p WHERE p.`id` <> NEW.`id`)'
  // Refusing only: accepted, whatever its message says.
  assert.is(
    copyRisk(
      trigger(
        'pulses_no_overlap_insert',
        'pulses',
        "SELECT RAISE(ABORT, 'pulse overlap');",
        overlap,
      ),
    ),
    undefined,
  )
  assert.is(
    copyRisk(
      trigger('refuse', 'pulses', "SELECT RAISE(ABORT, 'no insert; no delete, no update');"),
    ),
    undefined,
  )
  // The same name with another body is judged by that body.
  for (const body of [
    'INSERT INTO outbox (id) SELECT id FROM pulses;',
    "SELECT RAISE(ABORT, 'x') WHERE 0; DELETE FROM members;",
    'UPDATE members SET removed = 1 WHERE id = NEW.id;',
    'REPLACE INTO released_views SELECT * FROM released_views;',
    'insert into outbox select answers from `responses`;',
  ]) {
    assert.ok(copyRisk(trigger('pulses_no_overlap_insert', 'pulses', body, overlap)), body)
  }
  // On, or reading, an anonymous table in any quoting; views too.
  assert.ok(copyRisk(trigger('t', 'responses', 'SELECT RAISE(IGNORE);')))
  assert.ok(
    copyRisk(
      trigger(
        't',
        'pulses',
        "SELECT RAISE(ABORT, 'x');",
        'WHEN EXISTS (SELECT 1 FROM "spent_tokens")',
      ),
    ),
  )
  assert.ok(
    copyRisk(
      trigger(
        't',
        'pulses',
        "SELECT RAISE(ABORT, 'x') WHERE EXISTS (SELECT 1 FROM main.Token_Issuances);",
      ),
    ),
  )
  assert.ok(copyRisk(view('CREATE VIEW v AS SELECT * FROM main.[comments]')))
  assert.ok(copyRisk(view("CREATE VIEW v AS SELECT * FROM 'responses'")))
  assert.is(copyRisk(view('CREATE VIEW v AS SELECT id FROM pulses')), undefined)
  // And as stored in sqlite_schema by the live database: exactly the two added here are flagged.
  await query(
    t,
    'CREATE TRIGGER leak AFTER INSERT ON pulses BEGIN UPDATE pulses SET reason = (SELECT count(*) FROM spent_tokens) WHERE id = NEW.id; END',
  )
  await query(t, 'CREATE VIEW peek AS SELECT * FROM "comments"')
  const flagged = (await triggersAndViews(t)).filter((o) => copyRisk(o)).map((o) => o.name)
  assert.equal(flagged, ['leak', 'peek'])
})

test('neither receipt, token, signature nor blinded message is stored anywhere', async ({ t }) => {
  const { survey, pulse, members } = await openPulseWithMembers(t, { members: 6 })
  const secrets: Record<string, string[]> = {}
  for (const [i, m] of members.slice(0, 3).entries()) {
    const { reply, token } = await answerPulse(
      t,
      pulse.id,
      m.memberKey!,
      validAnswers(survey.questions, i),
    )
    assert.is(reply.status, 201)
    const receipt = reply.body.receipt as string
    const variants = (b64u: string) => {
      const bytes = Buffer.from(b64u, 'base64url')
      return [
        b64u,
        bytes.toString('base64'),
        bytes.toString('hex'),
        bytes.toString('hex').toUpperCase(),
      ]
    }
    secrets[`receipt ${i}`] = variants(receipt)
    secrets[`token ${i}`] = variants(token.signed.token)
    secrets[`signature ${i}`] = variants(token.signed.signature)
    secrets[`blindedMsg ${i}`] = variants(token.prepared.blindedMsg)
    secrets[`blindSig ${i}`] = variants(token.blindSig)
    // The receipt is not the id of any stored row, nor a prefix of one.
    const spent = await submitWith(t, pulse.id, token, validAnswers(survey.questions, i))
    assert.is(spent.body.receipt, receipt)
  }
  const tables = (await query(t, "select name from sqlite_schema where type = 'table'")).map((r) =>
    String(r.name),
  )
  assert.ok(tables.includes('responses') && tables.includes('spent_tokens'))
  let cells = 0
  for (const table of tables) {
    for (const row of await query(t, `select * from "${table}"`)) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null) continue
        cells++
        const text =
          value instanceof ArrayBuffer || ArrayBuffer.isView(value)
            ? [
                Buffer.from(value as ArrayBuffer).toString('base64url'),
                Buffer.from(value as ArrayBuffer).toString('hex'),
              ].join(' ')
            : String(value)
        for (const [what, forms] of Object.entries(secrets)) {
          for (const form of forms) {
            assert.not.ok(text.includes(form), `${what} found in ${table}.${column}`)
            // A prefix long enough to identify it (16 bytes) would do as much harm.
            assert.not.ok(
              form.length > 32 && text.includes(form.slice(0, 24)),
              `a prefix of ${what} found in ${table}.${column}`,
            )
          }
        }
      }
    }
  }
  assert.ok(cells > 100, 'the search saw the stored rows')
})

test('issuance rows hold only the pulse, an HMAC of member and pulse, and a hash of the blinded message', async ({
  t,
}) => {
  const { pulse, members } = await openPulseWithMembers(t, { members: 5 })
  const [m] = members
  const token = await obtainToken(t, pulse.id, m.memberKey!)
  const rows = await query(t, 'select * from token_issuances')
  assert.is(rows.length, 1)
  const [row] = rows
  assert.equal(Object.keys(row).sort(), ['blinded_hash', 'member_mac', 'pulse_id'])
  assert.is(row.pulse_id, pulse.id)
  assert.is(
    row.blinded_hash,
    sha256(Buffer.from(token.prepared.blindedMsg, 'base64url') as Uint8Array<ArrayBuffer>),
  )
  // The MAC is keyed under the server secret: recomputable by the server only.
  assert.is(row.member_mac, await memberMac(t.deps, m.id, pulse.id))
  const other = await testApp({ secret: new Uint8Array(32).fill(9) })
  assert.is.not(row.member_mac, await memberMac(other.deps, m.id, pulse.id))
  const [member] = await query(t, 'select * from members where id = ?', [m.id])
  const mac = String(row.member_mac)
  for (const [what, value] of [
    ['member id', m.id],
    ['email', m.email],
    ['member key', m.memberKey!],
    ['key hash', String(member.key_hash)],
    ['unkeyed hash of the member id', createHash('sha256').update(m.id).digest('base64url')],
    [
      'unkeyed hash of member and pulse',
      createHash('sha256')
        .update(m.id + pulse.id)
        .digest('base64url'),
    ],
  ]) {
    assert.not.ok(mac.includes(value), what)
    assert.not.ok(String(row.blinded_hash).includes(value), what)
  }
})

test('private keys are sealed under the server secret and deleted at close', async ({ t }) => {
  const { owner, pulse } = await openPulseWithMembers(t, {
    attributes: ['team'],
    members: [...Array(5).fill({ team: 'a' }), ...Array(5).fill({ team: 'b' })],
  })
  const keys = await query(t, 'select * from pulse_keys where pulse_id = ?', [pulse.id])
  assert.is(keys.length, 2)
  const { sealKey } = await serverKeys(t.deps)
  const otherKeys = await deriveKeys(new Uint8Array(32).fill(9))
  for (const key of keys) {
    const stored = String(key.private_key)
    const pkcs8 = await unseal(sealKey, stored, `pulse-key:${key.id}`)
    // What is sealed is the real PKCS#8 private key of the listed public key.
    const publicDer = createPublicKey(
      createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
    ).export({ format: 'der', type: 'spki' })
    assert.is(publicDer.toString('base64url'), key.public_key)
    // The stored value shows none of it, in any encoding.
    const raw = Buffer.from(pkcs8)
    for (const form of [
      raw.toString('base64url'),
      raw.toString('base64'),
      raw.toString('hex'),
      raw.toString('latin1'),
    ]) {
      assert.not.ok(stored.includes(form.slice(0, 64)), 'raw PKCS#8 in private_key')
    }
    const decoded = Buffer.from(stored, 'base64url')
    for (let offset = 0; offset + 32 <= raw.length; offset += 32) {
      assert.is(
        decoded.indexOf(raw.subarray(offset, offset + 32)),
        -1,
        `PKCS#8 bytes ${offset}… in the sealed value`,
      )
    }
    // Neither another server secret nor another key's context opens it.
    try {
      await unseal(otherKeys.sealKey, stored, `pulse-key:${key.id}`)
      assert.unreachable('opened under another secret')
    } catch (error) {
      assert.is((error as Error).name, 'UnsealError')
    }
    const other = keys.find((k) => k.id !== key.id)!
    try {
      await unseal(sealKey, stored, `pulse-key:${other.id}`)
      assert.unreachable('opened under another context')
    } catch (error) {
      assert.is((error as Error).name, 'UnsealError')
    }
  }
  assert.is((await owner.post(`/api/pulses/${pulse.id}/close`)).status, 200)
  const closed = await query(
    t,
    'select private_key, public_key from pulse_keys where pulse_id = ?',
    [pulse.id],
  )
  assert.is(closed.length, 2)
  assert.ok(
    closed.every((k) => k.private_key === null),
    'private keys are NULL after close',
  )
  assert.ok(
    closed.every((k) => typeof k.public_key === 'string'),
    'public keys stay for verification of the key list',
  )
})

test('a pulse closed while its keys are being prepared keeps no private key', async () => {
  const t = await testApp({ inlineKeyLimit: 1 })
  const owner = await setupOwner(t)
  const community = (
    await owner.post('/api/communities', { name: 'Two teams', attributes: ['team'] })
  ).body
  const members = [...Array(5).fill({ team: 'a' }), ...Array(5).fill({ team: 'b' })]
  // Joined before it opens: cohorts count only joined members.
  for (const m of await importMembers(owner, community.id, members)) await joinMember(t, m)
  const survey = (
    await owner.post(`/api/communities/${community.id}/surveys`, { template: 'trust-pulse' })
  ).body
  const closesAt = new Date(t.clock.now + 7 * 24 * 3600 * 1000).toISOString()
  const pulse = (await owner.post(`/api/surveys/${survey.id}/pulses`, { closesAt })).body
  assert.is(pulse.status, 'scheduled')
  assert.is(pulse.reason, 'preparing keys')
  assert.is((await owner.post(`/api/pulses/${pulse.id}/close`)).body.status, 'closed')
  await Promise.all(t.tasks)
  const keys = await query(t, 'select private_key from pulse_keys where pulse_id = ?', [pulse.id])
  assert.is(keys.length, 2)
  assert.ok(
    keys.every((k) => k.private_key === null),
    'private keys of a closed pulse',
  )
})

test('the logs hold no token, signature, blinded message, receipt or member key after a full flow', async ({
  t,
}) => {
  const { owner, survey, pulse, members } = await openPulseWithMembers(t, { members: 6 })
  const secrets: string[] = []
  for (const m of members) secrets.push(m.inviteKey, m.memberKey!)
  for (const [i, m] of members.slice(0, 4).entries()) {
    const { reply, token } = await answerPulse(
      t,
      pulse.id,
      m.memberKey!,
      validAnswers(survey.questions, i),
    )
    assert.is(reply.status, 201)
    secrets.push(
      reply.body.receipt,
      token.signed.token,
      token.signed.signature,
      token.prepared.blindedMsg,
      token.blindSig,
      token.prepared.inv,
    )
    // Refusals too: spent, forged, invalid answers, a second blinded message.
    await submitWith(t, pulse.id, token, validAnswers(survey.questions, i))
    await submit(t, pulse.id, {
      keyId: token.keyId,
      token: token.signed.token,
      signature: token.blindSig,
      answers: [],
    })
    await requestToken(t, pulse.id, m.memberKey!, token.prepared.inv)
  }
  const bad = await new Agent(t).get('/api/me', { bearer: memberKey() })
  assert.is(bad.status, 401)
  await owner.post(`/api/pulses/${pulse.id}/close`)
  const logs = t.logs.join('\n')
  for (const secret of secrets) {
    assert.not.ok(logs.includes(secret), 'a secret reached the logs')
    assert.not.ok(logs.includes(secret.slice(0, 16)), 'part of a secret reached the logs')
  }
})

test.run()

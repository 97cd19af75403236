import Papa from 'papaparse'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { expectStatus } from '../../helpers/fixtures'
import { email, setupOwner } from '../../helpers/http'
import { answerPulse, inviteKeyOf, joinMember, type JoinedMember } from '../../helpers/protocol'
import { close, openNext } from '../../helpers/reports'

// Formula injection end to end: what organizers type (prompts, dimensions, attribute names) and
// what a member CSV brings in (attribute values) may start with = + - @ or a tab; the trend.csv a
// spreadsheet opens must never start a text cell with one, while numbers (a negative eNPS) stay numbers.

const test = suite<{ t: TestApp }>('CSV formula injection')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const dangerous = /^[=+\-@\t\r]/
const isNumber = (cell: string) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell)

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

test('imported formula cells are stored as written and exported prefixed; a negative eNPS stays a number', async ({
  t,
}) => {
  const owner = await setupOwner(t)
  const attributes = ['=team', '@site']
  const community = expectStatus(
    await owner.post('/api/communities', {
      name: '+Riverside',
      attributes,
      minCommentGroupSize: 5,
    }),
    201,
  ).body
  // Each cell is a classic payload; five members share them so their cohort is released.
  const values = { '=team': '=HYPERLINK("https://evil.example","click")', '@site': '-2+3' }
  const csv = [
    'email,=team,@site',
    ...Array.from({ length: 5 }, () =>
      [email('member'), values['=team'], values['@site']].map(csvField).join(','),
    ),
  ].join('\r\n')
  const imported = expectStatus(
    await owner.post(`/api/communities/${community.id}/members`, undefined, { csv }),
    201,
  ).body
  assert.is(imported.created, 5)
  for (const m of imported.members) assert.equal(m.attributes, values, 'stored exactly as written')

  const questions = [
    { kind: 'likert5', prompt: '=1+1 I can speak up', dimension: '@voice' },
    { kind: 'scale10', prompt: '-Would you recommend us?', dimension: '+promoters' },
    { kind: 'text', prompt: '\tAnything else?' },
  ]
  const survey = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, {
      title: '=cmd|"/C calc"!A0',
      questions,
    }),
    201,
  ).body
  assert.equal(
    survey.questions.map((q: any) => q.prompt),
    questions.map((q) => q.prompt.trim()),
    'prompts kept as written (trimmed)',
  )
  const members: JoinedMember[] = imported.members.map((m: any) => ({
    ...m,
    inviteKey: inviteKeyOf(m.inviteUrl),
  }))
  // Joined before the pulse opens, so that its cohorts are cut by the attributes.
  for (const m of members) await joinMember(t, m)
  const pulse = await openNext(owner, survey.id)
  // Scale answers 0, 1, 2, 3, 10: one promoter, four detractors → eNPS −60.
  for (const [i, m] of members.entries()) {
    const answers = [
      { questionId: survey.questions[0].id, value: 1 + i },
      { questionId: survey.questions[1].id, value: [0, 1, 2, 3, 10][i] },
      { questionId: survey.questions[2].id, value: '=SUM(A1:A9)' },
    ]
    expectStatus((await answerPulse(t, pulse.id, m.memberKey!, answers)).reply, 201)
  }
  await close(owner, pulse.id)

  for (const by of [undefined, ...attributes]) {
    const res = expectStatus(
      await owner.get(
        `/api/surveys/${survey.id}/trend.csv${by ? `?by=${encodeURIComponent(by)}` : ''}`,
      ),
      200,
    )
    const rows = Papa.parse<string[]>(res.text, { skipEmptyLines: true }).data
    for (const cell of rows.flat()) {
      assert.ok(
        !dangerous.test(cell) || isNumber(cell),
        `cell ${JSON.stringify(cell)} (by ${by}) could run as a formula`,
      )
    }
    const nps = rows.find((r) => r[3] === survey.questions[1].id)!
    assert.is(nps[8], '-60', 'eNPS written as a plain negative number')
    if (by) assert.is(rows[1][0], `'${by}=${values[by as keyof typeof values]}`)
  }
})

test('a CSV import whose cells start with formula characters is stored as text, never evaluated or dropped', async ({
  t,
}) => {
  const owner = await setupOwner(t)
  const community = expectStatus(
    await owner.post('/api/communities', { name: 'Riverside', attributes: ['team'] }),
    201,
  ).body
  const cells = ['=1+1', '+1', '-1', '@A1', '=IMPORTXML("http://x","//a")', "'=already quoted"]
  const csv = ['email,team', ...cells.map((c) => `${email('m')},${csvField(c)}`)].join('\n')
  const res = expectStatus(
    await owner.post(`/api/communities/${community.id}/members`, undefined, { csv }),
    201,
  )
  assert.equal(
    res.body.members.map((m: any) => m.attributes.team),
    cells,
  )
  const listed = expectStatus(await owner.get(`/api/communities/${community.id}/members`), 200).body
    .members
  assert.equal(listed.map((m: any) => m.attributes.team).sort(), [...cells].sort())
})

test.run()

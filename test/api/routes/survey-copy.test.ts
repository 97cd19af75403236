// POST /api/surveys/:sid/copy (docs/api.md "Surveys and pulses"): the way to change the questions
// of a survey whose questions are fixed.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  outsider,
  pulseOf,
  rows,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('survey copy')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { members: 5 })).id
})

const fromTemplate = async (owner: Agent, cid: string) =>
  (await owner.post(`/api/communities/${cid}/surveys`, { template: 'community-health' })).body

const withoutIds = (questions: { id: string }[]) => questions.map(({ id: _, ...q }) => q)

test('a copy of a survey whose questions are locked has the same questions under new ids, titled "… (copy)", and is editable', async ({
  owner,
  cid,
}) => {
  const original = await fromTemplate(owner, cid)
  await pulseOf(owner, original.id)
  const res = await owner.post(`/api/surveys/${original.id}/copy`)
  assert.is(res.status, 201)
  const { id, questions, ...rest } = res.body
  assert.equal(rest, {
    communityId: cid,
    title: 'Community health check (copy)',
    description: original.description,
    archived: false,
  })
  assert.is.not(id, original.id)
  assert.equal(withoutIds(questions), withoutIds(original.questions))
  const originalIds = new Set(original.questions.map((q: { id: string }) => q.id))
  assert.ok(questions.every((q: { id: string }) => !originalIds.has(q.id)))
  assert.is(new Set(questions.map((q: { id: string }) => q.id)).size, questions.length)
  const stored = (await owner.get(`/api/surveys/${id}`)).body
  assert.equal([stored.title, stored.questions], [res.body.title, questions])
  assert.equal((await owner.get(`/api/surveys/${id}/pulses`)).body, [])
  // The original's questions stay fixed; the copy's can change.
  const changed = [{ kind: 'yesno', prompt: 'Shall we meet more often?' }]
  assert.is((await owner.patch(`/api/surveys/${original.id}`, { questions: changed })).status, 409)
  const edited = await owner.patch(`/api/surveys/${id}`, { questions: changed })
  assert.is(edited.status, 200)
  assert.equal(withoutIds(edited.body.questions), [{ ...changed[0], required: true }])
})

test('the copy of a long title stays within 200 characters and keeps its ending', async ({
  owner,
  cid,
}) => {
  const title = 'x'.repeat(200)
  const original = await owner.post(`/api/communities/${cid}/surveys`, {
    title,
    questions: [{ kind: 'yesno', prompt: 'Ok?' }],
  })
  const res = await owner.post(`/api/surveys/${original.body.id}/copy`)
  assert.is(res.status, 201)
  assert.is(res.body.title, `${'x'.repeat(193)} (copy)`)
  assert.is(res.body.title.length, 200)
})

test('an archived survey can be copied, and the copy is listed while the original is not', async ({
  owner,
  cid,
}) => {
  const original = await fromTemplate(owner, cid)
  assert.is((await owner.delete(`/api/surveys/${original.id}`)).status, 204)
  const res = await owner.post(`/api/surveys/${original.id}/copy`)
  assert.is(res.status, 201)
  assert.is(res.body.archived, false)
  const listed = (await owner.get(`/api/communities/${cid}/surveys`)).body
  assert.equal(
    listed.map((s: { id: string }) => s.id),
    [res.body.id],
  )
})

test('viewers may not copy (403) and outsiders do not see the survey (404); nothing is written', async ({
  t,
  owner,
  cid,
}) => {
  const original = await fromTemplate(owner, cid)
  const viewer = await teammate(owner, cid, 'viewer')
  assertProblem(await viewer.post(`/api/surveys/${original.id}/copy`), 403)
  assertProblem(await (await outsider(owner)).post(`/api/surveys/${original.id}/copy`), 404)
  assertProblem(await owner.post('/api/surveys/no-such-survey/copy'), 404)
  assert.is(await rows(t, 'surveys'), 1)
})

test.run()

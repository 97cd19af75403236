import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import {
  assertProblem,
  communityWith,
  DAY,
  inDays,
  outsider,
  pulseOf,
  rows,
  sampleQuestions,
  surveyIn,
  teammate,
} from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('surveys')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { members: 5 })).id
})

const create = (agent: Agent, cid: string, body: unknown) =>
  agent.post(`/api/communities/${cid}/surveys`, body)

test('templates are listed with id, title, description and questions, including trust-pulse', async ({
  t,
}) => {
  const res = await new Agent(t).get('/api/templates')
  assert.is(res.status, 200)
  const trust = res.body.find((x: any) => x.id === 'trust-pulse')
  assert.ok(trust, 'trust-pulse is listed')
  for (const template of res.body) {
    assert.equal(Object.keys(template).sort(), ['description', 'id', 'questions', 'title'])
    assert.ok(template.questions.length > 0)
  }
})

test('create from a template copies its questions with server-assigned ids and explicit required', async ({
  owner,
  cid,
}) => {
  const template = (await owner.get('/api/templates')).body.find((x: any) => x.id === 'trust-pulse')
  const res = await create(owner, cid, { template: 'trust-pulse' })
  assert.is(res.status, 201)
  const { id, questions, ...rest } = res.body
  assert.equal(rest, {
    communityId: cid,
    title: template.title,
    description: template.description,
    archived: false,
  })
  assert.equal(
    questions.map((q: any) => q.prompt),
    template.questions.map((q: any) => q.prompt),
  )
  assert.is(new Set(questions.map((q: any) => q.id)).size, questions.length)
  for (const q of questions) {
    assert.type(q.id, 'string')
    assert.is(q.required, q.kind !== 'text')
  }
})

test('create from questions ignores sent ids, assigns fresh ones and defaults required (text false)', async ({
  owner,
  cid,
}) => {
  const res = await create(owner, cid, {
    title: ' Check-in ',
    questions: [
      { id: 'mine', ...sampleQuestions[0] },
      ...sampleQuestions.slice(1),
      { kind: 'yesno', prompt: 'Ok?', required: false },
    ],
  })
  assert.is(res.status, 201)
  assert.equal(
    { ...res.body, questions: undefined },
    {
      id: res.body.id,
      communityId: res.body.communityId,
      title: 'Check-in',
      description: '',
      questions: undefined,
      archived: false,
    },
  )
  const ids = res.body.questions.map((q: any) => q.id)
  assert.not.ok(ids.includes('mine'))
  assert.equal(
    res.body.questions.map(({ id, ...q }: any) => q),
    [
      { kind: 'likert5', prompt: 'I can speak up here.', dimension: 'voice', required: true },
      { kind: 'choice', prompt: 'Which day suits you?', options: ['Mon', 'Fri'], required: true },
      { kind: 'text', prompt: 'Anything else?', required: false },
      { kind: 'yesno', prompt: 'Ok?', required: false },
    ],
  )
})

test('invalid questions, titles and templates are 422 at their paths and write nothing', async ({
  t,
  owner,
  cid,
}) => {
  const choice = { kind: 'choice', prompt: 'Pick' }
  assertProblem(await create(owner, cid, { title: 'S', questions: [choice] }), 422, [
    'questions.0.options',
  ])
  assertProblem(
    await create(owner, cid, {
      title: 'S',
      questions: [sampleQuestions[0], { ...choice, options: ['a', 'a'] }],
    }),
    422,
    ['questions.1.options'],
  )
  assertProblem(
    await create(owner, cid, {
      title: 'S',
      questions: [{ kind: 'likert5', prompt: 'P', options: ['a', 'b'] }],
    }),
    422,
    ['questions.0.options'],
  )
  assertProblem(
    await create(owner, cid, { title: 'S', questions: [{ kind: 'stars', prompt: 'P' }] }),
    422,
    ['questions.0.kind'],
  )
  assertProblem(await create(owner, cid, { title: 'S', questions: [] }), 422, ['questions'])
  assertProblem(await create(owner, cid, { questions: sampleQuestions }), 422, ['title'])
  assertProblem(await create(owner, cid, { template: 'no-such-template' }), 422, ['template'])
  assert.is(await rows(t, 'surveys'), 0)
  assert.equal((await owner.get(`/api/communities/${cid}/surveys`)).body, [])
})

test('list answers the community’s surveys in creation order; get answers one', async ({
  t,
  owner,
  cid,
}) => {
  const first = await surveyIn(owner, cid, 'First')
  t.clock.now += 1000
  const second = await surveyIn(owner, cid, 'Second')
  await surveyIn(owner, (await communityWith(owner, { name: 'Other' })).id, 'Elsewhere')
  const listed = await owner.get(`/api/communities/${cid}/surveys`)
  assert.is(listed.status, 200)
  assert.equal(listed.body, [first, second])
  const got = await owner.get(`/api/surveys/${second.id}`)
  assert.is(got.status, 200)
  assert.equal(got.body, second)
  assertProblem(await owner.get('/api/surveys/no-such-survey'), 404)
})

test('patch changes the title and description and keeps the questions', async ({ owner, cid }) => {
  const survey = await surveyIn(owner, cid)
  const res = await owner.patch(`/api/surveys/${survey.id}`, {
    title: 'Renamed',
    description: 'Why we ask',
  })
  assert.is(res.status, 200)
  assert.equal(res.body, { ...survey, title: 'Renamed', description: 'Why we ask' })
  assert.equal((await owner.get(`/api/surveys/${survey.id}`)).body, res.body)
  assertProblem(await owner.patch(`/api/surveys/${survey.id}`, { title: '' }), 422, ['title'])
  assertProblem(
    await owner.patch(`/api/surveys/${survey.id}`, { questions: [{ kind: 'multi', prompt: 'P' }] }),
    422,
    ['questions.0.options'],
  )
  assert.equal((await owner.get(`/api/surveys/${survey.id}`)).body, res.body)
})

test('patch with questions keeps the ids of known questions and gives new ones fresh ids', async ({
  owner,
  cid,
}) => {
  const survey = await surveyIn(owner, cid)
  const [likert, , text] = survey.questions
  const res = await owner.patch(`/api/surveys/${survey.id}`, {
    questions: [
      { ...text, prompt: 'Anything at all?' },
      { id: 'invented', kind: 'yesno', prompt: 'New?' },
      likert,
    ],
  })
  assert.is(res.status, 200)
  const [a, b, c] = res.body.questions
  assert.equal([a.id, c.id], [text.id, likert.id])
  assert.not.ok([text.id, likert.id, 'invented'].includes(b.id))
  assert.equal([a.prompt, b.required, c], ['Anything at all?', true, likert])
  assert.equal((await owner.get(`/api/surveys/${survey.id}`)).body.questions, res.body.questions)
})

test('after a pulse opened, PATCH with questions is 409 while the title can still change', async ({
  t,
  owner,
  cid,
}) => {
  const survey = await surveyIn(owner, cid)
  const pulse = await pulseOf(owner, survey.id)
  const questions = [{ kind: 'yesno', prompt: 'Changed?' }]
  assertProblem(await owner.patch(`/api/surveys/${survey.id}`, { title: 'New', questions }), 409)
  assert.equal((await owner.get(`/api/surveys/${survey.id}`)).body, survey)
  const renamed = await owner.patch(`/api/surveys/${survey.id}`, { title: 'New' })
  assert.is(renamed.status, 200)
  assert.equal(renamed.body.questions, survey.questions)
  await owner.post(`/api/pulses/${pulse.id}/close`)
  t.clock.now += DAY
  assertProblem(await owner.patch(`/api/surveys/${survey.id}`, { questions }), 409)
})

test('a merely scheduled future pulse does not fix the questions', async ({ t, owner, cid }) => {
  const survey = await surveyIn(owner, cid)
  const pulse = await pulseOf(owner, survey.id, 9, inDays(t, 2))
  assert.is(pulse.status, 'scheduled')
  const res = await owner.patch(`/api/surveys/${survey.id}`, {
    questions: [{ kind: 'yesno', prompt: 'Changed?' }],
  })
  assert.is(res.status, 200)
  assert.equal(
    res.body.questions.map((q: any) => q.prompt),
    ['Changed?'],
  )
})

test('archiving: DELETE 204, gone from the list, GET still 200 with archived true', async ({
  owner,
  cid,
}) => {
  const survey = await surveyIn(owner, cid)
  const closed = await pulseOf(owner, survey.id)
  await owner.post(`/api/pulses/${closed.id}/close`)
  const res = await owner.delete(`/api/surveys/${survey.id}`)
  assert.is(res.status, 204)
  assert.equal((await owner.get(`/api/communities/${cid}/surveys`)).body, [])
  const got = await owner.get(`/api/surveys/${survey.id}`)
  assert.is(got.status, 200)
  assert.equal(got.body, { ...survey, archived: true })
  const pulses = await owner.get(`/api/surveys/${survey.id}/pulses`)
  assert.equal(
    pulses.body.map((p: any) => [p.id, p.status]),
    [[closed.id, 'closed']],
  )
})

test('viewers list and get surveys but may not create, patch or archive them (403)', async ({
  t,
  owner,
  cid,
}) => {
  const survey = await surveyIn(owner, cid)
  const viewer = await teammate(owner, cid, 'viewer')
  assert.equal((await viewer.get(`/api/communities/${cid}/surveys`)).body, [survey])
  assert.equal((await viewer.get(`/api/surveys/${survey.id}`)).body, survey)
  assertProblem(await create(viewer, cid, { template: 'trust-pulse' }), 403)
  assertProblem(await viewer.patch(`/api/surveys/${survey.id}`, { title: 'Mine' }), 403)
  assertProblem(await viewer.delete(`/api/surveys/${survey.id}`), 403)
  assert.equal((await owner.get(`/api/surveys/${survey.id}`)).body, survey)
  assert.is(await rows(t, 'surveys'), 1)
  const organizer = await teammate(owner, cid, 'organizer')
  assert.is((await create(organizer, cid, { template: 'trust-pulse' })).status, 201)
})

test('survey routes: 401 without a session, 404 for an organizer outside the community', async ({
  t,
  owner,
  cid,
}) => {
  const survey = await surveyIn(owner, cid)
  for (const [agent, status] of [
    [new Agent(t), 401],
    [await outsider(owner), 404],
  ] as const) {
    assertProblem(await agent.get(`/api/communities/${cid}/surveys`), status)
    assertProblem(await create(agent, cid, { template: 'trust-pulse' }), status)
    assertProblem(await agent.get(`/api/surveys/${survey.id}`), status)
    assertProblem(await agent.patch(`/api/surveys/${survey.id}`, { title: 'Mine' }), status)
    assertProblem(await agent.delete(`/api/surveys/${survey.id}`), status)
  }
  assert.equal((await owner.get(`/api/surveys/${survey.id}`)).body, survey)
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import {
  assertProblem,
  communityWith,
  DAY,
  expectStatus,
  outsider,
  rows,
  surveyIn,
  teammate,
} from '../../../helpers/fixtures'
import { Agent, setupOwner } from '../../../helpers/http'
import { importMembers, joinMember } from '../../../helpers/protocol'

// Action plans (issue 19, "you said, we did"): organizers plan and update, viewers read.

const test = suite<{ t: TestApp; owner: Agent; cid: string; survey: any }>('actions')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { attributes: ['team'] })).id
  ctx.survey = await surveyIn(ctx.owner, ctx.cid)
})

const TODAY = '2026-03-02' // the test clock's day

async function actionIn(agent: Agent, cid: string, body: object) {
  return expectStatus(await agent.post(`/api/communities/${cid}/actions`, body), 201).body
}

test('an organizer plans an action from a report: what it answers, planned, dated today', async ({
  owner,
  cid,
  survey,
}) => {
  const question = survey.questions[0]
  const res = await owner.post(`/api/communities/${cid}/actions`, {
    surveyId: survey.id,
    questionId: question.id,
    dimension: 'voice',
    group: { team: 'Kitchen' },
    title: ' Rotate who chairs the meeting ',
    plan: 'Everyone chairs once a quarter.',
    targetDate: '2026-06-30',
  })
  assert.is(res.status, 201)
  assert.equal(res.body, {
    id: res.body.id,
    communityId: cid,
    surveyId: survey.id,
    questionId: question.id,
    dimension: 'voice',
    group: { team: 'Kitchen' },
    title: 'Rotate who chairs the meeting',
    plan: 'Everyone chairs once a quarter.',
    status: 'planned',
    targetDate: '2026-06-30',
    startedOn: null,
    endedOn: null,
    draft: false,
    createdOn: TODAY,
    heard: {
      survey: { id: survey.id, title: survey.title },
      question,
      dimension: 'voice',
      group: { team: 'Kitchen' },
    },
    updates: [],
    followUps: [],
  })
  const listed = await owner.get(`/api/communities/${cid}/actions`)
  assert.is(listed.status, 200)
  assert.equal(listed.body, [res.body])
  assert.equal((await owner.get(`/api/actions/${res.body.id}`)).body, res.body)
})

test('the status fills in its dates: started when in progress, ended when done or dropped', async ({
  t,
  owner,
  cid,
  survey,
}) => {
  const { id } = await actionIn(owner, cid, { surveyId: survey.id, title: 'Shorter meetings' })
  const patch = (body: object) => owner.patch(`/api/actions/${id}`, body)
  const started = expectStatus(await patch({ status: 'in progress' }), 200).body
  assert.equal([started.status, started.startedOn, started.endedOn], ['in progress', TODAY, null])
  t.clock.now += 10 * DAY
  const done = expectStatus(await patch({ status: 'done' }), 200).body
  assert.equal([done.startedOn, done.endedOn], [TODAY, '2026-03-12'])
  const again = expectStatus(await patch({ status: 'planned' }), 200).body
  assert.equal([again.startedOn, again.endedOn], [null, null])
  const dropped = expectStatus(await patch({ status: 'dropped' }), 200).body
  assert.equal([dropped.startedOn, dropped.endedOn], [null, '2026-03-12'])
  // Dates can be set explicitly, when they fit the status.
  const backdated = expectStatus(
    await patch({ status: 'done', startedOn: '2026-02-01', endedOn: '2026-03-01' }),
    200,
  ).body
  assert.equal([backdated.startedOn, backdated.endedOn], ['2026-02-01', '2026-03-01'])
  const retitled = expectStatus(await patch({ title: 'Short meetings', draft: true }), 200).body
  assert.equal(
    [retitled.title, retitled.draft, retitled.status, retitled.endedOn],
    ['Short meetings', true, 'done', '2026-03-01'],
  )
})

test('bad input is a 422 naming the field, and nothing is written', async ({
  t,
  owner,
  cid,
  survey,
}) => {
  const other = await surveyIn(owner, (await communityWith(owner)).id)
  const bad = (body: object) => owner.post(`/api/communities/${cid}/actions`, body)
  const base = { surveyId: survey.id, title: 'Shorter meetings' }
  assertProblem(await bad({ ...base, title: '  ' }), 422, ['title'])
  assertProblem(await bad({ title: 'x' }), 422, ['surveyId'])
  assertProblem(await bad({ ...base, surveyId: other.id }), 422, ['surveyId'])
  assertProblem(await bad({ ...base, questionId: other.questions[0].id }), 422, ['questionId'])
  assertProblem(await bad({ ...base, dimension: 'joy' }), 422, ['dimension'])
  assertProblem(await bad({ ...base, group: { role: 'chair' } }), 422, ['group.role'])
  assertProblem(await bad({ ...base, group: { team: 'a', role: 'b' } }), 422, ['group'])
  assertProblem(await bad({ ...base, status: 'finished' }), 422, ['status'])
  assertProblem(await bad({ ...base, targetDate: '2026-02-30' }), 422, ['targetDate'])
  assertProblem(await bad({ ...base, targetDate: '2026-06-30T10:00:00Z' }), 422, ['targetDate'])
  assertProblem(await bad({ ...base, startedOn: TODAY }), 422, ['startedOn'])
  assertProblem(await bad({ ...base, status: 'done', endedOn: '2027-01-01' }), 422, ['endedOn'])
  assertProblem(
    await bad({ ...base, status: 'done', startedOn: '2026-02-10', endedOn: '2026-02-01' }),
    422,
    ['endedOn'],
  )
  assert.is(await rows(t, 'actions'), 0)

  const made = await actionIn(owner, cid, base)
  const before = (await owner.get(`/api/actions/${made.id}`)).body
  const patch = (body: object) => owner.patch(`/api/actions/${made.id}`, body)
  assertProblem(await patch({ title: '' }), 422, ['title'])
  assertProblem(await patch({ status: 'in progress', endedOn: TODAY }), 422, ['endedOn'])
  assertProblem(await patch({ surveyId: other.id }), 422, ['surveyId'])
  assertProblem(await patch({ questionId: 'nope' }), 422, ['questionId'])
  const update = (body: object) => owner.post(`/api/actions/${made.id}/updates`, body)
  assertProblem(await update({ text: '' }), 422, ['text'])
  assertProblem(await update({ text: 'x'.repeat(501) }), 422, ['text'])
  assertProblem(await update({ text: 'Soon', date: '2026-03-03' }), 422, ['date'])
  assert.equal((await owner.get(`/api/actions/${made.id}`)).body, before)
  assert.is(await rows(t, 'action_updates'), 0)
})

test('short dated updates come in the order they were added; one can be deleted', async ({
  t,
  owner,
  cid,
  survey,
}) => {
  const { id } = await actionIn(owner, cid, { surveyId: survey.id, title: 'Shorter meetings' })
  const first = await owner.post(`/api/actions/${id}/updates`, { text: ' Agenda drafted. ' })
  assert.is(first.status, 201)
  assert.equal(first.body.updates, [
    { id: first.body.updates[0].id, date: TODAY, text: 'Agenda drafted.' },
  ])
  t.clock.now += DAY
  await owner.post(`/api/actions/${id}/updates`, { text: 'Tried it once.', date: '2026-02-20' })
  const third = await owner.post(`/api/actions/${id}/updates`, { text: 'Kept to 30 minutes.' })
  assert.equal(
    third.body.updates.map((u: any) => [u.date, u.text]),
    [
      [TODAY, 'Agenda drafted.'],
      ['2026-02-20', 'Tried it once.'],
      ['2026-03-03', 'Kept to 30 minutes.'],
    ],
  )
  const gone = await owner.delete(`/api/actions/${id}/updates/${third.body.updates[1].id}`)
  assert.is(gone.status, 204)
  assert.equal(
    (await owner.get(`/api/actions/${id}`)).body.updates.map((u: any) => u.text),
    ['Agenda drafted.', 'Kept to 30 minutes.'],
  )
  assertProblem(await owner.delete(`/api/actions/${id}/updates/${third.body.updates[1].id}`), 404)
})

test('deleting an action deletes its updates', async ({ t, owner, cid, survey }) => {
  const { id } = await actionIn(owner, cid, { surveyId: survey.id, title: 'Shorter meetings' })
  await owner.post(`/api/actions/${id}/updates`, { text: 'Started.' })
  assert.is((await owner.delete(`/api/actions/${id}`)).status, 204)
  assertProblem(await owner.get(`/api/actions/${id}`), 404)
  assert.equal([await rows(t, 'actions'), await rows(t, 'action_updates')], [0, 0])
})

test('roles: viewers read, organizers act, others get 401 or 404', async ({
  t,
  owner,
  cid,
  survey,
}) => {
  const action = await actionIn(owner, cid, { surveyId: survey.id, title: 'Shorter meetings' })
  const viewer = await teammate(owner, cid, 'viewer')
  assert.equal((await viewer.get(`/api/communities/${cid}/actions`)).body, [action])
  assert.equal((await viewer.get(`/api/actions/${action.id}`)).body, action)
  assert.equal((await viewer.get(`/api/surveys/${survey.id}/follow-up-questions`)).body, {
    followUps: [],
  })
  const base = { surveyId: survey.id, title: 'x' }
  assertProblem(await viewer.post(`/api/communities/${cid}/actions`, base), 403)
  assertProblem(await viewer.patch(`/api/actions/${action.id}`, { status: 'done' }), 403)
  assertProblem(await viewer.post(`/api/actions/${action.id}/updates`, { text: 'x' }), 403)
  assertProblem(await viewer.delete(`/api/actions/${action.id}`), 403)

  const organizer = await teammate(owner, cid, 'organizer')
  const done = await organizer.patch(`/api/actions/${action.id}`, { status: 'done' })
  assert.equal([done.status, done.body.status], [200, 'done'])

  const stranger = await outsider(owner)
  assertProblem(await stranger.get(`/api/actions/${action.id}`), 404)
  assert.equal(
    (await stranger.get(`/api/actions/${action.id}`)).body,
    (await stranger.get('/api/actions/no-such-action')).body,
  )
  assertProblem(await stranger.patch(`/api/actions/${action.id}`, { title: 'x' }), 404)
  assertProblem(await stranger.get(`/api/communities/${cid}/actions`), 404)
  assertProblem(await new Agent(t).get(`/api/communities/${cid}/actions`), 401)
  assertProblem(await new Agent(t).delete(`/api/actions/${action.id}`), 401)
  assert.is(await rows(t, 'actions'), 1)
})

test('the list puts what is being done first and can keep to one survey', async ({
  owner,
  cid,
  survey,
}) => {
  const other = await surveyIn(owner, cid, 'Monthly')
  const make = (title: string, status: string, surveyId = survey.id) =>
    actionIn(owner, cid, { surveyId, title, status })
  await make('Dropped idea', 'dropped')
  await make('Finished', 'done')
  await make('Later', 'planned')
  await make('Now', 'in progress')
  await make('Elsewhere', 'in progress', other.id)
  const list = (q = '') => owner.get(`/api/communities/${cid}/actions${q}`)
  const titles = (res: any) => res.body.map((a: any) => a.title)
  const all = titles(await list())
  assert.equal(all.slice(0, 2).sort(), ['Elsewhere', 'Now'])
  assert.equal(all.slice(2), ['Later', 'Finished', 'Dropped idea'])
  assert.equal(titles(await list(`?surveyId=${other.id}`)), ['Elsewhere'])
})

test("members see their community's actions that are not drafts, and nothing else", async ({
  t,
  owner,
  cid,
  survey,
}) => {
  const [member] = await importMembers(owner, cid, [{ team: 'Kitchen' }])
  const key = await joinMember(t, member)
  const shown = await actionIn(owner, cid, {
    surveyId: survey.id,
    questionId: survey.questions[0].id,
    title: 'Shorter meetings',
    status: 'in progress',
  })
  await owner.post(`/api/actions/${shown.id}/updates`, { text: 'Agenda drafted.' })
  await actionIn(owner, cid, { surveyId: survey.id, title: 'Still a draft', draft: true })
  const elsewhere = await communityWith(owner)
  await actionIn(owner, elsewhere.id, {
    surveyId: (await surveyIn(owner, elsewhere.id)).id,
    title: 'Not yours',
  })
  const res = await new Agent(t).get('/api/me/actions', { bearer: key })
  assert.is(res.status, 200)
  assert.equal(res.body, [(await owner.get(`/api/actions/${shown.id}`)).body])
  assert.is(res.body[0].updates[0].text, 'Agenda drafted.')
  assertProblem(await new Agent(t).get('/api/me/actions'), 401)
  assertProblem(await owner.get('/api/me/actions'), 401)
})

test.run()

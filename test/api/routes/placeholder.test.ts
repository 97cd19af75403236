// The blank survey's placeholder question (api/surveys/placeholder.ts) never goes out to members:
// opening now, scheduling a pulse, setting a schedule and a schedule's occurrence all refuse it
// (docs/api.md "Surveys and pulses").
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runScheduler } from '../../../api/pulses/scheduler'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, communityWith, DAY, inDays, rows } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'

const placeholder = 'Write your first statement here'
const message = `Question 1 still says “${placeholder}”: rewrite it in the survey designer before a pulse opens.`

const test = suite<{ t: TestApp; owner: Agent; sid: string }>('placeholder question')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  const { id: cid } = await communityWith(ctx.owner, { members: 5 })
  // What the new-survey page sends for "Blank survey".
  const res = await ctx.owner.post(`/api/communities/${cid}/surveys`, {
    title: 'Untitled survey',
    questions: [{ kind: 'likert5', prompt: placeholder }],
  })
  assert.is(res.status, 201)
  ctx.sid = res.body.id
})

const rewrite = (owner: Agent, sid: string, prompt: string) =>
  owner.patch(`/api/surveys/${sid}`, { questions: [{ kind: 'likert5', prompt }] })

test('opening a pulse now is 422 at questions.0.prompt while the placeholder is untouched, and writes nothing', async ({
  t,
  owner,
  sid,
}) => {
  const res = await owner.post(`/api/surveys/${sid}/pulses`, { closesAt: inDays(t, 7) })
  assertProblem(res, 422, ['questions.0.prompt'])
  assert.is(res.body.detail, message)
  assert.equal(res.body.errors, [{ path: 'questions.0.prompt', message }])
  assert.is(await rows(t, 'pulses'), 0)
  assert.is(await rows(t, 'pulse_keys'), 0)
})

test('a placeholder with only spaces added is still untouched; once rewritten, the pulse opens', async ({
  t,
  owner,
  sid,
}) => {
  const spaced = await owner.patch(`/api/surveys/${sid}`, {
    questions: [
      { kind: 'yesno', prompt: 'Is this clear?' },
      { kind: 'likert5', prompt: `  ${placeholder} ` },
    ],
  })
  assert.is(spaced.status, 200)
  const refused = await owner.post(`/api/surveys/${sid}/pulses`, { closesAt: inDays(t, 7) })
  assertProblem(refused, 422, ['questions.1.prompt'])
  assert.match(refused.body.errors[0].message, /^Question 2 still says/)
  assert.is((await rewrite(owner, sid, 'I can speak up here.')).status, 200)
  const opened = await owner.post(`/api/surveys/${sid}/pulses`, { closesAt: inDays(t, 7) })
  assert.is(opened.status, 201)
  assert.is(opened.body.status, 'open')
})

test('scheduling a pulse for later is 422 while the placeholder is untouched', async ({
  t,
  owner,
  sid,
}) => {
  const res = await owner.post(`/api/surveys/${sid}/pulses`, {
    opensAt: inDays(t, 2),
    closesAt: inDays(t, 9),
  })
  assertProblem(res, 422, ['questions.0.prompt'])
  assert.is(res.body.detail, message)
  assert.is(await rows(t, 'pulses'), 0)
})

test('setting a schedule is 422 while the placeholder is untouched, and stores no schedule', async ({
  t,
  owner,
  sid,
}) => {
  const res = await owner.put(`/api/surveys/${sid}/schedule`, {
    cadence: 'weekly',
    startsAt: inDays(t, 1),
    durationDays: 3,
  })
  assertProblem(res, 422, ['questions.0.prompt'])
  assert.is(res.body.detail, message)
  assert.is(await rows(t, 'schedules'), 0)
  assertProblem(await owner.get(`/api/surveys/${sid}/schedule`), 404)
})

test("a schedule's occurrence is skipped with the reason when the placeholder is back by then", async ({
  t,
  owner,
  sid,
}) => {
  assert.is((await rewrite(owner, sid, 'I can speak up here.')).status, 200)
  const schedule = { cadence: 'weekly', startsAt: inDays(t, 1), durationDays: 3 }
  assert.is((await owner.put(`/api/surveys/${sid}/schedule`, schedule)).status, 200)
  // Questions can change until a pulse opens: someone puts the placeholder back.
  assert.is((await rewrite(owner, sid, placeholder)).status, 200)
  t.clock.now += DAY
  const tick = await runScheduler(t.deps)
  assert.equal(tick, { created: 1, opened: 0, skipped: 1, closed: 0 })
  const [pulse, ...others] = (await owner.get(`/api/surveys/${sid}/pulses`)).body
  assert.equal(others, [])
  assert.equal([pulse.status, pulse.reason, pulse.eligible], ['skipped', message, 0])
  assert.is(await rows(t, 'pulse_keys'), 0)
})

test('a pulse scheduled for later is skipped with the reason when the placeholder is back by then', async ({
  t,
  owner,
  sid,
}) => {
  assert.is((await rewrite(owner, sid, 'I can speak up here.')).status, 200)
  const later = await owner.post(`/api/surveys/${sid}/pulses`, {
    opensAt: inDays(t, 1),
    closesAt: inDays(t, 4),
  })
  assert.is(later.status, 201)
  assert.is((await rewrite(owner, sid, placeholder)).status, 200)
  t.clock.now += DAY
  assert.equal(await runScheduler(t.deps), { created: 0, opened: 0, skipped: 1, closed: 0 })
  const got = await owner.get(`/api/pulses/${later.body.id}`)
  assert.equal([got.body.status, got.body.reason], ['skipped', message])
})

test.run()

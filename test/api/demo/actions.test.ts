import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fillDemo } from '../../../api/demo/fill'
import { testApp } from '../../helpers/app'
import { Agent, setupOwner } from '../../helpers/http'

// The demo's "you said, we did": actions planned from the results, updated, one done and one
// dropped, and pulses that asked follow-up questions about them, answered by members.

const test = suite('demo: actions')

test('the demo plans actions whose follow-up questions later pulses ask and members answer', async () => {
  const t = await testApp()
  const owner = await setupOwner(t)
  const result = await fillDemo(t.app, {
    clock: t.clock,
    weeks: 8,
    share: 3,
    login: { email: 'owner@example.org', password: 'correct horse battery' },
  })
  const list = (await owner.get(`/api/communities/${result.communityId}/actions`)).body
  assert.is(list.length, result.actions)
  assert.equal(list.map((a: any) => a.status).sort(), [
    'done',
    'dropped',
    'in progress',
    'in progress',
    'planned',
  ])
  assert.ok(
    list.some((a: any) => a.draft),
    'one is still a draft',
  )
  assert.ok(
    list.every((a: any) => a.draft || a.updates.length > 0),
    'each shown one has an update',
  )
  assert.ok(result.followUpPulses >= 2, `${result.followUpPulses} pulses asked follow-ups`)
  const answered = list.flatMap((a: any) => a.followUps).filter((p: any) => p.result)
  assert.ok(
    answered.some((p: any) => !p.result.suppressed && p.result.n >= 5),
    'a follow-up question was answered by enough members to be shown',
  )
  const member = result.roster.find((m) => m.memberKey)!
  const seen = (await new Agent(t).get('/api/me/actions', { bearer: member.memberKey })).body
  assert.is(seen.length, list.length - 1, 'members see every action but the draft')
  assert.ok(
    seen.some((a: any) => a.followUps.some((p: any) => p.result && !p.result.suppressed)),
    'members see how it is going, from the shared pulses',
  )
})

test.run()

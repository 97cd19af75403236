import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { fillDemo } from '../../../api/demo/fill'
import { answerComments } from '../../../api/demo/threads'
import { testApp } from '../../helpers/app'
import { setupOwner } from '../../helpers/http'
import { query } from '../../helpers/protocol'

const test = suite('demo: answered comments')

test('the demo answers comments on shared results: replies, writers answering back, released in a batch', async () => {
  const t = await testApp()
  const owner = await setupOwner(t)
  const login = { email: 'owner@example.org', password: 'correct horse battery' }
  const result = await fillDemo(t.app, { clock: t.clock, weeks: 2, share: 2, login })
  assert.ok(result.replySecrets.length > 0, 'the members kept a secret for each comment')
  const done = await answerComments(t.app, t.deps.db, { clock: t.clock, login, result })
  assert.equal(done, { replies: 7, followUps: 4 })
  assert.equal(await query(t, 'select count(*) as n from pending_follow_ups'), [{ n: 0 }])
  // What a member reads: threads with the organizer's replies and the writers' answers.
  const reader = result.roster.find((m) => m.memberKey)!
  const pid = result.sharedPulseIds[1]
  const res = await owner.get(`/api/pulses/${pid}/threads`)
  const answered = res.body.threads.filter((th: any) => th.posts.length > 0)
  assert.is(answered.length, 3)
  const posts = answered.map((th: any) => th.posts.map((p: any) => p.by).join(' '))
  assert.equal(posts.sort(), ['organizers', 'organizers author', 'organizers author organizers'])
  const members = await t.app.request(`/api/me/results/${pid}/threads`, {
    headers: { authorization: `Bearer ${reader.memberKey}` },
  })
  assert.is(members.status, 200)
})

test.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Thread, Threads } from '../../../web/organizer/api-types'
import { threadsModel } from '../../../web/organizer/models/threads-model'

// The report page's threads (web/organizer/models/threads-model.ts): read once for every text
// question, each reply or hide replacing its thread with the server's answer.

const test = suite('organizer: threads model')
const realFetch = globalThis.fetch
let seen: { url: string; body?: unknown }[] = []
let answers: (() => Response)[] = []

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  })

test.before.each(() => {
  seen = []
  answers = []
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined })
    return answers.shift()!()
  }) as typeof fetch
})
test.after.each(() => {
  globalThis.fetch = realFetch
})

const thread = (id: string, questionId: string, posts: Thread['posts'] = []): Thread => ({
  id,
  questionId,
  text: `comment ${id}`,
  posts,
})
const loaded: Threads = {
  released: true,
  threads: [thread('a', 'q1'), thread('b', 'q2'), thread('c', 'q1')],
}

test('loads once, when first wanted, and groups the threads by question', async () => {
  answers.push(() => json(200, loaded))
  const m = threadsModel('p1')
  assert.is(seen.length, 0, 'nothing is fetched before the comments are wanted')
  m.want()
  m.want()
  await new Promise((r) => setTimeout(r, 0))
  assert.equal(
    seen.map((s) => s.url),
    ['/api/pulses/p1/threads'],
  )
  assert.equal(
    m.of('q1').map((t) => t.id),
    ['a', 'c'],
  )
  assert.equal(m.of('q3'), [])
})

test('a reply sends the draft, replaces its thread with the answer and clears the draft', async () => {
  answers.push(() => json(200, loaded))
  const m = threadsModel('p1')
  m.want()
  await new Promise((r) => setTimeout(r, 0))
  const f = m.formsFor('c')
  assert.is(m.formsFor('c'), f, 'one set of forms per thread')
  f.draft.value = 'Thank you.'
  const replied = thread('c', 'q1', [{ position: 1, by: 'organizers', text: 'Thank you.' }])
  answers.push(() => json(201, replied))
  await f.reply.run()
  assert.equal(seen[1], { url: '/api/pulses/p1/threads/c/replies', body: { text: 'Thank you.' } })
  assert.equal(m.of('q1')[1], replied)
  assert.is(f.draft.value, '')
})

test('hiding sends the reason and the post; a 422 keeps the reason and names the field', async () => {
  answers.push(() => json(200, loaded))
  const m = threadsModel('p1')
  m.want()
  await new Promise((r) => setTimeout(r, 0))
  const f = m.formsFor('a')
  f.reason.value = ' '
  answers.push(() =>
    json(422, {
      type: 'about:blank',
      title: 'Invalid input',
      status: 422,
      detail: 'The request has invalid fields.',
      errors: [{ path: 'reason', message: 'must say why' }],
    }),
  )
  assert.is(await f.hide.run(2), undefined)
  assert.equal(seen[1], {
    url: '/api/pulses/p1/threads/a/hide',
    body: { reason: ' ', position: 2 },
  })
  assert.is(f.hide.fieldErrors.value.reason, 'must say why')
  assert.is(f.reason.value, ' ')
  f.reason.value = 'Names a person.'
  const hidden = { ...thread('a', 'q1'), text: undefined, hidden: { reason: 'Names a person.' } }
  answers.push(() => json(200, hidden))
  await f.hide.run()
  assert.equal(seen[2].body, { reason: 'Names a person.' })
  assert.equal(m.of('q1')[0].hidden, { reason: 'Names a person.' })
})

test.run()

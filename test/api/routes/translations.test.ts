import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../helpers/app'
import { assertProblem, communityWith, rows } from '../../helpers/fixtures'
import { Agent, setupOwner } from '../../helpers/http'
import { myPulse, openPulseWithMembers } from '../../helpers/protocol'

const test = suite<{ t: TestApp; owner: Agent; cid: string }>('question translations')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
  ctx.owner = await setupOwner(ctx.t)
  ctx.cid = (await communityWith(ctx.owner, { members: 5 })).id
})

const choice = {
  kind: 'choice',
  prompt: 'Where do you hear the news?',
  options: ['Chat', 'Email'],
  translations: {
    de: { prompt: 'Wo erfahren Sie Neuigkeiten?', options: ['Chat', 'E-Mail'] },
    'pt-BR': { prompt: 'Onde você fica sabendo das novidades?' },
  },
}
const likert = {
  kind: 'likert5',
  prompt: 'I feel safe here.',
  translations: { de: { prompt: 'Ich fühle mich hier sicher.' } },
}

const create = (owner: Agent, cid: string, questions: unknown[]) =>
  owner.post(`/api/communities/${cid}/surveys`, { title: 'Languages', questions })

test('translations are stored with the question and returned on create, read and update', async ({
  owner,
  cid,
}) => {
  const created = await create(owner, cid, [choice, likert])
  assert.is(created.status, 201)
  assert.equal(created.body.questions[0].translations, choice.translations)
  assert.equal(created.body.questions[1].translations, likert.translations)

  const read = await owner.get(`/api/surveys/${created.body.id}`)
  assert.equal(read.body.questions, created.body.questions)

  const [first, second] = created.body.questions
  const patched = await owner.patch(`/api/surveys/${created.body.id}`, {
    questions: [
      { ...first, translations: { de: { prompt: 'Woher kommen Ihre Nachrichten?' } } },
      { ...second, translations: {} },
    ],
  })
  assert.is(patched.status, 200)
  assert.equal(patched.body.questions[0].translations, {
    de: { prompt: 'Woher kommen Ihre Nachrichten?' },
  })
  assert.is('translations' in patched.body.questions[1], false, 'an empty map is not stored')
})

test("a translation's options must match the question's options one for one", async ({
  t,
  owner,
  cid,
}) => {
  const before = await rows(t, 'surveys')
  const short = { ...choice, translations: { de: { prompt: 'Wo?', options: ['Chat'] } } }
  const res = await create(owner, cid, [likert, short])
  assertProblem(res, 422, ['questions.1.translations.de.options'])
  assert.match(res.body.errors[0].message, /needs 2 options/)
  const onLikert = { ...likert, translations: { de: { prompt: 'Ja?', options: ['a', 'b'] } } }
  assertProblem(await create(owner, cid, [onLikert]), 422, ['questions.0.translations.de.options'])
  assert.is(await rows(t, 'surveys'), before, 'nothing was written')
})

test('unknown fields, bad language codes and empty prompts are refused with their paths', async ({
  owner,
  cid,
}) => {
  const extra = { ...likert, translations: { de: { prompt: 'Ja', hint: 'no such field' } } }
  assertProblem(await create(owner, cid, [extra]), 422, ['questions.0.translations.de'])
  const code = { ...likert, translations: { German: { prompt: 'Ja' } } }
  assertProblem(await create(owner, cid, [code]), 422, ['questions.0.translations.German'])
  const empty = { ...likert, translations: { de: { prompt: '  ' } } }
  assertProblem(await create(owner, cid, [empty]), 422, ['questions.0.translations.de.prompt'])
})

test('the shipped templates carry German translations that keep their options in step', async ({
  owner,
}) => {
  const templates = (await owner.get('/api/templates')).body
  for (const template of templates) {
    for (const q of template.questions) {
      assert.type(q.translations?.de?.prompt, 'string', q.prompt)
      assert.is(q.translations.de.options?.length, q.options?.length, q.prompt)
    }
  }
})

test('members read the translations with the pulse they answer', async ({ t, owner }) => {
  const opened = await openPulseWithMembers(t, { owner, questions: [choice as any, likert as any] })
  const entry = await myPulse(t, opened.members[0].memberKey!, opened.pulse.id)
  assert.equal(entry.survey.questions[0].translations, choice.translations)
})

test.run()

// `change` (DESIGN.md 5): a group is compared with the previous pulse the reader may see —
// organizers and viewers the previous closed pulse, members the previous shared one — and only
// where both groups count cohorts with the same labels, so numbers of a pulse nobody shared, or
// of a group merged differently, never leak through a delta.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import type { QuestionSpec } from '../../../helpers/protocol'
import { DAY, expectStatus, signInAgain } from '../../../helpers/fixtures'
import {
  answerAll,
  close,
  entry,
  near,
  openNext,
  reportOf,
  reportPulse,
  withAttribute,
} from '../../../helpers/reports'
import { Agent } from '../../../helpers/http'

const test = suite<{ t: TestApp }>('reports-http: change')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const questions: QuestionSpec[] = [{ kind: 'likert5', prompt: 'I can speak up here.' }]

async function results(t: TestApp, memberKey: string) {
  return expectStatus(await new Agent(t).get('/api/me/results', { bearer: memberKey }), 200).body
}

test('members compare with the previous shared pulse; organizers with the previous closed one', async ({
  t,
}) => {
  const { owner, survey, pulse: first, members } = await reportPulse(t, { members: 6, questions })
  const run = async (pulseId: string, value: number, share: boolean) => {
    await answerAll(
      t,
      pulseId,
      survey,
      members,
      members.map(() => [value]),
    )
    await close(owner, pulseId)
    if (share) expectStatus(await owner.post(`/api/pulses/${pulseId}/share`), 200)
  }
  await run(first.id, 2, true)
  t.clock.now += 8 * DAY
  const unshared = await openNext(owner, survey.id)
  await run(unshared.id, 5, false)
  t.clock.now += 8 * DAY
  await signInAgain(owner)
  const third = await openNext(owner, survey.id)
  await run(third.id, 3, true)

  // Organizers: 3 against the unshared pulse's 5.
  near(entry((await reportOf(owner, third.id)).groups[0], survey, 0).change.mean.delta, 3 - 5)
  // Members: 3 against the first pulse's 2; nothing of the unshared pulse shows.
  const seen = await results(t, members[0].memberKey!)
  const latest = seen.find((r: any) => r.pulse.id === third.id)
  near(latest.groups[0].questions[0].change.mean.delta, 3 - 2)
  assert.not.ok(JSON.stringify(seen).includes(unshared.id))
})

test('groups counting cohorts with other labels are never compared', async ({ t }) => {
  // Joined: a 8, b 7, c 6, and a pool of 5 without a team; so a small c merges with the pool.
  const members = [
    ...withAttribute(8, 'team', 'a'),
    ...withAttribute(7, 'team', 'b'),
    ...withAttribute(6, 'team', 'c'),
    {},
    {},
    {},
    {},
    {},
  ]
  const {
    owner,
    survey,
    pulse: first,
    members: joined,
  } = await reportPulse(t, { attributes: ['team'], members, questions })
  const of = (team?: string) => joined.filter((m) => m.attributes.team === team)
  const everyone = async (pulseId: string, value: number, cAnswering = 6) => {
    for (const team of ['a', 'b', undefined])
      await answerAll(
        t,
        pulseId,
        survey,
        of(team),
        of(team).map(() => [value]),
      )
    await answerAll(
      t,
      pulseId,
      survey,
      of('c').slice(0, cAnswering),
      of('c')
        .slice(0, cAnswering)
        .map(() => [value]),
    )
  }
  await everyone(first.id, 2, 2)
  await close(owner, first.id)
  t.clock.now += 8 * DAY
  const second = await openNext(owner, survey.id)
  await everyone(second.id, 4)
  await close(owner, second.id)

  const before = await reportOf(owner, first.id, 'team')
  const after = await reportOf(owner, second.id, 'team')
  // First pulse: c (2) merged with the pool, counted in {}; second: c on its own, {} is the pool.
  assert.equal(
    before.groups.map((g: any) => [g.cohort, g.keyIds.length]),
    [
      [{ team: 'a' }, 1],
      [{ team: 'b' }, 1],
      [{}, 2],
    ],
  )
  assert.equal(
    after.groups.map((g: any) => [g.cohort, g.keyIds.length]),
    [
      [{ team: 'a' }, 1],
      [{ team: 'b' }, 1],
      [{ team: 'c' }, 1],
      [{}, 1],
    ],
  )
  const [a, b, c, rest] = after.groups
  near(entry(a, survey, 0).change.mean.delta, 2)
  near(entry(b, survey, 0).change.mean.delta, 2)
  // {} then counted c and the pool, {} now the pool alone: the same label, other cohorts.
  assert.is(entry(rest, survey, 0).change, undefined)
  assert.is(entry(c, survey, 0).change, undefined)
})

test.run()

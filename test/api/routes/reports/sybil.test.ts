// The attack an independent review staged against the old gate, end to end through HTTP: an
// organizer with crossing attributes (team × role) pads two cohorts and joins one sybil, so
// that report team=a minus report role=x equals cohort a/y (the target alone) minus cohort b/x
// (the sybil alone), and reads the target's answers exactly. Each defence is shown doing its part:
// invitees who never join cannot pad a cohort (DESIGN.md 3), and cells coarsened at close keep
// the target inseparable from its team (DESIGN.md 5) when the padding is done with joined sybils.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testApp, type TestApp } from '../../../helpers/app'
import type { QuestionSpec } from '../../../helpers/protocol'
import { expectStatus } from '../../../helpers/fixtures'
import { setupOwner } from '../../../helpers/http'
import { answerPulse, joinMember, type JoinedMember } from '../../../helpers/protocol'
import {
  answersOf,
  close,
  importInto,
  openNext,
  reportOf,
  type MemberSpec,
} from '../../../helpers/reports'

const test = suite<{ t: TestApp }>('reports-http: the one-sybil organizer')
test.before.each(async (ctx) => {
  ctx.t = await testApp()
})

const questions: QuestionSpec[] = [{ kind: 'likert5', prompt: 'I feel safe to speak up.' }]
const at = (team: string, role: string, n: number): MemberSpec[] =>
  Array.from({ length: n }, () => ({ attributes: { team, role } }))

/**
 * k = 3. a/x and b/y: 4 honest members each; a/y: the target and two pads; b/x: the sybil and two
 * pads. `padsJoin` says whether the organizer also joined the pads with their invite links.
 */
async function staged(t: TestApp, padsJoin: boolean) {
  const owner = await setupOwner(t)
  const community = expectStatus(
    await owner.post('/api/communities', {
      name: 'Riverside',
      attributes: ['team', 'role'],
      minGroupSize: 3,
      minCommentGroupSize: 5,
    }),
    201,
  ).body
  const imported = await importInto(owner, community.id, [
    ...at('a', 'x', 4),
    ...at('a', 'y', 3),
    ...at('b', 'x', 3),
    ...at('b', 'y', 4),
  ])
  const [ax, ay, bx, by] = [
    imported.slice(0, 4),
    imported.slice(4, 7),
    imported.slice(7, 10),
    imported.slice(10),
  ]
  const target = ay[0]
  const sybil = bx[0]
  const honest = [...ax, target, ...by]
  // The organizer holds every invite link the import returned: it joins the sybil (and the pads).
  for (const m of [...honest, sybil, ...(padsJoin ? [...ay.slice(1), ...bx.slice(1)] : [])])
    await joinMember(t, m)
  const survey = expectStatus(
    await owner.post(`/api/communities/${community.id}/surveys`, { title: 'Pulse', questions }),
    201,
  ).body
  const pulse = await openNext(owner, survey.id)
  const answer = async (m: JoinedMember, value: number) =>
    expectStatus(
      (await answerPulse(t, pulse.id, m.memberKey!, answersOf(survey, [value]))).reply,
      201,
    )
  // Honest members answer as people do, the target 1 (what the attacker wants to learn), the sybil 5.
  for (const [i, m] of ax.entries()) await answer(m, [4, 3, 5, 2][i])
  for (const [i, m] of by.entries()) await answer(m, [3, 3, 4, 5][i])
  await answer(target, 1)
  await answer(sybil, 5)
  await close(owner, pulse.id)
  const keys = (await owner.get(`/api/pulses/${pulse.id}/keys`)).body as {
    keyId: string
    cohort: Record<string, string>
    joined: number
  }[]
  const reports = Object.fromEntries(
    await Promise.all(
      ['', 'team', 'role'].map(
        async (by) => [by, await reportOf(owner, pulse.id, by || undefined)] as const,
      ),
    ),
  )
  return { keys, reports }
}

/** Every released group of every cut: its cohorts and its likert histogram. */
function released(reports: Record<string, any>) {
  return Object.values(reports).flatMap((report) =>
    report.groups
      .filter((g: any) => !g.suppressed)
      .map((g: any) => ({
        keyIds: g.keyIds as string[],
        histogram: g.questions[0].distribution as Record<string, number>,
      })),
  )
}

test('invitees who never joined cannot pad a cohort: a/y and b/x never exist', async ({ t }) => {
  const { keys } = await staged(t, false)
  const labels = keys
    .map((k) => `${k.cohort.team ?? '*'}/${k.cohort.role ?? '*'}:${k.joined}`)
    .sort()
  // a/y holds one joined member and b/x one: each team stays one cohort.
  assert.equal(labels, ['a/*:5', 'b/*:5'])
})

test('with joined pads, the target is never separated from its team: no difference of cuts reads it', async ({
  t,
}) => {
  const { keys, reports } = await staged(t, true)
  const id = (team: string, role: string) =>
    keys.find((k) => k.cohort.team === team && k.cohort.role === role)!.keyId
  // The cohorts the attack needs exist, each with k joined, and the target's holds one respondent.
  assert.equal(keys.map((k) => `${k.cohort.team}/${k.cohort.role}:${k.joined}`).sort(), [
    'a/x:4',
    'a/y:3',
    'b/x:3',
    'b/y:4',
  ])
  // The role cut releases nothing by role: role=x is not there to subtract.
  assert.equal(
    reports.role.groups.map((g: any) => g.cohort),
    [{}],
  )
  assert.equal(
    reports.team.groups.map((g: any) => [g.cohort, [...g.keyIds].sort()]),
    [
      [{ team: 'a' }, [id('a', 'x'), id('a', 'y')].sort()],
      [{ team: 'b' }, [id('b', 'x'), id('b', 'y')].sort()],
    ],
  )
  // In every released group the target's cohort comes with a/x: every difference of released
  // numbers counts both or neither, so the target's 1 hides among a/x's four answers.
  const groups = released(reports)
  assert.ok(groups.length >= 3)
  for (const g of groups)
    assert.is(g.keyIds.includes(id('a', 'y')), g.keyIds.includes(id('a', 'x')))
  // The attack's own arithmetic on what is released: team=a minus every other group, and minus
  // every difference, never yields the target's histogram alone (one answer of 1).
  const target = { '1': 1, '2': 0, '3': 0, '4': 0, '5': 0 }
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.keys(a).map((v) => [v, a[v] - b[v]]))
  const zero = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }
  const sybil = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 }
  for (const a of groups) {
    for (const b of [...groups, { keyIds: [], histogram: zero }]) {
      const diff = minus(a.histogram, b.histogram)
      for (const candidate of [diff, minus(diff, minus(zero, sybil))])
        assert.not.equal(candidate, target)
    }
  }
})

test.run()

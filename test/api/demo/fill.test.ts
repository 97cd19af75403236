import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEMO_COMMUNITY, DEMO_DOMAIN } from '../../../api/demo/data'
import { mondayMorning } from '../../../api/demo/calendar'
import { fillDemo, type DemoProgress } from '../../../api/demo/fill'
import { testApp } from '../../helpers/app'
import { setupOwner } from '../../helpers/http'
import { rowCounts } from '../../helpers/protocol'

const test = suite('demo')

test('a few demo weeks run through the protocol and leave closed pulses with released views', async () => {
  const t = await testApp()
  const owner = await setupOwner(t)
  const began = t.clock.now
  const progress: DemoProgress[] = []
  const result = await fillDemo(t.app, {
    clock: t.clock,
    weeks: 3,
    share: 1,
    login: { email: 'owner@example.org', password: 'correct horse battery' },
    onProgress: (p) => progress.push(p),
  })

  assert.equal(
    progress.map((p) => p.pulses),
    [1, 2, 3],
  )
  assert.is(progress.at(-1)!.responses, result.responses)
  assert.ok(t.clock.now < began, 'the weeks lie before the clock the demo started from')
  assert.is(
    Date.parse((await owner.get(`/api/pulses/${result.pulseIds[0]}`)).body.opensAt),
    mondayMorning(began) - 3 * 7 * 86_400_000,
  )

  const [community] = (await owner.get('/api/communities')).body
  assert.is(community.name, DEMO_COMMUNITY)
  assert.equal(community.attributes, ['team', 'tenure'])

  let total = 0
  for (const [i, pid] of result.pulseIds.entries()) {
    const pulse = (await owner.get(`/api/pulses/${pid}`)).body
    assert.is(pulse.status, 'closed')
    assert.is(pulse.shared, i === 2)
    assert.ok(
      pulse.responded >= 0.65 * pulse.eligible && pulse.responded <= 0.96 * pulse.eligible,
      `${pulse.responded} of ${pulse.eligible}`,
    )
    total += pulse.responded

    const report = (await owner.get(`/api/pulses/${pid}/report`)).body
    assert.is(report.released, true)
    assert.is(report.groups[0].suppressed, false)
    assert.is(report.groups[0].respondents, pulse.responded)
    // Teams with fewer than k respondents that week are merged and counted under {}: the
    // released groups of the cut still count every cohort exactly once.
    const byTeam = (await owner.get(`/api/pulses/${pid}/report?by=team`)).body
    const keys = (await owner.get(`/api/pulses/${pid}/keys`)).body.map((k: any) => k.keyId)
    const teams = byTeam.groups.map((g: any) => g.cohort.team ?? '{}')
    assert.ok(
      teams.every((team: string) => ['build', 'care', 'outreach', '{}'].includes(team)),
      `${teams}`,
    )
    const counted = byTeam.groups.flatMap((g: any) => g.keyIds ?? [])
    assert.equal([...counted].sort(), [...keys].sort())
  }
  assert.is(total, result.responses)
  // Newcomers were imported in the second week.
  assert.is((await owner.get(`/api/pulses/${result.pulseIds[2]}`)).body.eligible, 22)

  const survey = (await owner.get(`/api/surveys/${result.surveyId}`)).body
  const text = survey.questions.find((q: any) => q.kind === 'text')
  const comments: string[] = []
  for (const pid of result.pulseIds) {
    const res = (await owner.get(`/api/pulses/${pid}/comments?questionId=${text.id}`)).body
    assert.is(res.released, true)
    comments.push(...res.comments)
  }
  assert.is(comments.length, result.comments)
  assert.ok(comments.length > 0)
  assert.ok(
    comments.every((c) => !c.includes(`@${DEMO_DOMAIN}`)),
    'no member email survives redaction',
  )

  const trend = (await owner.get(`/api/surveys/${result.surveyId}/trend?by=team`)).body
  assert.is(trend.pulses.length, 3)
  // One series per team any pulse released, and {} where a week merged teams.
  const series = trend.groups.map((g: any) => g.cohort.team ?? '{}').sort()
  assert.ok(
    ['build', 'care', 'outreach'].every((team) => series.includes(team) || series.includes('{}')),
    `${series}`,
  )
  // Raw answers, tokens and issuance rows are gone once every pulse closed.
  const counts = await rowCounts(t)
  assert.equal(
    [counts.responses, counts.answers, counts.spent_tokens, counts.token_issuances],
    [0, 0, 0, 0],
  )
})

test.run()

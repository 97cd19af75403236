// Scenario 3: the organizer closes the pulse, reads its report cut by team, and shares the
// results; a member reloads their home page and sees them.
import type { Page, Response } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { answering, e2e, need, roster, visit } from './harness'

const Report = suite('report: close, cut by team, share')

const organizer = () => need(e2e.organizer, 'the organizer page')
const h1 = (p: Page, name: string | RegExp) => p.getByRole('heading', { level: 1, name })

interface Group {
  cohort: Record<string, string>
  suppressed: boolean
  keyIds?: string[]
  respondents?: number
  questions?: { questionId: string; suppressed: boolean; n?: number }[]
}
interface ReportBody {
  participation: { eligible: number; responded: number; rate: number }
  released: boolean
  groups: Group[]
}

async function pulsesPage(p: Page) {
  const sid = need(e2e.story.surveyId, 'the survey')
  await p.goto(`/surveys/${sid}/pulses`)
  await h1(p, 'Pulses: Trust pulse').waitFor()
  return p
    .getByRole('listitem')
    .filter({ has: p.getByRole('progressbar', { name: 'Participation' }) })
}

Report(
  'the organizer closes the pulse from its page; every answer was counted exactly once',
  async () => {
    const p = organizer()
    const pulse = await pulsesPage(p)
    await pulse
      .getByText(`At least ${answering - (answering % 5)} of ${roster.length} responded`)
      .waitFor()
    await pulse.getByRole('button', { name: 'Close now' }).click() // confirm() is accepted
    await pulse.getByText('Closed', { exact: true }).waitFor()
    const rate = Math.floor((answering / roster.length) * 100)
    await pulse.getByText(`${answering} of ${roster.length} responded (${rate}%)`).waitFor()

    const sid = need(e2e.story.surveyId, 'the survey')
    const [closed] = await (await p.request.get(`/api/surveys/${sid}/pulses`)).json()
    assert.is(closed.status, 'closed')
    assert.is(closed.eligible, roster.length)
    // The member who was offline on send counted once: responded is exactly the members who
    // got a receipt, no more (a double send) and no fewer (a lost answer).
    assert.is(closed.responded, answering)
    assert.is(e2e.story.answered.length, answering)
    await visit(p, 'organizer-pulses-closed')
  },
)

Report('the report cut by team merges the teams too small to stay anonymous', async () => {
  const p = organizer()
  const pid = need(e2e.story.pulseId, 'the pulse')
  const seen: Response[] = []
  const listen = (r: Response) =>
    void (r.url().includes(`/api/pulses/${pid}/report`) && seen.push(r))
  p.on('response', listen)
  try {
    const pulse = await pulsesPage(p)
    await pulse.getByRole('link', { name: 'Report' }).click()
    await p.waitForURL(`**/pulses/${pid}/report`)
    await checkReportPage(p, pid, seen)
  } finally {
    p.off('response', listen)
  }
})

function assertOverall(report: ReportBody) {
  assert.is(report.released, true)
  assert.equal(report.participation, {
    eligible: roster.length,
    responded: answering,
    rate: answering / roster.length,
  })
  assert.is(report.groups.length, 1)
  assert.is(report.groups[0].suppressed, false)
  assert.is(report.groups[0].respondents, answering)
}

function assertByTeam(report: ReportBody) {
  const view = report.groups.map((g) => ({
    cohort: g.cohort,
    suppressed: g.suppressed,
    respondents: g.respondents,
  }))
  // build: 5 answered → shown; care (3) is merged with the pool (outreach 1 + events 1), the
  // sibling with the fewest joined (5, build has 6): together 5, shown as "team: care + mixed".
  assert.equal(view, [
    { cohort: { team: 'build' }, suppressed: false, respondents: 5 },
    { cohort: {}, suppressed: false, respondents: 5 },
  ])
  const build = report.groups[0]
  assert.ok(build.questions?.every((q) => q.suppressed === false && q.n === 5))
  assert.is(report.groups[1].keyIds?.length, 2, 'the merged group counts two cohorts')
}

/** Ten answered (= k_text), so the comments are released, with members' emails blanked out. */
async function checkComments(p: Page, pid: string) {
  const survey = await (
    await p.request.get(`/api/surveys/${need(e2e.story.surveyId, 'the survey')}`)
  ).json()
  const text = survey.questions.find((q: { kind: string }) => q.kind === 'text')
  const body = await (
    await p.request.get(`/api/pulses/${pid}/comments?questionId=${text.id}`)
  ).json()
  assert.is(body.released, true)
  assert.is(body.comments.length, 3)
  assert.ok(body.comments.includes('Newcomers get a warm welcome.'))
  const pairing = body.comments.find((c: string) =>
    c.startsWith('I would like more time for pairing'),
  )
  assert.ok(pairing, 'the comment that named a member is released')
  assert.not.match(pairing, 'ben@example.org', 'a member email in a comment is redacted')
}

/**
 * The report page proper: the groups cut by team, read from the heatmap's table, and checked
 * against the report by team that the page itself fetched.
 */
async function checkReportPage(p: Page, pid: string, seen: Response[]) {
  await h1(p, 'Report: Trust pulse').waitFor()
  const participation = p.getByRole('region', { name: 'Participation' })
  await participation.getByRole('definition').first().waitFor()
  const facts = ((await participation.textContent()) ?? '').replace(/\s+/g, '')
  assert.match(facts, `Eligible${roster.length}`)
  assert.match(facts, `Responded${answering}`)
  const comments = p.getByRole('article', { name: /Anything else you would like to share/ })
  await comments.getByText('3 comments, in random order.').waitFor()
  assert.not.match((await comments.textContent()) ?? '', 'ben@example.org', 'emails are redacted')

  const groups = p.getByRole('region', { name: 'Groups' })
  await groups.getByRole('combobox', { name: 'Groups by' }).selectOption('team')
  const heatmap = groups.getByRole('img', { name: 'Groups by team' })
  await heatmap.waitFor()
  await visit(p, 'organizer-report')

  // The heatmap's numbers as a table: one column per group, one row per dimension.
  await groups.getByText('Show as table').click()
  const table = groups.getByRole('table', { name: 'Groups by team' })
  const heads = await table.getByRole('columnheader').allTextContents()
  assert.equal(
    heads.map((h) => h.replace(/\(.*\)/, '(…)')),
    ['Dimension', 'team: build (…)', 'team: care + mixed (…)'],
  )
  assert.match(heads[1], '(5 people)', 'the shown group says how many answered')
  assert.match(heads[2], '(5 people)', 'so does the merged one')
  const rows = table.getByRole('row')
  assert.is(await rows.count(), 1 + 4, 'the trust pulse has four dimensions')
  for (let i = 1; i < 5; i++) {
    const cells = await rows.nth(i).getByRole('cell').allTextContents()
    assert.match(cells[0], /^\d\.\d$/, 'build shows a mean')
    assert.match(cells[1], /^\d\.\d$/, 'the merged teams show one mean together')
  }
  await visit(p, 'organizer-report-table')

  const byTeam = seen.filter((r) => r.url().includes('by=team')).at(-1)
  assertByTeam(await need(byTeam, 'the report by team that the page fetched').json())
  const overall = seen.filter((r) => !r.url().includes('by=')).at(-1)
  assertOverall(await need(overall, 'the report that the page fetched').json())
  await checkComments(p, pid)
}

Report('the dashboard shows the trend of the closed pulse', async () => {
  const p = organizer()
  await p.getByRole('link', { name: 'Trends across all pulses' }).click()
  await h1(p, 'Dashboard: Trust pulse').waitFor()
  await p.getByRole('region', { name: 'Groups' }).waitFor()
  await visit(p, 'organizer-dashboard')
  await p.goBack()
  await h1(p, 'Report: Trust pulse').waitFor()
})

Report('the organizer shares the results and a member sees them after a reload', async () => {
  const p = organizer()
  await p.getByRole('button', { name: 'Share results with members' }).click()
  await p.getByText('Shared with members', { exact: true }).waitFor()
  await p.getByRole('button', { name: 'Stop sharing results' }).waitFor()
  const pulse = await pulsesPage(p)
  await pulse.getByText('Shared with members', { exact: true }).waitFor()

  const member = need(e2e.story.answered[0], 'a member who answered').page
  await member.reload()
  await h1(member, 'Riverside Makers').waitFor()
  const shared = member.getByRole('region', { name: 'Shared results' })
  await shared.waitFor()
  // Participation is rounded down, as on the organizer's pages (web/member/figures.ts).
  const rate = Math.floor((answering / roster.length) * 100)
  await shared.getByText(`${answering} of ${roster.length} people answered (${rate}%).`).waitFor()
  // One card per non-text question, each with its chart (issue 17: no longer a bare table).
  const list = shared.getByRole('list', { name: /Results for everyone in the community/ })
  await list.waitFor()
  assert.match(
    (await shared.locator('.group-caption').textContent()) ?? '',
    `(${answering} answered)`,
  )
  assert.is(await list.getByRole('listitem').count(), 11, 'one card per non-text question')
  assert.is(await list.getByRole('img').count(), 11, 'each with its chart')
  await member.getByText('No open pulses right now.').waitFor()
  await visit(member, 'member-home-shared-results')
})

Report.run()

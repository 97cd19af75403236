// Scenario: reports at a year of data, on a 1280×800 desktop. The demo's 52 weekly pulses (made
// through the protocol by year-data.ts while the other scenarios run) on a second server: the
// pulses page folded by quarter, newest first, an accidental pulse deleted; the dashboard's
// charts with no label on top of another and one line per group over time; the groups that were
// merged to protect anonymity named on the dashboard and in a report; no console error and no
// failed request anywhere (the schedule's 404 included).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { axeFindings, formatViolations } from './a11y'
import { desktop, e2e, need, newContext, outDir, shot, visit } from './harness'
import { startServer, type RunningServer } from './server'
import { seedYear, type YearData } from './year-data'

const Year = suite('year: 52 pulses on the pulses page, dashboard and report')

// Made alongside the scenarios before this one (imported first, run later): about half a minute.
const seeding: Promise<YearData | Error> = seedYear().catch((error: Error) => error)

let data: YearData | undefined
let server: RunningServer | undefined
let context: BrowserContext | undefined
let p: Page | undefined
/** Console errors, uncaught errors and failed requests on every page of this scenario. */
const problems: string[] = []

const page = () => need(p, 'the organizer page')
const url = (path: string) => `${need(server, 'the year server').url}${path}`
const sid = () => need(data, 'the year').demo.surveyId
const h1 = (name: string | RegExp) => page().getByRole('heading', { level: 1, name })
const height = () => page().evaluate(() => document.documentElement.scrollHeight)

async function api(path: string, init?: { method: 'post' | 'delete'; body?: unknown }) {
  const res = init
    ? await page().request[init.method](url(path), { data: init.body })
    : await page().request.get(url(path))
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`)
  return res.status() === 204 ? undefined : res.json()
}

/** Screenshot and axe (harness visit): no serious or critical violation. */
async function visitClean(name: string) {
  await visit(page(), name)
  const found = axeFindings.get(name) ?? []
  assert.ok(found.length === 0, `${name}:\n${formatViolations(found)}`)
}

/** Pairs of a chart's texts whose boxes overlap on screen ("#10 Feb 8 / #11 Feb 15"). */
function overlappingTexts(chartId: string): Promise<string[]> {
  return page().evaluate((id) => {
    const svg = document.querySelector(`svg[aria-labelledby="${id}-title"]`)
    if (!svg) return [`no chart ${id}`]
    const boxes = [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent?.trim())
      .map((t) => ({ text: t.textContent!.trim(), r: t.getBoundingClientRect() }))
    const out: string[] = []
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.r.right <= b.r.left + 1 ||
          b.r.right <= a.r.left + 1 ||
          a.r.bottom <= b.r.top + 1 ||
          b.r.bottom <= a.r.top + 1
        if (!apart) out.push(`${a.text} / ${b.text}`)
      }
    }
    return out
  }, chartId)
}

Year('a year of weekly pulses made through the protocol, served by a second server', async () => {
  const seeded = await seeding
  if (seeded instanceof Error) throw seeded
  data = seeded
  server = await startServer({
    appDir: e2e.appDir || undefined,
    databaseUrl: data.databaseUrl,
    secretFile: data.secretFile,
  })
  context = await newContext(desktop)
  p = await context.newPage()
  p.on('dialog', (d) => void d.accept())
  p.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)))
  p.on('pageerror', (e) => void problems.push(`uncaught: ${e.message}`))
  p.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)))
  const login = await page().request.post(url('/api/session'), { data: data.login })
  assert.is(login.status(), 200)
  const pulses = await api(`/api/surveys/${sid()}/pulses`)
  assert.is(pulses.length, 52)
  assert.ok(pulses.every((x: { status: string }) => x.status === 'closed'))
})

Year(
  'the pulses page folds a year by quarter, newest first, and is a few screens long',
  async () => {
    const listed: { id: string; opensAt: string }[] = await api(`/api/surveys/${sid()}/pulses`)
    const newest = listed.reduce((a, b) => (a.opensAt > b.opensAt ? a : b))
    await page().goto(url(`/surveys/${sid()}/pulses`))
    await h1('Pulses: Trust pulse').waitFor()
    const quarters = page().locator('details.pulse-quarter')
    await quarters.first().waitFor()
    const count = await quarters.count()
    assert.ok(count >= 4 && count <= 5, `${count} quarters`)
    const opened = await quarters.evaluateAll((all) =>
      all.map((d) => (d as HTMLDetailsElement).open),
    )
    assert.equal(opened, [true, ...Array(count - 1).fill(false)])
    // Newest first: the first pulse shown is the latest one.
    const first = page().locator('li.pulse').first()
    assert.is(await first.locator('time').first().getAttribute('datetime'), newest.opensAt)
    const shown = await page().locator('li.pulse:visible').count()
    assert.ok(shown >= 1 && shown <= 14, `${shown} pulses shown`)
    const tall = await height()
    assert.ok(tall < 4500, `the pulses page is ${tall} px high`)
    await visitClean('year-pulses')

    // An older quarter opens on demand.
    const older = quarters.nth(1)
    await older.locator('summary').click()
    const inOlder = older.locator('li.pulse')
    await inOlder.first().waitFor()
    assert.ok((await inOlder.count()) >= 12)
    await older.locator('summary').click()
  },
)

Year('an accidental pulse is deleted from the pulses page after a confirmation', async () => {
  const day = 86_400_000
  const made = await api(`/api/surveys/${sid()}/pulses`, {
    method: 'post',
    body: {
      opensAt: new Date(Date.now() + 10 * day).toISOString(),
      closesAt: new Date(Date.now() + 12 * day).toISOString(),
    },
  })
  assert.is(made.status, 'scheduled')
  await page().reload()
  await h1('Pulses: Trust pulse').waitFor()
  // Only the pulse that never opened offers deletion: every pulse of the year released results.
  const remove = page().getByRole('button', { name: 'Delete pulse' })
  await remove.waitFor()
  assert.is(await remove.count(), 1)
  await remove.click() // confirm() is accepted
  await page().getByText('Pulse deleted').waitFor()
  assert.is(await remove.count(), 0)
  const after: { id: string }[] = await api(`/api/surveys/${sid()}/pulses`)
  assert.is(after.length, 52)
  assert.not.ok(after.some((x) => x.id === made.id))
})

Year('the dashboard labels 52 pulses without overlap and draws one line per team', async () => {
  await page().goto(url(`/surveys/${sid()}/dashboard`))
  await h1('Dashboard: Trust pulse').waitFor()
  const line = page().locator('svg[aria-labelledby="group-trend-title"]')
  await line.waitFor()
  for (const chart of [
    'participation-trend',
    'nps-trend',
    'dimension-trend',
    'question-trend',
    'group-trend',
  ]) {
    assert.equal(await overlappingTexts(chart), [], `${chart}: labels on top of each other`)
  }
  const participation = page().locator('svg[aria-labelledby="participation-trend-title"] text')
  const labels = (await participation.allTextContents()).filter((t) => t.startsWith('#'))
  assert.ok(labels.length >= 4 && labels.length <= 7, labels.join(', '))
  assert.match(labels.at(-1)!, /^#52/)
  // One line per team (build, care, outreach), and the merged weeks' group beside them.
  const lines = line.locator('g.series')
  assert.ok((await lines.count()) >= 3, `${await lines.count()} lines`)
  const legend = line.locator(
    'xpath=ancestor::div[contains(@class,"chart")][1]//ul[@class="legend"]',
  )
  for (const team of ['build', 'care', 'outreach']) {
    await legend.getByText(`team: ${team}`, { exact: true }).waitFor()
  }
  const tall = await height()
  assert.ok(tall < 5000, `the dashboard is ${tall} px high`)
  await visitClean('year-dashboard')
})

/** The latest pulse whose team cut counted two teams together in its `{}` group. */
async function mergedPulse(): Promise<string> {
  const trend = await api(`/api/surveys/${sid()}/trend?by=team`)
  const other = trend.groups.find((g: { cohort: object }) => Object.keys(g.cohort).length === 0) as
    { series: { pulseId: string; suppressed: boolean; keyIds?: string[] }[] } | undefined
  const merged = other?.series.filter((s) => !s.suppressed && (s.keyIds?.length ?? 0) >= 2) ?? []
  assert.ok(merged.length > 0, 'no pulse of the year merged two teams')
  return merged.at(-1)!.pulseId
}

Year('the dashboard says which teams were merged, and why a cut by tenure is "mixed"', async () => {
  const pid = await mergedPulse()
  await page().selectOption('#heat-pulse', pid)
  const note = page().getByRole('region', { name: /^Why “team: .+ \+ .+”\?$/ })
  await note.waitFor()
  assert.match(
    (await note.textContent()) ?? '',
    /To protect anonymity, “\w+” and “\w+” were counted together in this pulse: too few answered/,
  )
  await page().selectOption('#heat-by', 'tenure')
  const mixed = page().getByRole('region', { name: 'Why “tenure: mixed”?' })
  await mixed.waitFor()
  assert.match(
    (await mixed.textContent()) ?? '',
    /In team build, team care and team outreach, members are counted without their tenure/,
  )
  await shot(page(), 'year-dashboard-tenure')
  await page().selectOption('#heat-by', 'team')
})

Year(
  'the report of a merged pulse names the merged group instead of "other or no team"',
  async () => {
    const pid = await mergedPulse()
    await page().goto(url(`/pulses/${pid}/report`))
    await h1('Report: Trust pulse').waitFor()
    const heatmap = page().locator('svg[aria-labelledby="groups-heatmap-title"]')
    await heatmap.waitFor()
    const note = page().getByRole('region', { name: /^Why “team: .+ \+ .+”\?$/ })
    await note.waitFor()
    const rows = await heatmap.locator('text.heat-row').allTextContents()
    assert.ok(
      rows.some((r) => /^team: \w+ \+ \w+/.test(r)),
      rows.join(' | '),
    )
    assert.not.ok(rows.some((r) => r.includes('other or no team')))
    await visitClean('year-report')
  },
)

Year('no console error, uncaught error or failed request on any of these pages', () => {
  assert.equal(problems, [])
})

Year.after(async () => {
  await context?.close().catch(() => {})
  if (server) {
    writeFileSync(join(outDir, 'year-server.log'), server.log())
    await server.stop().catch(() => {})
  }
  data?.remove()
})

Year.run()

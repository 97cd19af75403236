// The end-to-end harness: one headless Chromium, browser contexts on the test server,
// screenshots, and what the scenarios hand each other. They are steps of one story (members
// answer the pulse the organizer opened), so they share the `e2e` object.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { checkA11y } from './a11y'
import { root } from './server'

export const outDir = join(root, 'test-output/e2e')

/** What the scenarios hand each other, filled in as the story goes. */
export interface Story {
  surveyId?: string
  pulseId?: string
  /** email → invite link, as read from the members page. */
  invites?: Map<string, string>
  /** Each member's phone, from the moment they opened their invite link (before the pulse). */
  phones?: Map<string, { context: BrowserContext; page: Page }>
  /** Members who got a receipt, with their browser context (kept open for scenario 3). */
  answered: { email: string; context: BrowserContext; page: Page; receipt: string }[]
}

export const e2e = {
  baseUrl: '',
  /** The server's database URL, for the operator's commands (`npm run password:reset`). */
  databaseUrl: '',
  /** The sources and build the server serves (year.e2e.ts starts a second server on it). */
  appDir: '',
  browser: undefined as Browser | undefined,
  organizer: undefined as Page | undefined,
  story: { answered: [] } as Story,
  shots: [] as string[],
  /** Findings to print at the end: not failures, but worth a look. */
  notes: new Set<string>(),
}

const team = (name: string, people: string[]) =>
  people.map((p) => ({ email: `${p}@example.org`, team: name }))

/**
 * The community the organizer imports. With k = 5, API.md's cohort rule keeps build (6) and
 * care (5) apart and pools outreach (3) and events (2) into one cohort of 5 that keeps no team.
 */
export const roster = [
  ...team('build', ['ana', 'ben', 'cem', 'dia', 'eli', 'fay']),
  ...team('care', ['gus', 'hal', 'ida', 'jon', 'kim']),
  ...team('outreach', ['lea', 'max', 'ned']),
  ...team('events', ['ola', 'pia']),
]

/** How many members answer the pulse in scenario 2 (members.e2e.ts names them). */
export const answering = 10

/** Fails with a readable message when an earlier step did not produce what this one needs. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null)
    throw new Error(`Missing ${what}: an earlier step failed.`)
  return value
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
}

/** A new context on the test server; actions fail after 15 s rather than Playwright's 30. */
export async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await need(e2e.browser, 'browser').newContext({
    ...options,
    baseURL: e2e.baseUrl,
  })
  context.on('weberror', (e) =>
    e2e.notes.add(`Uncaught error in ${e.page()?.url() ?? 'a page'}: ${e.error().message}`),
  )
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(20_000)
  return context
}

/** A full-page screenshot under test-output/e2e/, numbered in the order taken. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(outDir, { recursive: true })
  const file = `${String(e2e.shots.length + 1).padStart(2, '0')}-${name}.png`
  e2e.shots.push(file)
  await page.screenshot({ path: join(outDir, file), fullPage: true })
}

/** Screenshot plus axe: what every main page gets. */
export async function visit(page: Page, name: string): Promise<void> {
  const t0 = Date.now()
  await shot(page, name)
  const t1 = Date.now()
  await checkA11y(page, name)
  if (process.env.E2E_TIMING)
    console.log(`\n  ${name}: screenshot ${t1 - t0} ms, axe ${Date.now() - t1} ms`)
}

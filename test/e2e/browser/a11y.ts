// axe-core in the pages under test: serious and critical violations are recorded per page
// (accessibility.e2e.ts fails on them), minor ones are printed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { root } from './server'

export interface AxeViolation {
  id: string
  impact: string
  help: string
  helpUrl: string
  nodes: { target: string[]; html: string; failureSummary?: string }[]
}

/** Page name → its serious and critical violations, for every page checked so far. */
export const axeFindings = new Map<string, AxeViolation[]>()

let axeSource: string | undefined

/**
 * Runs axe-core in the page and records its serious and critical violations under `name`.
 * The pages' CSP (script-src 'self') refuses an injected <script> (page.addScriptTag), so the
 * source is evaluated through the DevTools protocol (page.evaluate), which the CSP does not
 * govern: the pages are tested with their real CSP, no bypassCSP.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  axeSource ??= readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8')
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    type Axe = { run: (context: Document, options: object) => Promise<{ violations: any[] }> }
    const { axe } = window as unknown as { axe: Axe }
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v): AxeViolation => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: AxeViolation['nodes'][number]) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }))
  })
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  // A page checked twice (two members on the same page) keeps each rule once.
  const known = axeFindings.get(name) ?? []
  axeFindings.set(name, [...known, ...serious.filter((v) => !known.some((k) => k.id === v.id))])
  const minor = violations.filter((v) => !serious.includes(v))
  if (minor.length) {
    console.log(`\n  axe (${name}), minor: ${minor.map((v) => `${v.id} [${v.impact}]`).join(', ')}`)
  }
}

const indent = (text: string) => text.replace(/\n/g, '\n         ')

/** Axe violations as lines a person can act on: rule, help link, and where (first five). */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => {
        const why = n.failureSummary ? `\n         ${indent(n.failureSummary)}` : ''
        return `      at ${n.target.join(' ')}\n         ${n.html.slice(0, 160)}${why}`
      })
      if (v.nodes.length > 5) nodes.push(`      … and ${v.nodes.length - 5} more`)
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`
    })
    .join('\n')
}

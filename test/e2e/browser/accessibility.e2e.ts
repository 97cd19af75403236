// Scenario 5: axe-core ran in every main page as the story visited it (harness.ts, visit());
// here each page must have been reached and be free of serious and critical violations.
import { suite } from 'uvu'
import { axeFindings, formatViolations } from './a11y'

const A11y = suite('accessibility: axe-core on every main page')

const pages = [
  'organizer-setup',
  'organizer-communities',
  'organizer-settings',
  'organizer-members',
  'organizer-messages',
  'organizer-surveys',
  'organizer-new-survey',
  'organizer-designer',
  'organizer-pulses-open',
  'organizer-pulses-closed',
  'organizer-report',
  'organizer-report-table',
  'organizer-dashboard',
  'organizer-new-meeting',
  'organizer-tracker',
  'organizer-tracker-offline',
  'organizer-meeting-summary',
  'organizer-meetings',
  'member-home',
  'member-pulse-questions',
  'member-pulse-review',
  'member-pulse-offline',
  'member-pulse-receipt',
  'member-home-de',
  'member-pulse-de',
  'member-home-shared-results',
]

function check(name: string) {
  const violations = axeFindings.get(name)
  if (!violations) throw new Error(`${name} was never checked: the scenario did not reach it.`)
  if (violations.length) {
    throw new Error(
      `${name}: ${violations.length} serious or critical axe violation(s)\n${formatViolations(violations)}`,
    )
  }
}

for (const name of pages) A11y(`${name} has no serious or critical violations`, () => check(name))

A11y('other pages visited have none either', () => {
  const failures = [...axeFindings.keys()].filter(
    (n) => !pages.includes(n) && axeFindings.get(n)!.length,
  )
  if (failures.length)
    throw new Error(
      failures.map((n) => `${n}:\n${formatViolations(axeFindings.get(n)!)}`).join('\n'),
    )
})

A11y.run()

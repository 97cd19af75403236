// The story `npm run demo` tells (api/demo/main.ts): who the members of "Riverside Makers" are, how
// their answers to the trust pulse drift over a year, and what a few of them write. Pure and
// seeded, so a demo run is reproducible apart from the cryptographic randomness of the protocol.
import type { Question } from '../surveys/questions'

export const DEMO_COMMUNITY = 'Riverside Makers (demo)'
export const DEMO_ATTRIBUTES = ['team', 'tenure']
export const DEMO_DOMAIN = 'riverside.example'

export interface DemoPerson {
  first: string
  last: string
  team: 'build' | 'care' | 'outreach'
  tenure: '<1 year' | '1-3 years' | '3+ years'
}

export const emailOf = (p: DemoPerson) => `${p.first}.${p.last}@${DEMO_DOMAIN}`.toLowerCase()

// 9 build, 6 care, 5 outreach: with k = 5 every team is a cohort of its own (a team of 4 would
// be pooled into a group below k and keep the whole community in one cohort, API.md's rule), and
// no tenure value reaches 5 within a team, so there are three keys a pulse. Names avoid ordinary
// words: their parts are redacted from comments wherever they appear.
const p = (
  first: string,
  last: string,
  team: DemoPerson['team'],
  tenure: DemoPerson['tenure'],
): DemoPerson => ({ first, last, team, tenure })
export const DEMO_MEMBERS: DemoPerson[] = [
  p('Priya', 'Sharma', 'build', '3+ years'),
  p('Tomas', 'Berg', 'build', '1-3 years'),
  p('Amara', 'Nwosu', 'build', '<1 year'),
  p('Jonas', 'Keller', 'build', '1-3 years'),
  p('Leila', 'Haddad', 'build', '<1 year'),
  p('Mateo', 'Ruiz', 'build', '3+ years'),
  p('Ingrid', 'Lindqvist', 'build', '1-3 years'),
  p('Kofi', 'Mensah', 'build', '<1 year'),
  p('Sofia', 'Costa', 'build', '1-3 years'),
  p('Ravi', 'Iyer', 'care', '3+ years'),
  p('Elena', 'Petrova', 'care', '1-3 years'),
  p('Dmitri', 'Volkov', 'care', '<1 year'),
  p('Hana', 'Sato', 'care', '3+ years'),
  p('Oskar', 'Nilsson', 'care', '1-3 years'),
  p('Nadia', 'Farouk', 'care', '<1 year'),
  p('Emeka', 'Eze', 'outreach', '3+ years'),
  p('Freya', 'Larsen', 'outreach', '1-3 years'),
  p('Yusuf', 'Demir', 'outreach', '<1 year'),
  p('Carmen', 'Vidal', 'outreach', '1-3 years'),
  p('Lukas', 'Brandt', 'outreach', '<1 year'),
]

/** Two newcomers imported part-way through the year (the teams stay three cohorts). */
export const DEMO_NEWCOMERS: DemoPerson[] = [
  p('Aiko', 'Tanaka', 'build', '<1 year'),
  p('Bruno', 'Moreau', 'outreach', '<1 year'),
]

/** Deterministic pseudo-random numbers (mulberry32): the story, never the protocol's secrets. */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const between = (lo: number, hi: number) => lo + (hi - lo) * next()
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1))
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  /** Standard normal (Box–Muller). */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  return { next, between, int, pick, normal }
}
export type Random = ReturnType<typeof seededRandom>

/** How far through the year a week is, 0 … 1. */
export const yearFraction = (week: number, weeks: number) => (weeks <= 1 ? 0 : week / (weeks - 1))

/** The mid-year dip (a workshop move and a funding scare), deepest at the middle of the year. */
export const dip = (f: number) => Math.exp(-(((f - 0.5) / 0.07) ** 2))

// How each dimension moves over the year (start → end), on the 1–5 scale.
const drift: Record<string, [number, number]> = {
  'psychological safety': [-0.25, 0.45],
  voice: [-0.45, 0.5],
  'trust in peers': [0.05, 0.25],
  learning: [0, 0.3],
}
const teamOffset: Record<DemoPerson['team'], number> = { build: 0.1, care: -0.5, outreach: 0.2 }
const teamDip: Record<DemoPerson['team'], number> = { build: 0.6, care: 1.0, outreach: 0.5 }

/** A member's lasting disposition: how positive they are and how often they answer. */
export interface Disposition {
  offset: number
  propensity: number
}

export function disposition(random: Random): Disposition {
  return { offset: 0.35 * random.normal(), propensity: random.between(0.6, 1) }
}

/** The share of members who answer in week `week` (70–95 %, lower around the dip). */
export function participation(random: Random, week: number, weeks: number): number {
  return Math.min(
    0.95,
    Math.max(0.7, random.between(0.76, 0.95) - 0.08 * dip(yearFraction(week, weeks))),
  )
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

/**
 * One member's answers to the survey's non-text questions for week `week`: likert statements
 * around a level that drifts by dimension, lower in the care team, with a dip mid-year; the
 * recommendation score (0–10) follows the member's overall level.
 */
export function demoAnswers(
  questions: Question[],
  person: DemoPerson,
  mood: Disposition,
  week: number,
  weeks: number,
  random: Random,
): { questionId: string; value: number }[] {
  const f = yearFraction(week, weeks)
  const base =
    3.45 +
    mood.offset +
    teamOffset[person.team] -
    teamDip[person.team] * dip(f) +
    0.15 * random.normal()
  const levels: number[] = []
  const answers: { questionId: string; value: number }[] = []
  for (const q of questions) {
    if (q.kind === 'likert5') {
      const [from, to] = drift[q.dimension ?? ''] ?? [0, 0]
      const level = base + from + (to - from) * f
      levels.push(level)
      answers.push({
        questionId: q.id,
        value: clamp(Math.round(level + 0.75 * random.normal()), 1, 5),
      })
    } else if (q.kind === 'scale10') {
      const level = levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : base
      answers.push({
        questionId: q.id,
        value: clamp(Math.round(((level - 1) / 4) * 10 + 1.6 + 1.3 * random.normal()), 0, 10),
      })
    }
  }
  return answers
}

// What members write, by the phase of the year. No text says "demo": the organizer's address
// (demo@…) makes that word a known name, and it would be redacted.
const early = [
  'Decisions sometimes happen in side chats and I only hear about them afterwards.',
  'I would like a clearer way to suggest a project without it sounding like a complaint.',
  'Still finding my feet. People are friendly, but I am not sure who to ask about what.',
  'The Thursday build nights are great, the planning meetings less so.',
  'It is hard to disagree with the people who have been here longest.',
  'Nice to see these check-ins. Curious whether anything will come of them.',
]
const middle = [
  'The move to the new workshop has everyone stretched thin.',
  'Since the funding news, meetings feel tense and people have stopped raising concerns.',
  'Feels like the same few voices decide everything right now.',
  'On the care rota we are often too tired to speak up at the meetings.',
  'I made a mistake with the stock order and was afraid to say so. I should not have to be.',
  'Too much is happening at once. A short pause to regroup would help.',
  'Please keep the tool library open during the move, people rely on it.',
]
const late = [
  'The new "half-baked ideas" slot at the monthly meeting is working well.',
  'I feel a lot more comfortable disagreeing than I did in spring.',
  'The retro after the market stall looked at what to change, not at who messed up.',
  'Good to see the rota shared out more fairly.',
  'Asked a very basic question about the laser cutter and nobody made me feel silly.',
  'Onboarding for newcomers is much better now, the buddy system helps.',
  'Would love more cross-team sessions like the repair café weekend.',
]
const anytime = [
  'More snacks at build night, please.',
  'It would help to get the meeting notes before the meeting, not after.',
  'Thanks for asking. Nothing to add this week.',
  'The group chat is a bit overwhelming; a weekly summary would help.',
  'I learned a lot from pairing on the bike repair stand.',
]
// Comments that name people, so the redaction of known names and emails shows in the results.
const mentions: ((m: DemoPerson, organizer: string) => string)[] = [
  (m) => `Shout-out to ${m.first} for patiently showing me the CNC router.`,
  (m) => `${m.first} ${m.last} ran a really good retro this week.`,
  (m) => `Write to ${emailOf(m)} if you want to help with the stall on Saturday.`,
  (_, organizer) => `${organizer} listened when I raised the noise issue, thank you.`,
  (m) => `I wish ${m.first} would let others finish their sentences in meetings.`,
  (_, organizer) => `Could ${organizer} share the budget before we vote on it?`,
]

/** A comment as a member might write it in week `week`, sometimes naming someone. */
export function demoComment(
  random: Random,
  week: number,
  weeks: number,
  others: DemoPerson[],
  organizer: string,
): string {
  if (random.next() < 0.25) return random.pick(mentions)(random.pick(others), organizer)
  const f = yearFraction(week, weeks)
  const phase = dip(f) > 0.3 ? middle : f < 0.4 ? early : f > 0.6 ? late : anytime
  return random.pick(random.next() < 0.75 ? phase : anytime)
}
